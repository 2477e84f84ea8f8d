"""Every rule of who may see what in the advising workflow, URL by URL."""

import pytest
from django.conf import settings
from django.urls import reverse

from advising.models import Recommendation, RecommendationStatus
from tests.factories import (
    AdvisorFactory,
    AvailabilityWindowFactory,
    RecommendationFactory,
    RecommendationItemFactory,
    StudentFactory,
    StudentProfileFactory,
    create_catalogue,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(advisor, student):
    """The advisor's student with a window, a draft and a shared recommendation."""
    create_catalogue()
    profile = StudentProfileFactory(user=student, advisor=advisor)
    AvailabilityWindowFactory(profile=profile)
    draft = RecommendationFactory(profile=profile)
    RecommendationItemFactory(recommendation=draft)
    shared = RecommendationFactory(profile=profile, shared=True)
    RecommendationItemFactory(recommendation=shared)
    return {"profile": profile, "draft": draft, "shared": shared}


def advisor_urls(case):
    """(method, url) of every advisor page about the case's student."""
    student, draft = case["profile"].pk, case["draft"].pk
    return [
        ("get", reverse("advising:student", args=[student])),
        ("get", reverse("advising:whatif", args=[student]) + "?w0_weeks=5&w0_hours=5"),
        ("get", reverse("advising:recommendation_add", args=[student])),
        ("post", reverse("advising:recommendation_add", args=[student])),
        ("get", reverse("advising:recommendation_edit", args=[draft])),
        ("post", reverse("advising:recommendation_edit", args=[draft])),
        ("post", reverse("advising:recommendation_share", args=[draft])),
    ]


def student_urls(case):
    shared = case["shared"].pk
    return [
        ("get", reverse("advising:my_recommendation", args=[shared])),
        ("post", reverse("advising:recommendation_respond", args=[shared])),
    ]


def statuses(client, urls):
    return {url: getattr(client, method)(url).status_code for method, url in urls}


def test_anonymous_visitors_are_sent_to_log_in(client, case):
    urls = [("get", reverse("advising:caseload")), *advisor_urls(case), *student_urls(case)]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse(settings.LOGIN_URL)), url


def test_students_are_forbidden_every_advisor_page(student_client, case):
    urls = [("get", reverse("advising:caseload")), *advisor_urls(case)]

    assert set(statuses(student_client, urls).values()) == {403}
    assert Recommendation.objects.get(pk=case["draft"].pk).status == RecommendationStatus.DRAFT


def test_another_advisors_student_is_not_found(client, case):
    client.force_login(AdvisorFactory())

    assert set(statuses(client, advisor_urls(case)).values()) == {404}
    caseload = client.get(reverse("advising:caseload"))
    assert caseload.status_code == 200
    assert case["profile"].user.email not in caseload.content.decode()
    assert Recommendation.objects.get(pk=case["draft"].pk).status == RecommendationStatus.DRAFT


def test_the_students_own_advisor_sees_every_page(advisor_client, case):
    gets = [(m, url) for m, url in advisor_urls(case) if m == "get"]

    assert set(statuses(advisor_client, gets).values()) == {200}


def test_a_career_admin_sees_every_student(admin_client_, case):
    gets = [(m, url) for m, url in advisor_urls(case) if m == "get"]

    assert set(statuses(admin_client_, gets).values()) == {200}
    response = admin_client_.post(reverse("advising:recommendation_share", args=[case["draft"].pk]))
    assert response.status_code == 302
    assert Recommendation.objects.get(pk=case["draft"].pk).status == RecommendationStatus.SHARED


def test_a_student_sees_only_their_own_shared_recommendations(student_client, case):
    other = StudentProfileFactory(user=StudentFactory(password=None))
    theirs = RecommendationFactory(profile=other, shared=True)

    assert (
        student_client.get(
            reverse("advising:my_recommendation", args=[case["shared"].pk])
        ).status_code
        == 200
    )
    for pk in (theirs.pk, case["draft"].pk):
        assert (
            student_client.get(reverse("advising:my_recommendation", args=[pk])).status_code == 404
        )
        respond = reverse("advising:recommendation_respond", args=[pk])
        assert student_client.post(respond, {"decision": "accept"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == RecommendationStatus.SHARED


def test_draft_notes_never_reach_the_student(student_client, case):
    case["draft"].notes = "Private draft thoughts."
    case["draft"].save()

    page = student_client.get(reverse("advising:my_recommendation", args=[case["shared"].pk]))

    assert "Private draft thoughts." not in page.content.decode()


def test_advisors_have_no_student_pages(advisor_client, case):
    """/me/... is the student's own; even their advisor gets 404 there."""
    assert set(statuses(advisor_client, student_urls(case)).values()) == {404}


def test_sharing_needs_a_post(advisor_client, case):
    url = reverse("advising:recommendation_share", args=[case["draft"].pk])

    assert advisor_client.get(url).status_code == 405
    assert Recommendation.objects.get(pk=case["draft"].pk).status == RecommendationStatus.DRAFT


def test_answering_needs_a_post(student_client, case):
    url = reverse("advising:recommendation_respond", args=[case["shared"].pk])

    assert student_client.get(url, {"decision": "accept"}).status_code == 405
    assert Recommendation.objects.get(pk=case["shared"].pk).status == RecommendationStatus.SHARED
