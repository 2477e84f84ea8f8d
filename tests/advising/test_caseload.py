"""The advisor's caseload at /advising/: scoping, search, filters, pagination, cost."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advising.advisor_views import CASELOAD_PAGE_SIZE
from advising.models import StudentProfile
from tests.factories import (
    AdvisorFactory,
    RecommendationFactory,
    StudentFactory,
    StudentProfileFactory,
    today,
)

pytestmark = pytest.mark.django_db
URL = reverse("advising:caseload")


def names(response):
    return [p.user.email for p in response.context["page"].object_list]


def student(advisor, email, **kwargs):
    user = StudentFactory(
        password=None,
        email=email,
        first_name=kwargs.pop("first", "Sam"),
        last_name=kwargs.pop("last", "Lee"),
    )
    return StudentProfileFactory(user=user, advisor=advisor, **kwargs)


def test_an_advisor_sees_only_their_own_students(advisor_client, advisor):
    mine = student(advisor, "mine@uni.example.edu")
    student(AdvisorFactory(), "theirs@uni.example.edu")
    student(None, "unassigned@uni.example.edu")

    response = advisor_client.get(URL)

    assert response.status_code == 200
    assert names(response) == [mine.user.email]
    body = response.content.decode()
    assert "Your caseload" in body
    assert reverse("advising:student", args=[mine.pk]) in body
    assert "theirs@uni.example.edu" not in body


def test_a_career_admin_sees_every_student(admin_client_):
    for i, advisor in enumerate([AdvisorFactory(), AdvisorFactory(), None]):
        student(advisor, f"s{i}@uni.example.edu", last=f"Name{i}")

    response = admin_client_.get(URL)

    assert names(response) == [f"s{i}@uni.example.edu" for i in range(3)]
    assert "All students" in response.content.decode()


def test_students_are_ordered_by_name(advisor_client, advisor):
    for email, first, last in [
        ("c@uni.example.edu", "Ana", "Zhou"),
        ("a@uni.example.edu", "Ben", "Adams"),
        ("b@uni.example.edu", "Ada", "Adams"),
    ]:
        student(advisor, email, first=first, last=last)

    assert names(advisor_client.get(URL)) == [
        "b@uni.example.edu",
        "a@uni.example.edu",
        "c@uni.example.edu",
    ]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("grace", ["grace@uni.example.edu"]),
        ("HOPPER", ["grace@uni.example.edu"]),
        ("grace hopper", ["grace@uni.example.edu"]),
        ("lovelace@", ["ada@uni.example.edu"]),
        ("uni.example", ["grace@uni.example.edu", "ada@uni.example.edu"]),
        ("grace lovelace", []),
    ],
)
def test_search_by_name_or_email(advisor_client, advisor, q, expected):
    student(advisor, "grace@uni.example.edu", first="Grace", last="Hopper")
    student(advisor, "ada@uni.example.edu", first="Ada", last="Lovelace")
    # The e-mail of Ada is not her name, to tell name and address matches apart.
    get_user_model().objects.filter(email="ada@uni.example.edu").update(
        email="lovelace@uni.example.edu"
    )
    expected = [e.replace("ada@", "lovelace@") for e in expected]

    assert sorted(names(advisor_client.get(URL, {"q": q}))) == sorted(expected)


def test_filters_by_level_and_clarity(advisor_client, advisor):
    student(advisor, "ug@uni.example.edu", level="undergraduate", career_clarity="exploring")
    student(advisor, "ms@uni.example.edu", level="masters", career_clarity="decided")
    student(advisor, "blank@uni.example.edu", level="masters", career_clarity="")

    assert names(advisor_client.get(URL, {"level": "masters", "clarity": "decided"})) == [
        "ms@uni.example.edu"
    ]
    assert sorted(names(advisor_client.get(URL, {"level": "masters"}))) == [
        "blank@uni.example.edu",
        "ms@uni.example.edu",
    ]
    assert names(advisor_client.get(URL, {"clarity": "unknown"})) == ["blank@uni.example.edu"]


def test_no_recommendation_yet(advisor_client, advisor):
    waiting = student(advisor, "waiting@uni.example.edu")
    RecommendationFactory(profile=student(advisor, "draft@uni.example.edu"))
    RecommendationFactory(profile=student(advisor, "shared@uni.example.edu"), shared=True)

    assert names(advisor_client.get(URL, {"no_recommendation": "on"})) == [waiting.user.email]


def test_follow_up_due_reads_the_latest_recommendation(advisor_client, advisor):
    yesterday = today() - datetime.timedelta(days=1)
    due = student(advisor, "due@uni.example.edu")
    RecommendationFactory(profile=due, shared=True, follow_up_on=yesterday)
    due_today = student(advisor, "today@uni.example.edu")
    RecommendationFactory(profile=due_today, follow_up_on=today())
    followed_up = student(advisor, "renewed@uni.example.edu")
    RecommendationFactory(profile=followed_up, shared=True, follow_up_on=yesterday)
    RecommendationFactory(profile=followed_up, follow_up_on=today() + datetime.timedelta(days=30))
    student(advisor, "none@uni.example.edu")

    response = advisor_client.get(URL, {"follow_up_due": "on"})

    assert sorted(names(response)) == ["due@uni.example.edu", "today@uni.example.edu"]
    assert "due</span>" in response.content.decode()


def test_the_latest_response_shows_in_the_caseload(advisor_client, advisor):
    RecommendationFactory(profile=student(advisor, "yes@uni.example.edu"), accepted=True)

    body = advisor_client.get(URL).content.decode()

    assert "Accepted by the student" in body


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "999"},
        {"page": "-1"},
        {"level": "astronaut"},
        {"clarity": "<script>"},
        {"q": "x" * 500},
        {"no_recommendation": "maybe"},
    ],
)
def test_bad_query_parameters_never_fail(advisor_client, advisor, params):
    student(advisor, "one@uni.example.edu")

    response = advisor_client.get(URL, params)

    assert response.status_code == 200
    assert names(response) == ["one@uni.example.edu"]


def test_an_invalid_filter_says_why_next_to_the_field(advisor_client, advisor):
    body = advisor_client.get(URL, {"level": "astronaut"}).content.decode()

    assert "Select a valid choice" in body


def test_pages_keep_the_filters(advisor_client, advisor):
    for i in range(CASELOAD_PAGE_SIZE + 3):
        student(advisor, f"s{i:02}@uni.example.edu", last=f"Name{i:02}", level="masters")

    first = advisor_client.get(URL, {"level": "masters"})
    second = advisor_client.get(URL, {"level": "masters", "page": 2})

    assert len(names(first)) == CASELOAD_PAGE_SIZE
    assert names(second) == [
        f"s{i:02}@uni.example.edu" for i in range(CASELOAD_PAGE_SIZE, CASELOAD_PAGE_SIZE + 3)
    ]
    assert "?level=masters&amp;page=2" in first.content.decode()


def _bulk_caseload(advisor, n):
    """`n` students for `advisor`, created in a few queries."""
    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"bulk{i:05}@uni.example.edu", first_name="Bulk", last_name=f"Student{i:05}")
        for i in range(n)
    )
    StudentProfile.objects.bulk_create(StudentProfile(user=u, advisor=advisor) for u in users)


def test_the_query_count_does_not_grow_with_the_page_or_its_depth(
    advisor_client, advisor, django_assert_max_num_queries
):
    """A 2 000-student caseload: the last page costs the same queries as the first."""
    _bulk_caseload(advisor, 2000)
    last = 2000 // CASELOAD_PAGE_SIZE
    with CaptureQueriesContext(connection) as first_page:
        advisor_client.get(URL)
    with django_assert_max_num_queries(len(first_page)), CaptureQueriesContext(connection) as deep:
        response = advisor_client.get(URL, {"page": last})

    assert len(first_page) <= 7
    assert len(deep) == len(first_page)
    assert names(response)[-1] == "bulk01999@uni.example.edu"
