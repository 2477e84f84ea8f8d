"""With JavaScript off, the forms are plain HTML forms and still do their job (htmx only
enhances them)."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import (
    PASSWORD,
    AdvisorFactory,
    AvailabilityWindowFactory,
    OpportunityFactory,
    StudentProfileFactory,
)

from .helpers import login, screenshot

pytestmark = pytest.mark.e2e


def test_listing_filters_work_without_javascript(new_page):
    # 22 short ones fitting 10 h a week (two pages of 20), and listings the filters leave out.
    for n in range(22):
        OpportunityFactory(title=f"Short project {n:02d}", format__slug="micro-internship")
    OpportunityFactory(
        title="Long weekly project",
        format__slug="micro-internship",
        weekly_hours_min=25,
        weekly_hours_max=30,
    )
    OpportunityFactory(title="A real internship", format__slug="internship", weekly_hours_max=10)
    page = new_page(java_script_enabled=False)

    page.goto("/opportunities/")
    expect(page.locator("#results")).to_contain_text("24 open listings match")
    page.get_by_role("checkbox", name="Micro-internship", exact=True).check()
    page.get_by_label("At most this many hours a week").fill("10")
    page.get_by_role("button", name="Show results").click()

    expect(page).to_have_url(re.compile(r"/opportunities/\?.*format=micro-internship"))
    results = page.locator("#results")
    expect(results).to_contain_text("22 open listings match")
    expect(results.get_by_text("Long weekly project")).to_have_count(0)
    expect(results.get_by_text("A real internship")).to_have_count(0)
    # The form shows what was asked, and the page links keep the filters.
    expect(page.get_by_role("checkbox", name="Micro-internship", exact=True)).to_be_checked()
    expect(page.get_by_label("At most this many hours a week")).to_have_value("10")
    next_link = page.get_by_role("navigation", name="Pages of results").get_by_role(
        "link", name="Next"
    )
    href = next_link.get_attribute("href")
    assert "format=micro-internship" in href and "max_weekly_hours=10" in href, href
    next_link.click()
    expect(results).to_contain_text("Page 2 of 2")
    expect(results.locator("ol[aria-label=Listings] > li")).to_have_count(2)
    expect(page.get_by_role("checkbox", name="Micro-internship", exact=True)).to_be_checked()
    screenshot(page, "journey-4a-filters-without-javascript")


def test_a_recommendation_draft_is_saved_without_javascript(new_page):
    advisor = AdvisorFactory(email="adviser@uni.example.edu")
    profile = StudentProfileFactory(
        complete=True, advisor=advisor, user__first_name="Noor", user__last_name="Haddad"
    )
    AvailabilityWindowFactory(profile=profile, label="Spring term", weeks=12, weekly_hours=4)
    page = new_page(java_script_enabled=False)
    login(page, "adviser@uni.example.edu", PASSWORD)

    page.goto(f"/advising/students/{profile.pk}/recommendations/new/")
    lines = page.locator("fieldset.recommendation-line")
    first = lines.first
    first.get_by_label(re.compile(r"^\s*Format\W*$")).select_option(label="Flashternship")
    first.get_by_label("How many").fill("2")
    first.get_by_label("Rationale").fill("Two quick looks at different fields.")
    for i in range(1, lines.count()):  # keep only the first line
        line = lines.nth(i)
        if line.get_by_label(re.compile(r"^\s*Format\W*$")).input_value():
            line.get_by_label(re.compile(r"^\s*Delete")).check()
    page.get_by_label("Next step").fill("Pick one flashternship this month.")
    page.get_by_role("button", name="Save draft").click()

    expect(page).to_have_url(re.compile(rf"/advising/students/{profile.pk}/$"))
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    card = page.locator("article.card").first
    expect(card.locator(".badge")).to_have_text("Draft")
    expect(card.locator(".recommendation-items li")).to_have_text(
        re.compile(r"2 × Flashternship .*Two quick looks at different fields\.", re.S)
    )
    screenshot(page, "journey-4b-draft-without-javascript")
