"""The student's dashboard at /me/."""

import datetime
import re

import pytest
from django.urls import NoReverseMatch, reverse

from tests.factories import (
    AvailabilityWindowFactory,
    ExperienceFactory,
    FormatFactory,
    IndustryFactory,
    OpportunityFactory,
    SavedOpportunityFactory,
    SkillFactory,
    StudentProfileFactory,
)

pytestmark = pytest.mark.django_db

URL = "/me/"


@pytest.fixture
def profile(student):
    return StudentProfileFactory(user=student)


def test_a_new_student_sees_an_honest_empty_dashboard(student_client):
    response = student_client.get(URL)

    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<h1") == 1
    assert "Profile 0 % complete (0 of 14)" in body
    assert "Nothing counted yet." in body
    assert "You have not saved any listings yet." in body
    assert "<svg" not in body


def _section(body: str, section_id: str) -> str:
    match = re.search(rf'<section id="{section_id}".*?</section>', body, re.S)
    assert match, section_id
    return match.group(0)


def test_the_dashboard_shows_the_suggested_mix_for_each_window(student_client, profile):
    from tests.factories import create_catalogue

    create_catalogue()
    AvailabilityWindowFactory(profile=profile, label="Busy spring", weeks=14, weekly_hours=5)

    section = _section(student_client.get(URL).content.decode(), "suggested-mix")

    assert "Busy spring" in section
    assert "Internship" in section  # excluded for 5 h/week, with its reason
    assert "Micro-internship" in section


def test_the_dashboard_shows_shared_recommendations_but_not_drafts(student_client, profile):
    from tests.factories import RecommendationFactory

    RecommendationFactory(profile=profile, shared=True, next_step="Apply to the data sprint")
    RecommendationFactory(profile=profile, next_step="A draft the advisor is still writing")

    section = _section(student_client.get(URL).content.decode(), "recommendations")

    assert "Apply to the data sprint" in section
    assert "A draft the advisor is still writing" not in section


def test_the_dashboard_shows_windows_saved_listings_and_exposure(student_client, student, profile):
    AvailabilityWindowFactory(profile=profile, label="Summer break", weeks=10, weekly_hours=40)
    internship, micro = FormatFactory(internship=True), FormatFactory()
    ExperienceFactory(profile=profile, format=internship, hours=160, industry=IndustryFactory())
    ExperienceFactory(profile=profile, format=micro, hours=40, industry=IndustryFactory())
    ExperienceFactory(profile=profile, planned=True, hours=20, title="Planned sprint")
    listing = OpportunityFactory(title="Podcast editing gig")
    SavedOpportunityFactory(user=student, opportunity=listing)
    SavedOpportunityFactory(opportunity=OpportunityFactory(title="Someone else saved this"))

    body = student_client.get(URL).content.decode()

    assert "Summer break" in body
    assert "Podcast editing gig" in body
    assert f'href="/me/experiences/add/?from={listing.pk}"' in body
    # (it is a public listing, so the suggested mix may match it; it is not among *saved*)
    assert "Someone else saved this" not in _section(body, "saved-listings")
    assert '<tr><th scope="row">All</th><td class="text-end">200</td>' in body
    assert "2 industries, 2 formats" in body
    assert "80 % of your hours with a known format were in internship-family formats" in body
    assert "Mostly depth" in body
    assert "20 h in 1 experience" in body


def test_the_chart_is_accessible_svg_without_inline_styles(student_client, profile):
    ExperienceFactory(profile=profile, format=FormatFactory(), hours=12)

    body = student_client.get(URL).content.decode()

    svg = re.search(r"<svg.*?</svg>", body, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="exposure-chart-title exposure-chart-desc"' in svg
    assert '<title id="exposure-chart-title">Hours by format family</title>' in svg
    assert "Micro-internship: 12 hours" in svg
    assert 'fill="#0b5ed7"' in svg
    assert "style=" not in body  # the CSP forbids inline styles
    assert "<caption>Hours by format family</caption>" in body


def test_the_saved_listings_page_is_linked_once_it_exists(student_client, student):
    SavedOpportunityFactory(user=student)
    try:
        saved_url = reverse("opportunities:saved")
    except NoReverseMatch:  # built on the opportunities branch
        saved_url = None

    response = student_client.get(URL)

    assert response.status_code == 200
    if saved_url:
        assert f'href="{saved_url}"' in response.content.decode()


def test_only_the_latest_five_saved_listings_are_shown(student_client, student):
    for n in range(7):
        SavedOpportunityFactory(user=student, opportunity=OpportunityFactory(title=f"Saved {n}"))

    response = student_client.get(URL)

    assert [s.opportunity.title for s in response.context["saved"]] == [
        "Saved 6",
        "Saved 5",
        "Saved 4",
        "Saved 3",
        "Saved 2",
    ]


def test_the_directory_hold_is_acknowledged(student_client, student):
    StudentProfileFactory(user=student, directory_hold=True)

    assert b"You have a directory-information hold" in student_client.get(URL).content


def _fill(profile, student, n):
    skills = SkillFactory.create_batch(2)
    profile.target_industries.set([IndustryFactory() for _ in range(n)])
    profile.skills.set(skills)
    profile.skills_to_build.set(skills)
    fmt = FormatFactory()
    for i in range(n):
        AvailabilityWindowFactory(profile=profile)
        ExperienceFactory(
            profile=profile,
            format=fmt,
            industry=IndustryFactory(),
            skills=skills,
            started_on=datetime.date.today() - datetime.timedelta(days=40 + i),
        )
        SavedOpportunityFactory(user=student)


@pytest.mark.parametrize("rows", [1, 15])
def test_the_query_count_does_not_grow_with_the_data(
    student_client, student, profile, rows, django_assert_max_num_queries
):
    _fill(profile, student, rows)

    # session, user, groups, profile, 4 prefetches, 2 for the summary, saved, recent
    # experiences; the suggested mix (7) and the shared recommendations (2)
    with django_assert_max_num_queries(21):
        response = student_client.get(URL)

    assert len(response.context["profile"].windows.all()) == rows
    assert response.context["summary"].experience_count == rows
