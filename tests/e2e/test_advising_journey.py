"""An advisor and a student around one recommendation, each in their own browser.

The data is set up with factories: the student's profile and windows, and its assignment to
the advisor. Assigning a student through the admin is the admin's job and not what this
journey is about (the admin journey walks the admin); building the profile by hand is journey 1.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import (
    PASSWORD,
    AdvisorFactory,
    AvailabilityWindowFactory,
    OpportunityFactory,
    StudentFactory,
    StudentProfileFactory,
)

from .helpers import login, screenshot

pytestmark = pytest.mark.e2e


def _kept_lines(page: Page, wanted: int) -> None:
    """Keep the first `wanted` lines of the recommendation form, each with a format; remove
    the other pre-filled ones (the blank last line is left empty and so is not saved)."""
    lines = page.locator("fieldset.recommendation-line")
    for i in range(lines.count()):
        line = lines.nth(i)
        fmt = line.get_by_label(re.compile(r"^\s*Format\W*$"))
        if i < wanted:
            if not fmt.input_value():
                fmt.select_option(label="Flashternship")
        elif fmt.input_value():
            line.get_by_label(re.compile(r"^\s*(Remove|Delete)")).check()


def test_an_advisor_recommends_a_mix_and_the_student_accepts_it(new_page):
    advisor = AdvisorFactory(email="adviser@uni.example.edu", first_name="Ana", last_name="Reyes")
    student = StudentFactory(email="noor@uni.example.edu", first_name="Noor", last_name="Haddad")
    profile = StudentProfileFactory(
        user=student, complete=True, advisor=advisor, career_clarity="exploring"
    )
    AvailabilityWindowFactory(profile=profile, label="Spring term", weeks=12, weekly_hours=4)
    # Someone else's student: not in this advisor's caseload.
    StudentProfileFactory(
        user=StudentFactory(first_name="Other", last_name="Person"),
        advisor=AdvisorFactory(),
    )
    OpportunityFactory(title="Data cleaning micro-project", format__slug="micro-internship")
    # 4 h/week in term is 2 h/week of plan: a nano-internship fits it.
    OpportunityFactory(
        title="Two-hour nano task",
        format__slug="nano-internship",
        weekly_hours_min=2,
        weekly_hours_max=2,
        duration_weeks=None,
        total_hours=2,
    )

    advisor_page = new_page()
    login(advisor_page, "adviser@uni.example.edu", PASSWORD)
    advisor_page.goto("/advising/")
    expect(advisor_page.get_by_role("heading", level=1)).to_have_text("Your caseload")
    caseload = advisor_page.locator("table.caseload")
    expect(caseload.get_by_role("link", name="Noor Haddad")).to_be_visible()
    expect(caseload.get_by_text("Other Person")).to_have_count(0)
    caseload.get_by_role("link", name="Noor Haddad").click()
    expect(advisor_page.get_by_role("heading", level=1)).to_have_text("Noor Haddad")

    # What-if: more hours a week; the panel changes in place (no page load: the marker stays).
    panel = advisor_page.locator("#suggestion-panel")
    before = panel.inner_text()
    expect(panel).to_contain_text("12 weeks × 4 h/week")
    advisor_page.evaluate("() => { window.__samePage = true; }")
    advisor_page.get_by_label("Spring term: hours per week").fill("30")
    advisor_page.get_by_role("button", name="Show the suggestion").click()
    expect(panel).to_contain_text("12 weeks × 30 h/week")
    assert panel.inner_text() != before
    assert advisor_page.evaluate("() => window.__samePage === true"), "what-if reloaded the page"
    expect(advisor_page).to_have_url(re.compile(r"/what-if/\?.*w0_hours=30"))

    # Record a recommendation with two lines and share it.
    advisor_page.goto(f"/advising/students/{profile.pk}/")
    advisor_page.get_by_role("link", name="Record a recommendation").click()
    expect(advisor_page.get_by_role("heading", level=1)).to_contain_text("Record a recommendation")
    _kept_lines(advisor_page, 2)
    advisor_page.get_by_label("Next step").fill("Apply to two short projects this spring.")
    advisor_page.get_by_role("button", name="Share with student").click()
    expect(advisor_page.get_by_text("Recommendation shared with the student.")).to_be_visible()
    card = advisor_page.locator("article.card").first
    expect(card.locator(".recommendation-items li")).to_have_count(2)
    expect(card).to_contain_text("no answer yet")

    # The student sees it on the dashboard, opens it and accepts it with a comment.
    student_page = new_page()
    login(student_page, "noor@uni.example.edu", PASSWORD)
    student_page.goto("/me/")
    shared = student_page.locator("#recommendations")
    expect(shared).to_contain_text("Apply to two short projects this spring.")
    shared.get_by_role("link", name="Read it and answer").click()
    expect(student_page.get_by_role("heading", level=1)).to_have_text(
        "Your advisor's recommendation"
    )
    expect(student_page.locator(".recommendation-items li")).to_have_count(2)
    student_page.get_by_label("I accept this plan").check()
    student_page.get_by_label("Comment").fill("I will start with the first one in March.")
    student_page.get_by_role("button", name="Send my answer").click()
    expect(student_page.get_by_text(re.compile("You answered on .*accepted"))).to_be_visible()

    # The advisor sees the answer on the student's page.
    advisor_page.reload()
    card = advisor_page.locator("article.card").first
    expect(card.locator(".badge")).to_have_text("Accepted by the student")
    expect(card.locator(".response")).to_contain_text("I will start with the first one in March.")
    screenshot(advisor_page, "journey-2-advisor-sees-acceptance")
