"""A shared recommendation on the student's side, their answer, and who edits a draft."""

import pytest
from django.test import Client
from django.urls import reverse

from advising.models import Recommendation, RecommendationStatus
from tests.advising.recommendations.form_data import add_url, line, management, recommendation
from tests.factories import (
    RecommendationFactory,
    RecommendationItemFactory,
)

pytestmark = pytest.mark.django_db


# --- the student's side -------------------------------------------------------------------------


def my_url(recommendation):
    return reverse("advising:my_recommendation", args=[recommendation.pk])


def respond_url(recommendation):
    return reverse("advising:recommendation_respond", args=[recommendation.pk])


def test_the_student_reads_a_shared_recommendation(student_client, profile):
    shared = RecommendationFactory(profile=profile, shared=True, notes="Shared notes.")
    RecommendationItemFactory(recommendation=shared, rationale="Fits your spring.")

    body = student_client.get(my_url(shared)).content.decode()

    assert "Apply to two micro-internships before the end of the month." in body
    assert "Shared notes." in body
    assert "Fits your spring." in body
    assert 'name="decision"' in body


@pytest.mark.parametrize(("decision", "status"), [("accept", "accepted"), ("decline", "declined")])
def test_the_student_accepts_or_declines(student_client, advisor, profile, decision, status):
    shared = RecommendationFactory(profile=profile, shared=True)
    advisor_client = Client()
    advisor_client.force_login(advisor)

    response = student_client.post(
        respond_url(shared), {"decision": decision, "comment": "My reasons."}
    )

    assert response.status_code == 302
    assert response.url == my_url(shared)
    shared.refresh_from_db()
    assert (shared.status, shared.response_comment) == (status, "My reasons.")
    assert shared.responded_at is not None
    advisor_page = advisor_client.get(reverse("advising:student", args=[profile.pk]))
    assert "My reasons." in advisor_page.content.decode()
    caseload = advisor_client.get(reverse("advising:caseload")).content.decode()
    assert shared.get_status_display() in caseload


def test_declining_needs_a_comment(student_client, profile):
    shared = RecommendationFactory(profile=profile, shared=True)

    response = student_client.post(respond_url(shared), {"decision": "decline", "comment": " "})

    assert response.status_code == 200
    assert "Tell your advisor why you decline" in response.content.decode()
    shared.refresh_from_db()
    assert shared.status == RecommendationStatus.SHARED


def test_the_student_may_change_their_answer(student_client, profile):
    accepted = RecommendationFactory(profile=profile, accepted=True)

    student_client.post(respond_url(accepted), {"decision": "decline", "comment": "Changed."})

    accepted.refresh_from_db()
    assert accepted.status == RecommendationStatus.DECLINED


def test_a_bad_answer_is_explained(student_client, profile):
    shared = RecommendationFactory(profile=profile, shared=True)

    response = student_client.post(respond_url(shared), {"decision": "maybe"})

    assert "Select a valid choice" in response.content.decode()
    shared.refresh_from_db()
    assert shared.status == RecommendationStatus.SHARED


# --- the dashboard's template tags --------------------------------------------------------------


def test_the_dashboard_fragments_show_the_mix_and_the_shared_recommendations(profile):
    from django.template.loader import render_to_string

    shared = RecommendationFactory(profile=profile, shared=True, next_step="Shared step.")
    RecommendationItemFactory(recommendation=shared)
    RecommendationFactory(profile=profile, next_step="Draft step.")

    mix = render_to_string("advising/_suggested_mix.html", {"profile": profile})
    recommendations = render_to_string("advising/_recommendations.html", {"profile": profile})

    assert "Spring term" in mix and "Summer" in mix
    assert "Why this format" in mix
    assert "Shared step." in recommendations
    assert "Draft step." not in recommendations
    assert my_url(shared) in recommendations


# --- who edits a draft ------------------------------------------------------------------------


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_draft_an_admin_wrote_is_read_not_edited_by_the_students_advisor(
    advisor, career_admin, profile, formats
):
    """Both have the student: the admin sees every student, the advisor has them assigned."""
    admin = _client(career_admin)
    response = admin.post(
        add_url(profile),
        recommendation(next_step="Admin's words.")
        | management(1)
        | line(0, fmt=formats["flashternship"], count=2),
    )
    assert response.status_code == 302
    draft = Recommendation.objects.get(profile=profile)
    assert (draft.advisor, draft.status) == (career_admin, RecommendationStatus.DRAFT)
    edit = reverse("advising:recommendation_edit", args=[draft.pk])
    share = reverse("advising:recommendation_share", args=[draft.pk])
    theirs = _client(advisor)

    page = theirs.get(reverse("advising:student", args=[profile.pk])).content.decode()
    assert "Admin&#x27;s words." in page  # they may read it
    assert edit not in page and share not in page  # and are offered nothing else
    assert theirs.get(edit).status_code == 403
    changed = recommendation(next_step="Advisor's words.") | management(1, initial=1)
    changed |= {"items-0-id": str(draft.items.get().pk)}
    changed |= line(0, fmt=formats["flashternship"], count=2) | {"share": ""}
    assert theirs.post(edit, changed).status_code == 403
    assert theirs.post(share).status_code == 403
    draft.refresh_from_db()
    assert (draft.next_step, draft.status) == ("Admin's words.", RecommendationStatus.DRAFT)

    # The author (here also an admin) still edits and shares it.
    assert admin.get(edit).status_code == 200
    assert admin.post(share).status_code == 302
    draft.refresh_from_db()
    assert draft.status == RecommendationStatus.SHARED


def test_after_a_reassignment_the_new_advisor_reads_the_old_draft_but_cannot_share_it(
    advisor, career_admin, profile, formats
):
    """The student moves to another advisor (in the admin) after their advisor wrote a draft."""
    from tests.factories import AdvisorFactory
    from tests.security.hostile import page_form

    draft = RecommendationFactory(profile=profile, next_step="The first advisor's plan.")
    RecommendationItemFactory(recommendation=draft, format=formats["micro-internship"])
    new_advisor = AdvisorFactory()
    admin = _client(career_admin)
    change = reverse("admin:advising_studentprofile_change", args=[profile.pk])
    data = page_form(admin.get(change).content.decode(), "advisor")["data"]
    data.pop("csrfmiddlewaretoken", None)
    data["advisor"] = [str(new_advisor.pk)]
    assert admin.post(change, data).status_code == 302
    profile.refresh_from_db()
    assert profile.advisor == new_advisor

    theirs = _client(new_advisor)
    page = theirs.get(reverse("advising:student", args=[profile.pk])).content.decode()
    assert "The first advisor&#x27;s plan." in page
    assert theirs.post(reverse("advising:recommendation_share", args=[draft.pk])).status_code == 403
    assert theirs.get(reverse("advising:recommendation_edit", args=[draft.pk])).status_code == 403
    draft.refresh_from_db()
    assert draft.status == RecommendationStatus.DRAFT
    # The first advisor no longer has the student, nor the draft.
    first = _client(advisor)
    assert first.get(reverse("advising:recommendation_edit", args=[draft.pk])).status_code == 404
