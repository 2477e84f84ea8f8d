"""Downloading one's data and deleting one's account."""

import json

import pytest
from django.contrib.auth import get_user_model

from advising.export import SECTIONS, delete_student_account, export_data
from advising.models import AvailabilityWindow, Experience, Recommendation, StudentProfile
from opportunities.models import SavedOpportunity
from tests.factories import (
    PASSWORD,
    AdvisorFactory,
    AvailabilityWindowFactory,
    ExperienceFactory,
    FormatFactory,
    IndustryFactory,
    OpportunityFactory,
    RecommendationFactory,
    RecommendationItemFactory,
    SavedOpportunityFactory,
    SkillFactory,
    StudentFactory,
    StudentProfileFactory,
)

pytestmark = pytest.mark.django_db

User = get_user_model()
EXPORT_URL = "/me/export/"
DELETE_URL = "/me/delete/"


@pytest.fixture
def profile(student):
    profile = StudentProfileFactory(user=student, complete=True)
    profile.target_industries.set([IndustryFactory(name="Media")])
    profile.skills_to_build.set([SkillFactory(name="Python")])
    return profile


@pytest.fixture
def other_student_data():
    """Another student with rows in every table, to prove none of it leaks or goes."""
    other = StudentFactory(email="other@uni.example.edu")
    other_profile = StudentProfileFactory(user=other, programme="Other programme")
    AvailabilityWindowFactory(profile=other_profile, label="Other window")
    ExperienceFactory(profile=other_profile, title="Other experience")
    SavedOpportunityFactory(user=other, opportunity=OpportunityFactory(title="Other saved"))
    RecommendationFactory(profile=other_profile, shared=True, next_step="Other next step")
    return other


# Export -------------------------------------------------------------------------------------


