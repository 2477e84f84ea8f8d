"""A new student, from signing up to a saved listing on the dashboard next to the suggested mix."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import OpportunityFactory

from .helpers import screenshot, sign_up

pytestmark = pytest.mark.e2e


def test_a_new_student_builds_a_profile_finds_a_listing_and_saves_it(page):
    # What the catalogue holds today: the one that fits the filters, and two that do not.
    OpportunityFactory(
        title="Survey analysis sprint", format__slug="micro-internship", weekly_hours_max=8
    )
    OpportunityFactory(
        title="Busy micro project",
        format__slug="micro-internship",
        weekly_hours_min=20,
        weekly_hours_max=30,
    )
    OpportunityFactory(
        title="Summer marketing internship",
        format__slug="internship",
        weekly_hours_min=30,
        weekly_hours_max=40,
        duration_weeks=10,
    )

    sign_up(page, "new.student@uni.example.edu", "Plum-orchard-autumn-47")
    expect(page.get_by_text("new.student@uni.example.edu (Student)")).to_be_visible()

    # The profile, with two availability windows (the second through "Add another window").
    page.goto("/me/profile/")
    page.get_by_label("Programme").fill("BSc Economics")
    page.get_by_label("How clear is your career direction?").select_option("exploring")
    windows = page.locator("fieldset.window-row")
    first = windows.nth(0)
    first.get_by_label("Name").fill("Spring term")
    first.get_by_label("Weeks").fill("12")
    first.get_by_label("Hours per week").fill("6")
    page.get_by_role("button", name="Add another window").click()
    expect(windows).to_have_count(2)
    # What was typed survives the round trip that adds a row.
    expect(windows.nth(0).get_by_label("Name")).to_have_value("Spring term")
    second = windows.nth(1)
    second.get_by_label("Name").fill("Summer")
    second.get_by_label("Weeks").fill("8")
    second.get_by_label("Hours per week").fill("35")
    page.get_by_role("button", name="Save your profile").click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    availability = page.locator("#availability")
    expect(availability.get_by_role("row", name=re.compile("Spring term"))).to_be_visible()
    expect(availability.get_by_role("row", name=re.compile("Summer"))).to_be_visible()

    # Browse, then narrow down by format and weekly hours.
    page.get_by_role("navigation").get_by_role(
        "link", name=re.compile("Opportunities")
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opportunities")
    results = page.locator("#results")
    expect(results).to_contain_text("3 open listings match")
    page.get_by_role("checkbox", name="Micro-internship", exact=True).check()
    expect(results).to_contain_text("2 open listings match")
    page.get_by_label("At most this many hours a week").fill("10")
    page.get_by_role("button", name="Show results").click()
    expect(results).to_contain_text("1 open listing matches")
    expect(results.get_by_role("link", name="Survey analysis sprint", exact=True)).to_be_visible()
    expect(results.get_by_text("Busy micro project")).to_have_count(0)
    expect(results.get_by_text("Summer marketing internship")).to_have_count(0)
    expect(page).to_have_url(
        re.compile(
            r"format=micro-internship.*max_weekly_hours=10|"
            r"max_weekly_hours=10.*format=micro-internship"
        )
    )

    # Open it and save it.
    results.get_by_role("link", name="Survey analysis sprint").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Survey analysis sprint")
    page.get_by_role("button", name=re.compile("^Save this listing")).click()
    expect(page.get_by_role("button", name=re.compile("^Remove from saved"))).to_be_visible()

    # The dashboard shows the saved listing and the suggested mix for the two windows.
    page.goto("/me/")
    saved = page.locator("#saved-listings")
    expect(saved.get_by_role("link", name="Survey analysis sprint", exact=True)).to_be_visible()
    mix = page.locator("#suggested-mix")
    expect(mix.get_by_role("heading", name="Your suggested mix")).to_be_visible()
    expect(mix).to_contain_text("12 weeks × 6 h/week")
    expect(mix).to_contain_text("8 weeks × 35 h/week")
    expect(mix.get_by_text("Survey analysis sprint").first).to_be_visible()
    screenshot(page, "journey-1-student-dashboard")
