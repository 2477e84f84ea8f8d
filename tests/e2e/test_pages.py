"""Every main page, as the person who uses it sees it with content in it: axe-core (no serious
or critical WCAG 2.x A/AA violation) and, for the main ones, a phone's screen (nothing to
scroll sideways).

Sign-up and login (with and without errors) are in test_accessibility.py. Pages are grouped by
who sees them, one test (and one login) per group, to keep the suite
fast; each group checks all its pages and then reports every page that failed, by name.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from advising.models import Recommendation, RecommendationStatus
from tests.factories import (
    PASSWORD,
    AdvisorFactory,
    AvailabilityWindowFactory,
    CareerAdminFactory,
    ExperienceFactory,
    OpportunityFactory,
    RecommendationFactory,
    RecommendationItemFactory,
    SavedOpportunityFactory,
    StudentFactory,
    StudentProfileFactory,
)

from .helpers import (
    PHONE,
    assert_focus_visible,
    assert_no_horizontal_scroll,
    axe_check,
    login,
    tab_round,
    tab_to,
)

pytestmark = pytest.mark.e2e


class World:
    """A small, full site: listings of several formats, a student with everything filled in,
    their advisor and a career-center admin."""

    def __init__(self):
        self.listings = [
            OpportunityFactory(title="Survey analysis sprint", skills=["data-analysis"]),
            OpportunityFactory(
                title="Summer product internship",
                format__slug="internship",
                weekly_hours_min=35,
                weekly_hours_max=40,
                duration_weeks=10,
            ),
            OpportunityFactory(title="One-day brand review", format__slug="flashternship"),
            *(OpportunityFactory() for _ in range(3)),
        ]
        self.listing = self.listings[0]
        # As a feed gives it: no hours, length, pay, work mode or deadline; many places.
        self.quiet_listing = OpportunityFactory(
            title="Quantitative research intern",
            unstated=True,
            industry=None,
            summary="",
            description="",
            locations=[
                "New York, NY",
                "Chicago, IL",
                "San Francisco, CA",
                "Remote in USA",
                "Toronto, ON, Canada",
            ],
            terms=["Summer 2099", "Fall 2099"],
            sponsorship="does_not_offer",
            apply_url="https://careers.example.org/jobs/" + "x" * 1800,
        )
        self.advisor = AdvisorFactory(email="adviser@uni.example.edu")
        self.student = StudentFactory(
            email="noor@uni.example.edu", first_name="Noor", last_name="Haddad"
        )
        self.profile = StudentProfileFactory(
            user=self.student,
            complete=True,
            advisor=self.advisor,
            target_industries=["marketing"],
        )
        # Dated, so that the year view shows its week-by-week load; the summer undated.
        start = timezone.localdate() + timedelta(weeks=3)
        spring = AvailabilityWindowFactory(
            profile=self.profile,
            label="Spring term",
            weeks=12,
            weekly_hours=6,
            starts_on=start,
            ends_on=start + timedelta(weeks=12, days=-1),
        )
        AvailabilityWindowFactory(profile=self.profile, label="Summer", weeks=8, weekly_hours=35)
        # A first try that fits the busy spring: the suggestion has something for it.
        OpportunityFactory(
            title="Two-hour nano task",
            format__slug="nano-internship",
            weekly_hours_min=2,
            weekly_hours_max=4,
            duration_weeks=None,
            total_hours=2,
        )
        ExperienceFactory(profile=self.profile)
        ExperienceFactory(profile=self.profile, planned=True)
        SavedOpportunityFactory(user=self.student, opportunity=self.listing)
        self.recommendation = RecommendationFactory(
            profile=self.profile,
            advisor=self.advisor,
            shared=True,
            follow_up_on=timezone.localdate() + timedelta(days=14),
        )
        item = RecommendationItemFactory(recommendation=self.recommendation, window=spring)
        item.opportunities.add(self.listing)
        RecommendationItemFactory(recommendation=self.recommendation, format__slug="internship")
        self.admin = CareerAdminFactory(email="admin@uni.example.edu")


@pytest.fixture
def world(db):
    return World()


def check_pages(page: Page, pages: dict[str, str], *, phone: set[str] = frozenset()) -> None:
    """axe on each page (and no sideways scrolling on a phone for those in `phone`); then fail
    with every problem found, page by page."""
    __tracebackhide__ = True
    problems = []
    for name, url in pages.items():
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        try:
            axe_check(page, name)
        except AssertionError as error:
            problems.append(str(error))
        if name in phone:
            try:
                assert_no_horizontal_scroll(page)
            except AssertionError as error:
                problems.append(str(error))
    assert not problems, "\n\n".join(problems)


def test_public_pages(page, world):
    listing = world.listing
    check_pages(
        page,
        {
            "home": "/",
            "formats-guide": "/formats/",
            "format-page": "/formats/micro-internship/",
            "compare": "/formats/compare/?f=internship&f=flashternship&f=micro-internship",
            "listings": "/opportunities/",
            "listings-filtered": (
                "/opportunities/?format=micro-internship&max_weekly_hours=10&sort=deadline"
            ),
            "listings-bad-filters": "/opportunities/?max_weekly_hours=many&deadline_after=soon",
            "listings-place-and-unstated": (
                "/opportunities/?location=york&remote=1&term=Summer+2099&max_weekly_hours=10"
                "&unstated=1"
            ),
            "listings-search": "/opportunities/?q=quant",
            "listing-detail": listing.get_absolute_url(),
            "listing-unstated": world.quiet_listing.get_absolute_url(),
        },
        phone={
            "home",
            "formats-guide",
            "compare",
            "listings",
            "listings-place-and-unstated",
            "listing-detail",
            "listing-unstated",
        },
    )


def test_student_pages(page, world):
    login(page, world.student.email, PASSWORD)
    check_pages(
        page,
        {
            "dashboard": "/me/",
            "profile-form": "/me/profile/",
            "experience-form": "/me/experiences/add/",
            "experience-log": "/me/experiences/",
            "saved-listings": "/opportunities/saved/",
            "listing-detail-as-student": world.listing.get_absolute_url(),
            "recommendation-for-student": f"/me/recommendations/{world.recommendation.pk}/",
        },
        phone={"dashboard", "profile-form"},
    )


def test_student_forms_with_errors_showing(page, world):
    login(page, world.student.email, PASSWORD)
    page.goto("/me/profile/")
    # The undated summer: without its weeks it says nothing of its length.
    window = page.locator("fieldset.window-row").filter(has=page.locator("input[value=Summer]"))
    window.get_by_label("Weeks").fill("")
    page.get_by_label("Expected graduation").fill("1990-01-01")
    page.get_by_role("button", name="Save your profile").click()
    # Each message is next to its field and read out with it.
    expect(window.get_by_label("Weeks")).to_have_accessible_description(
        re.compile("Give the number of weeks, or both a start and an end date")
    )
    expect(page.get_by_label("Expected graduation")).to_have_accessible_description(
        re.compile("more than a year ago")
    )
    axe_check(page, "profile-form-with-errors")

    page.goto("/me/profile/")
    page.get_by_label("Do you need paid work?").select_option("true")
    page.get_by_label("May you take paid work?").select_option("false")
    page.get_by_role("button", name="Save your profile").click()
    expect(page.get_by_label("May you take paid work?")).to_have_accessible_description(
        re.compile("You said you need paid work but may not take it")
    )

    page.goto(f"/me/recommendations/{world.recommendation.pk}/")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    axe_check(page, "recommendation-answer-with-errors")
    assert Recommendation.objects.get().status == RecommendationStatus.SHARED


def test_advisor_pages(page, world):
    login(page, world.advisor.email, PASSWORD)
    pk = world.profile.pk
    check_pages(
        page,
        {
            "caseload": "/advising/",
            "caseload-filtered": "/advising/?q=Haddad&clarity=exploring",
            "student-page": f"/advising/students/{pk}/",
            "student-page-what-if": (
                f"/advising/students/{pk}/what-if/?w0_weeks=12&w0_hours=30&w1_weeks=8"
                "&w1_hours=35&career_clarity=decided&learning_goal=deep"
            ),
            "recommendation-form": f"/advising/students/{pk}/recommendations/new/",
        },
        phone={"caseload", "student-page", "recommendation-form"},
    )
    page.goto(f"/advising/students/{pk}/recommendations/new/")
    page.get_by_label("Next step").fill("")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    axe_check(page, "recommendation-form-with-errors")


def test_admin_pages(page, world):
    page.goto("/admin/login/")
    page.get_by_label("E-mail address").fill(world.admin.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    check_pages(
        page,
        {
            "admin-listings": "/admin/opportunities/opportunity/",
            "admin-listing-change": f"/admin/opportunities/opportunity/{world.listing.pk}/change/",
            "admin-unstated-listing-change": (
                f"/admin/opportunities/opportunity/{world.quiet_listing.pk}/change/"
            ),
            "admin-search-synonyms": "/admin/opportunities/searchsynonym/",
            "admin-listing-add": "/admin/opportunities/opportunity/add/",
            "admin-formats": "/admin/opportunities/format/",
            "admin-format-change": f"/admin/opportunities/format/{world.listing.format_id}/change/",
            "admin-advising-policy": "/admin/advising/advisingpolicy/1/change/",
        },
    )


def test_whatif_on_a_phone(page, world):
    """The what-if panel, updated in place on a phone: what comes back fits the screen too."""
    login(page, world.advisor.email, PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(f"/advising/students/{world.profile.pk}/")
    page.get_by_label("Spring term: hours per week").fill("20")
    page.get_by_role("button", name="Show the suggestion").click()
    expect(page.locator("#suggestion-panel")).to_contain_text("12 weeks × 20 h/week")
    assert_no_horizontal_scroll(page)


def _in_main(sequence) -> list[str]:
    return [f.id or f.name for f in sequence if f.region == "main"]


def test_listing_filters_by_keyboard_alone(page, world):
    page.goto("/opportunities/")
    sequence = tab_round(page, max_presses=120)
    assert_focus_visible(sequence)

    assert sequence[0].name == "Skip to main content"
    stops = _in_main(sequence)
    # The filters in the order they are shown, then the buttons, then the results.
    formats = [s for s in stops if s.startswith("id_format_")]
    assert len(formats) == 12, stops
    order = [
        "id_q",
        "id_sort",
        formats[0],
        "id_family",
        "id_work_mode",
        "id_location",
        "id_remote",
        "id_term",
        "id_sponsorship",
        "id_paid",
        "id_industry",
        "Skills",
        "id_max_weekly_hours",
        "id_max_weeks",
        "id_deadline_after",
        "id_unstated",
        "Show results",
        "Clear all filters",
    ]
    positions = [stops.index(name) for name in order]
    assert positions == sorted(positions), stops
    assert stops.index("Clear all filters") < stops.index("Survey analysis sprint")
    assert sequence[-1].region == "footer"

    # The filters work from the keyboard: tick a format with Space, send with Enter.
    page.goto("/opportunities/")
    tab_to(page, page.get_by_role("checkbox", name="Flashternship", exact=True))
    page.keyboard.press("Space")
    expect(page.locator("#results")).to_contain_text("1 open listing matches")
    tab_to(page, page.get_by_label("At most this many hours a week"))
    page.keyboard.type("10")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"max_weekly_hours=10"))
    expect(page.locator("#results")).to_contain_text("One-day brand review")


def test_profile_form_by_keyboard_alone(page, world):
    login(page, world.student.email, PASSWORD)
    page.goto("/me/profile/")
    sequence = tab_round(page, max_presses=260)
    assert_focus_visible(sequence)

    stops = _in_main(sequence)
    order = [
        "id_programme",
        "id_level",
        "id_expected_graduation",
        "id_windows-0-label",
        "id_windows-0-weekly_hours",
        "id_windows-1-label",
        "Add another window",
        "id_career_clarity",
        "id_learning_goal",
        "id_networking_goal",
        "id_application_ready",
        "id_target_industries_0",
        "id_skills_0",
        "id_skills_to_build_0",
        "id_needs_pay",
        "id_credit_ok",
        "id_work_modes_0",
        "id_directory_hold",
        "Save your profile",
        "Back to your dashboard",
    ]
    positions = [stops.index(name) for name in order]
    assert positions == sorted(positions), stops
    assert sequence[-1].region == "footer"

    # Typed and saved with the keyboard alone.
    page.goto("/me/profile/")
    tab_to(page, page.get_by_label("Programme"))
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("BA History")
    tab_to(page, page.get_by_role("button", name="Save your profile"), max_presses=260)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/me/$"))
    world.profile.refresh_from_db()
    assert world.profile.programme == "BA History"


def test_a_student_widens_a_filter_to_listings_that_do_not_say(page, world):
    """Ticking "Include listings that don't say" updates the results in place; its chip takes
    it off again. Search finds the listing by the start of a word."""
    page.goto("/opportunities/?max_weekly_hours=10")
    results = page.locator("#results")
    expect(results).to_contain_text("Survey analysis sprint")
    quiet = results.get_by_role("link", name="Quantitative research intern", exact=True)
    expect(quiet).to_have_count(0)

    page.get_by_label("Include listings that don't say").check()

    expect(quiet).to_be_visible()
    expect(page).to_have_url(re.compile(r"unstated=1"))
    card = page.locator(".listing-card").filter(
        has=page.get_by_role("link", name="Quantitative research intern", exact=True)
    )
    expect(card).to_contain_text("Hours a week: Not stated")
    expect(card).to_contain_text("Deadline: Not stated")
    results.get_by_role("link", name=re.compile("Including listings that don't say")).click()
    expect(quiet).to_have_count(0)

    page.goto("/opportunities/?q=quant")
    expect(quiet).to_be_visible()