def test_the_export_is_a_json_download_of_everything(
    student_client, student, profile, other_student_data
):
    AvailabilityWindowFactory(
        profile=profile, label="Summer", weeks=10, weekly_hours=40, kind="break"
    )
    listing = OpportunityFactory(title="Podcast editing gig")
    ExperienceFactory(
        profile=profile,
        title="Newsletter",
        format=FormatFactory(slug="nano-internship"),
        skills=[SkillFactory(name="Writing")],
        opportunity=listing,
    )
    SavedOpportunityFactory(user=student, opportunity=listing)
    shared = RecommendationFactory(profile=profile, shared=True, next_step="Apply to two sprints")
    RecommendationItemFactory(recommendation=shared, format=FormatFactory(name="Flexternship"))
    RecommendationFactory(profile=profile, next_step="Draft thought")

    response = student_client.get(EXPORT_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="careercenter-my-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert set(data) == {"format", "version", "generated_at", *SECTIONS}
    assert data["account"]["email"] == student.email
    assert data["account"]["role"] == "Student"
    assert data["profile"]["programme"] == "BSc Economics"
    assert data["profile"]["target_industries"] == ["Media"]
    assert data["profile"]["skills_to_build"] == ["Python"]
    assert data["profile"]["work_modes"] == ["remote", "hybrid"]
    assert data["profile"]["can_be_paid"] is None
    assert data["availability_windows"] == [
        {
            "label": "Summer",
            "kind": "break",
            "starts_on": None,
            "ends_on": None,
            "weeks": 10.0,
            "weekly_hours": 40,
        }
    ]
    (experience,) = data["experiences"]
    assert experience["title"] == "Newsletter"
    assert experience["format"] == "Nano-internship"
    assert experience["skills"] == ["Writing"]
    assert experience["listing"] == {"id": listing.pk, "title": "Podcast editing gig"}
    assert [s["listing"]["title"] for s in data["saved_listings"]] == ["Podcast editing gig"]
    (recommendation,) = data["recommendations"]
    assert recommendation["next_step"] == "Apply to two sprints"
    assert recommendation["items"][0]["format"] == "Flexternship"
    body = response.content.decode()
    assert "Draft thought" not in body
    for theirs in ("other@uni.example.edu", "Other programme", "Other window",
                   "Other experience", "Other saved", "Other next step"):  # fmt: skip
        assert theirs not in body


def test_the_export_includes_the_access_log_of_my_records(
    student_client, student, profile, advisor, rf
):
    from advising.audit import log_access

    request = rf.get(f"/advising/students/{profile.pk}/")
    request.user = advisor
    log_access(request, profile, what="caseload view")

    data = json.loads(student_client.get(EXPORT_URL).content)

    (entry,) = [row for row in data["access_log"] if row["what"] == "caseload view"]
    assert entry["who"] == str(advisor)


def test_the_export_of_a_student_without_a_profile(student):
    data = export_data(student)

    assert data["profile"] is None
    assert data["experiences"] == [] and data["recommendations"] == []
    assert data["access_log"] == []


@pytest.mark.parametrize("rows", [1, 10])
def test_the_export_query_count_does_not_grow(
    student, profile, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        ExperienceFactory(profile=profile, format=FormatFactory(), skills=[SkillFactory()])
        SavedOpportunityFactory(user=student)
        RecommendationItemFactory(
            recommendation=RecommendationFactory(profile=profile, shared=True)
        )

    # account 1, profile 4, windows 1, experiences 2, saved 1, recommendations 4, access log 2
    with django_assert_max_num_queries(15):
        data = export_data(student)

    assert len(data["experiences"]) == rows and len(data["recommendations"]) == rows


def test_the_export_is_a_read_only_get(student_client):
    assert student_client.post(EXPORT_URL).status_code == 405


# Deletion -----------------------------------------------------------------------------------


def _student_rows(student):
    return (
        StudentProfile.objects.filter(user=student).count(),
        AvailabilityWindow.objects.filter(profile__user=student).count(),
        Experience.objects.filter(profile__user=student).count(),
        SavedOpportunity.objects.filter(user=student).count(),
        Recommendation.objects.filter(profile__user=student).count(),
    )


@pytest.fixture
def student_with_data(student, profile):
    AvailabilityWindowFactory(profile=profile)
    ExperienceFactory(profile=profile)
    SavedOpportunityFactory(user=student)
    RecommendationItemFactory(recommendation=RecommendationFactory(profile=profile, shared=True))
    assert _student_rows(student) == (1, 1, 1, 1, 1)
    return student


def test_the_delete_page_asks_for_the_password(student_client, student_with_data):
    response = student_client.get(DELETE_URL)

    assert response.status_code == 200
    assert b'for="id_password"' in response.content
    assert b'autocomplete="current-password"' in response.content
    assert _student_rows(student_with_data) == (1, 1, 1, 1, 1)


def test_a_wrong_password_deletes_nothing(student_client, student_with_data):
    response = student_client.post(DELETE_URL, {"password": "not-my-password"})

    assert response.status_code == 200
    assert response.context["form"].has_error("password", "wrong_password")
    assert _student_rows(student_with_data) == (1, 1, 1, 1, 1)
    assert User.objects.filter(pk=student_with_data.pk).exists()


def test_deleting_removes_the_student_and_their_data_and_logs_out(
    student_client, student_with_data, other_student_data
):
    response = student_client.post(DELETE_URL, {"password": PASSWORD}, follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert b"Your account and everything careercenter held about you are deleted." in (
        response.content
    )
    assert not User.objects.filter(pk=student_with_data.pk).exists()
    assert _student_rows(student_with_data) == (0, 0, 0, 0, 0)
    assert not response.context["user"].is_authenticated
    # the other student's rows are all still there
    assert _student_rows(other_student_data) == (1, 1, 1, 1, 1)


def test_a_legal_hold_refuses_deletion_and_records_the_request(
    student_client, student_with_data, profile
):
    profile.legal_hold = True
    profile.save()

    response = student_client.post(DELETE_URL, {"password": PASSWORD}, follow=True)

    assert response.redirect_chain == [("/me/", 302)]
    assert b"cannot be deleted now" in response.content
    assert response.context["user"] == student_with_data  # still logged in
    assert _student_rows(student_with_data) == (1, 1, 1, 1, 1)
    profile.refresh_from_db()
    requested = profile.deletion_requested_at
    assert requested is not None

    student_client.post(DELETE_URL, {"password": PASSWORD})
    profile.refresh_from_db()
    assert profile.deletion_requested_at == requested  # the first request is kept


def test_deleting_a_student_who_never_had_a_profile(student):
    assert delete_student_account(user=student) is True
    assert not User.objects.filter(pk=student.pk).exists()


def test_an_advisor_cannot_use_the_delete_page(advisor_client, advisor):
    response = advisor_client.post(DELETE_URL, {"password": PASSWORD})

    assert response.status_code == 403
    assert User.objects.filter(pk=advisor.pk).exists()


# Drafts --------------------------------------------------------------------------------------


def test_drafts_reach_the_export_nowhere_not_even_in_the_access_log(student, profile):
    """The advisor records a draft and edits it through the site, removing a line and adding
    another; then shares it. Nothing of the draft stage reaches the student's export: not
    the draft itself, not its lines, not the line removed before it was shared."""
    from django.test import Client

    from tests.advising.recommendations.form_data import line, management, recommendation

    advisor = profile.advisor or AdvisorFactory()
    profile.advisor = advisor
    profile.save()
    spring = AvailabilityWindowFactory(profile=profile, label="Spring term", weeks=14)
    hidden_format = FormatFactory(name="Secret sprint", slug="secret-sprint")
    kept_format = FormatFactory(name="Kept sprint", slug="kept-sprint")
    advisor_client = Client()
    advisor_client.force_login(advisor)
    student_client = Client()
    student_client.force_login(student)

    response = advisor_client.post(
        f"/advising/students/{profile.pk}/recommendations/new/",
        recommendation(next_step="Write to the lab")
        | management(1)
        | line(0, fmt=hidden_format, window=spring, count=3),
    )
    assert response.status_code == 302
    draft = Recommendation.objects.get(profile=profile)
    assert draft.status == "draft"

    body = student_client.get(EXPORT_URL).content.decode()
    assert "Secret sprint" not in body
    assert "Draft" not in body

    (old_line,) = draft.items.all()
    response = advisor_client.post(
        f"/advising/recommendations/{draft.pk}/edit/",
        recommendation(next_step="Write to the lab")
        | management(2, initial=1)
        | line(0, fmt=hidden_format, window=spring, count=3, delete=True)
        | {"items-0-id": str(old_line.pk)}
        | line(1, fmt=kept_format, window=spring, count=2)
        | {"share": ""},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "shared"

    data = json.loads(student_client.get(EXPORT_URL).content)
    body = json.dumps(data)
    assert "Secret sprint" not in body  # the line removed while it was a draft
    assert "Draft" not in body
    records = [row["record"] for row in data["access_log"]]
    # What was shared is there, with its line.
    assert any("Shared with the student" in r for r in records), records
    assert any("2 × Kept sprint (Spring term)" in r for r in records), records
