"""SQL queries per request stay under issue 8's budgets and do not grow with the data, the
page size or the page's depth. Session and auth queries are not counted (see queries.py)."""

import datetime

import pytest
from django.urls import reverse

from advising.models import StudentProfile
from opportunities import views as opportunity_views
from tests.factories import (
    AvailabilityWindowFactory,
    ExperienceFactory,
    OpportunityFactory,
    OrganizationFactory,
    RecommendationFactory,
    RecommendationItemFactory,
    SavedOpportunityFactory,
    StudentFactory,
    StudentProfileFactory,
    create_catalogue,
    format_row,
)
from tests.perf.queries import main_table, page_queries

pytestmark = pytest.mark.django_db

SEARCH, DETAIL, DASHBOARD, CASELOAD, SUGGESTION = 6, 5, 8, 6, 8
# The student, the access log entry, the student's rows (windows, experiences, the ids of the
# rest), the suggestion (2) and the recommendations with their lines and listings (3).
ADVISOR_STUDENT = 10
BROWSE = "/opportunities/"
SKILLS = ["python", "sql", "writing"]


def _listings(n: int) -> None:
    create_catalogue()
    for i in range(n):
        OpportunityFactory(
            title=f"Data project {i}",
            format=format_row("micro-internship" if i % 2 else "internship"),
            organization=OrganizationFactory(),
            skills=SKILLS[: 1 + i % 3],
        )


def test_session_and_auth_queries_are_told_by_their_main_table():
    assert main_table('SELECT "django_session"."session_data" FROM "django_session" WHERE') == (
        "django_session"
    )
    assert main_table('UPDATE "django_session" SET "expire_date" = %s') == "django_session"
    joined = 'SELECT "p"."id", "u"."email" FROM "advising_studentprofile" INNER JOIN "u"'
    assert main_table(joined) == "advising_studentprofile"


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"format": ["micro-internship", "internship"], "paid": "1", "max_weekly_hours": "20"},
        {"q": "data"},
        {"q": "data", "format": "micro-internship", "sort": "newest"},
        {"page": "3"},
    ],
    ids=["all", "filters", "broad-term", "term-and-filters", "deep-page"],
)
@pytest.mark.parametrize("cold", [False, True], ids=["cards-kept", "cards-rendered"])
def test_browse_stays_within_budget_whatever_the_data_or_page_size(
    client, monkeypatch, query, cold
):
    _listings(6)
    _, few = page_queries(client, BROWSE, cold=cold, **query)
    for _ in range(2):
        _listings(25)
    status, many = page_queries(client, BROWSE, cold=cold, **query)
    monkeypatch.setattr(opportunity_views, "LISTINGS_PER_PAGE", 5)
    _, small_pages = page_queries(client, BROWSE, cold=cold, **query)

    assert status == 200
    assert len(many) <= SEARCH, many
    assert len(many) == len(few) == len(small_pages)
    # Kept cards need only the listings' versions; rendering reads the listings and skills.
    assert len(many) <= (5 if cold else 3), many


@pytest.mark.parametrize("who", ["anonymous", "student"])
def test_listing_detail_stays_within_budget(client, who):
    _listings(8)
    listing = OpportunityFactory(skills=SKILLS)
    if who == "student":
        client.force_login(StudentFactory())

    status, queries = page_queries(client, listing.get_absolute_url())

    assert status == 200
    assert len(queries) <= DETAIL, queries


def _student_with(rows: int, advisor=None) -> StudentProfile:
    """A student with `rows` windows, experiences, saved listings and recommendations."""
    formats = create_catalogue()
    user = StudentFactory()
    profile = StudentProfileFactory(
        user=user,
        advisor=advisor,
        complete=True,
        target_industries=["marketing"],
        skills_to_build=SKILLS,
    )
    for i in range(rows):
        AvailabilityWindowFactory(profile=profile, label=f"Term {i}", weeks=10, weekly_hours=8)
        ExperienceFactory(
            profile=profile,
            format=formats["micro-internship"],
            started_on=datetime.date.today() - datetime.timedelta(days=30 + i),
        )
        SavedOpportunityFactory(user=user, opportunity=OpportunityFactory(skills=SKILLS))
        recommendation = RecommendationFactory(profile=profile, shared=True)
        RecommendationItemFactory(recommendation=recommendation, format=formats["internship"])
        RecommendationItemFactory(recommendation=recommendation, format=formats["gigternship"])
    return profile


def test_the_dashboard_stays_within_budget_for_a_light_and_a_heavy_student(client):
    light = _student_with(1)
    heavy = _student_with(12)

    counts = []
    for profile in (light, heavy):
        client.force_login(profile.user)
        status, queries = page_queries(client, "/me/")
        assert status == 200
        assert len(queries) <= DASHBOARD, queries
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_the_dashboard_shows_what_it_loaded_once(client):
    profile = _student_with(3)
    client.force_login(profile.user)

    response = client.get("/me/")

    body = response.content.decode()
    assert "Term 2" in body
    assert body.count("Recommendation of") == 3
    assert len(response.context["recent_experiences"]) == 3
    assert response.context["summary"].experience_count == 3
    assert not response.context["advice"].is_empty


def _caseload(advisor, n: int) -> None:
    for _ in range(n):
        StudentProfileFactory(advisor=advisor)


@pytest.mark.parametrize("size", [30, 80])
def test_the_caseload_stays_within_budget_on_every_page(advisor_client, advisor, size):
    _caseload(advisor, size)
    last = -(-size // 25)

    _, first = page_queries(advisor_client, reverse("advising:caseload"))
    status, deep = page_queries(advisor_client, reverse("advising:caseload"), page=str(last))

    assert status == 200
    assert len(first) <= CASELOAD, first
    assert len(deep) == len(first)


def test_the_advisors_student_page_does_not_grow_with_the_student(advisor_client, advisor):
    light = _student_with(1, advisor)
    heavy = _student_with(10, advisor)

    _, few = page_queries(advisor_client, reverse("advising:student", args=[light.pk]))
    status, many = page_queries(advisor_client, reverse("advising:student", args=[heavy.pk]))

    assert status == 200
    assert len(many) <= ADVISOR_STUDENT, many
    assert len(many) == len(few)
