"""The advisor's page for one student: profile, windows, suggestion, listings, recommendations."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    AvailabilityWindowFactory,
    ExperienceFactory,
    IndustryFactory,
    OpportunityFactory,
    RecommendationFactory,
    RecommendationItemFactory,
    SkillFactory,
    StudentProfileFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(advisor, formats):
    profile = StudentProfileFactory(
        advisor=advisor,
        user__first_name="Maya",
        user__last_name="Patel",
        career_clarity="decided",
        learning_goal="targeted",
        needs_pay=True,
        credit_ok=False,
        work_modes=["remote", "hybrid"],
        target_industries=[IndustryFactory(slug="technology", name="Technology")],
        skills_to_build=[SkillFactory(slug="python", name="Python")],
    )
    AvailabilityWindowFactory(profile=profile, label="Spring term", weeks=14, weekly_hours=6)
    AvailabilityWindowFactory(profile=profile, label="Summer", weeks=10, weekly_hours=40)
    ExperienceFactory(profile=profile, title="Survey analysis", format=formats["micro-internship"])
    return profile


def listing_lines(body: str) -> list[str]:
    return re.findall(r'<ul class="listing-matches">.*?</ul>', body, re.DOTALL)


def url(profile):
    return reverse("advising:student", args=[profile.pk])


def test_the_page_shows_profile_windows_experience_and_the_suggestion(advisor_client, profile):
    response = advisor_client.get(url(profile))

    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Maya Patel</h1>" in body
    assert "Decided: I know the field I want" in body
    assert "Technology" in body and "Python" in body
    assert "Spring term: 14 weeks × 6 h/week" in body
    assert "Survey analysis" in body
    advice = response.context["advice"]
    _, summer = advice.windows
    assert summer.suggestions[0].suggestion.family == "internship"
    assert "Internship needs at least 6 weeks at 10 h/week" in body  # excluded, with the reason
    stances = {1: ("for", "In favour."), -1: ("against", "Against."), 0: ("neutral", "Neutral.")}
    for reason in summer.suggestions[0].suggestion.reasons:
        css, words = stances[(reason.weight > 0) - (reason.weight < 0)]
        text = reason.text.replace("'", "&#x27;")
        stance = f'<span class="visually-hidden">{words}</span>'
        assert f'<li class="reason reason-{css}">{stance}' in body
        assert f"</strong> {text}</li>" in body
    assert 'class="reason reason-for"' in body and 'class="reason reason-against"' in body
    assert "Matching listings are limited to remote or hybrid work." in body


def summer_internship(formats, **fields):
    """An internship that fits the profile's summer window (and, paid, the student's needs)."""
    return OpportunityFactory(
        format=formats["internship"],
        weekly_hours_min=30,
        weekly_hours_max=40,
        duration_weeks=10,
        **{"title": "Data team summer internship", "compensation_type": "stipend", **fields},
    )


def test_matching_listings_are_shown_under_their_suggestion(advisor_client, profile, formats):
    summer_anchor = summer_internship(formats)
    unpaid = summer_internship(formats, title="Unpaid internship", compensation_type="unpaid")

    response = advisor_client.get(url(profile))

    summer = response.context["advice"].windows[1]
    assert [o.pk for o in summer.suggestions[0].listings] == [summer_anchor.pk]
    body = response.content.decode()
    assert "Data team summer internship" in body
    assert unpaid.title not in body


def test_listing_lines_are_kept_for_the_next_view_yet_an_edit_shows_at_once(
    advisor_client, profile, formats
):
    listing = summer_internship(formats)
    advisor_client.get(url(profile))  # the session, the catalogue and the templates
    caches["fragments"].clear()

    with CaptureQueriesContext(connection) as rendered:
        first = advisor_client.get(url(profile)).content.decode()
    with CaptureQueriesContext(connection) as kept:
        second = advisor_client.get(url(profile)).content.decode()

    assert "Data team summer internship" in first
    assert listing_lines(second) == listing_lines(first)
    # The listing's row is read only when its line was not kept.
    assert len(kept) == len(rendered) - 1

    listing.title = "Data team autumn internship"
    listing.save()
    body = advisor_client.get(url(profile)).content.decode()
    assert "Data team autumn internship" in body
    assert "Data team summer internship" not in body


def test_past_recommendations_show_with_the_students_answer(advisor_client, profile, advisor):
    declined = RecommendationFactory(
        profile=profile, declined=True, response_comment="I work in the summer."
    )
    RecommendationItemFactory(recommendation=declined, window_label="Summer", count=1)
    RecommendationFactory(profile=profile, notes="Draft notes only the advisor sees.")

    body = advisor_client.get(url(profile)).content.decode()

    assert "Declined by the student" in body
    assert "I work in the summer." in body
    assert "1 × Micro-internship" in body
    assert "Edit draft" in body
    assert reverse("advising:recommendation_add", args=[profile.pk]) in body


def test_an_incomplete_profile_says_what_was_assumed(advisor_client, advisor):
    profile = StudentProfileFactory(advisor=advisor)

    body = advisor_client.get(url(profile)).content.decode()

    assert "The profile is incomplete, so the suggestion assumes" in body
    assert "Career direction not given: treated as exploring" in body
    assert "has not given any availability window yet" in body


def test_the_query_count_is_constant(advisor_client, advisor, formats):
    def count(profile):
        advisor_client.get(url(profile))  # warm-up: the catalogue each process keeps
        with CaptureQueriesContext(connection) as ctx:
            assert advisor_client.get(url(profile)).status_code == 200
        return len(ctx)

    small = StudentProfileFactory(advisor=advisor)
    AvailabilityWindowFactory(profile=small, label="Term", weeks=12, weekly_hours=15)
    ExperienceFactory(profile=small)
    item = RecommendationItemFactory(recommendation__profile=small)
    item.opportunities.set([OpportunityFactory()])
    big = StudentProfileFactory(
        advisor=advisor,
        target_industries=[IndustryFactory() for _ in range(3)],
        skills_to_build=[SkillFactory() for _ in range(3)],
    )
    for label, weeks, hours in (("A", 14, 6), ("B", 10, 40), ("C", 3, 20)):
        AvailabilityWindowFactory(profile=big, label=label, weeks=weeks, weekly_hours=hours)
    for _ in range(4):
        ExperienceFactory(profile=big)
        recommendation = RecommendationFactory(profile=big, accepted=True)
        item = RecommendationItemFactory(recommendation=recommendation)
        item.opportunities.set([OpportunityFactory(), OpportunityFactory()])
    for fmt in formats.values():
        OpportunityFactory(format=fmt, weekly_hours_min=2)

    assert count(big) == count(small) <= 17  # 16 for the page, 1 for the access-log entry
