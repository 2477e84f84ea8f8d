"""A student's rights over their data: the export holds everything, deletion leaves nothing that
names them (the access log keeps who did what, and when, without their personal data), a legal
hold blocks deletion; and career-center admins can read a student's access history."""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.sessions.models import Session
from django.test import Client

from advising.audit import access_history
from advising.export import DELETED_STUDENT
from advising.models import (
    AvailabilityWindow,
    Experience,
    Recommendation,
    RecommendationItem,
    StudentProfile,
)
from opportunities.models import SavedOpportunity
from tests.factories import PASSWORD
from tests.security.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    world = build_world()
    world.experience.reflection = "I learned that I like cleaning data."
    world.experience.save()
    return world


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def mentions(text: str, value: str) -> bool:
    """`value` as a whole word (so S's address is not found inside "advisor-of-s@...")."""
    return re.search(rf"(?<![\w.-]){re.escape(value)}", text) is not None


def personal_data(world) -> list[str]:
    """Strings that identify S or come from S's records."""
    return [
        world.student.email,
        world.student.get_full_name(),
        world.profile.programme,
        world.window.label,
        world.experience.title,
        world.experience.reflection,
        world.recommendation.next_step,
    ]


# --- export -------------------------------------------------------------------------------


def test_the_export_holds_every_kind_of_record_and_the_access_log(world):
    signed_in(world.advisor).get(f"/advising/students/{world.profile.pk}/")

    response = signed_in(world.student).get("/me/export/")

    data = json.loads(response.content)
    assert data["account"]["email"] == world.student.email
    assert data["profile"]["programme"] == "BSc Economics"
    assert [w["label"] for w in data["availability_windows"]] == ["Spring term"]
    assert [e["reflection"] for e in data["experiences"]] == [world.experience.reflection]
    assert [s["listing"]["title"] for s in data["saved_listings"]] == ["Survey data clean-up"]
    assert [r["next_step"] for r in data["recommendations"]] == [world.recommendation.next_step]
    assert [r["listings"] for r in data["recommendations"][0]["items"]] == [
        [{"id": world.opportunity.pk, "title": "Survey data clean-up"}]
    ]
    assert {"who": str(world.advisor), "action": "access"} in [
        {"who": r["who"], "action": r["action"]} for r in data["access_log"]
    ]
    # Nothing of T's.
    assert world.other_student.email not in response.content.decode()


# --- deletion -----------------------------------------------------------------------------


def test_deleting_removes_every_row_about_the_student_and_anonymises_the_log(world):
    student, profile = world.student, world.profile
    signed_in(world.advisor).get(f"/advising/students/{profile.pk}/")  # an access entry
    other_device = signed_in(student)  # a second session, which must end too
    client = signed_in(student)
    with_student_as_actor = client.post(
        "/me/profile/",
        {"programme": "BSc Economics", "windows-TOTAL_FORMS": "0"},
    )
    assert with_student_as_actor.status_code in (200, 302)
    entries_before = access_history(profile).count()
    assert Session.objects.count() >= 3

    response = client.post("/me/delete/", {"password": PASSWORD})

    assert response.status_code == 302
    gone = {
        "profile": StudentProfile.objects.filter(pk=profile.pk),
        "windows": AvailabilityWindow.objects.filter(profile_id=profile.pk),
        "experiences": Experience.objects.filter(profile_id=profile.pk),
        "recommendations": Recommendation.objects.filter(profile_id=profile.pk),
        "items": RecommendationItem.objects.filter(recommendation__profile_id=profile.pk),
        "saved": SavedOpportunity.objects.filter(user_id=student.pk),
        "e-mail addresses": EmailAddress.objects.filter(email__iexact=student.email),
        "login attempts": AccessAttempt.objects.filter(username=student.email),
        "login failures": AccessFailureLog.objects.filter(username=student.email),
        "logins": AccessLog.objects.filter(username=student.email),
    }
    assert {name: rows.count() for name, rows in gone.items()} == dict.fromkeys(gone, 0)
    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(student.pk) not in sessions
    assert other_device.get("/me/").status_code == 302  # signed out everywhere
    # The access log keeps who did what and when, about a record that no longer names anyone.
    entries = list(access_history(profile))
    assert len(entries) > entries_before  # the deletions are recorded too
    assert {e.object_repr for e in entries} == {DELETED_STUDENT}
    assert {e.changes_text for e in entries} == {""}
    assert all(e.changes is None and e.serialized_data is None for e in entries)
    assert world.advisor in {e.actor for e in entries}
    assert {LogEntry.Action.CREATE, LogEntry.Action.ACCESS, LogEntry.Action.DELETE} <= {
        e.action for e in entries
    }
    # Nowhere in any log does S's personal data remain.
    stored = [
        json.dumps(row, default=str)
        for row in [*LogEntry.objects.values(), *AdminLogEntry.objects.values()]
    ]
    leaks = [(s, row) for s in personal_data(world) for row in stored if mentions(row, s)]
    assert leaks == []


def test_deleting_keeps_the_other_students_rows_and_log(world):
    before = access_history(world.other_profile).count()

    signed_in(world.student).post("/me/delete/", {"password": PASSWORD})

    assert StudentProfile.objects.filter(pk=world.other_profile.pk).exists()
    assert access_history(world.other_profile).count() == before
    assert AccessAttempt.objects.exclude(username=world.student.email).count() == 0
    assert signed_in(world.other_student).get("/me/").status_code == 200


def test_a_legal_hold_blocks_deletion(world):
    world.profile.legal_hold = True
    world.profile.save()

    response = signed_in(world.student).post("/me/delete/", {"password": PASSWORD})

    assert response.status_code == 302
    assert StudentProfile.objects.filter(pk=world.profile.pk).exists()
    assert AccessAttempt.objects.filter(username=world.student.email).exists()
    assert str(world.profile) in {e.object_repr for e in access_history(world.profile)}


# --- the admin's view of the access history ----------------------------------------------


def test_a_career_admin_reads_the_access_history_and_the_reading_is_logged(world):
    signed_in(world.advisor).get(f"/advising/students/{world.profile.pk}/")
    url = f"/admin/advising/studentprofile/{world.profile.pk}/change/"

    response = signed_in(world.career_admin).get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Access history" in html
    assert str(world.advisor) in html
    assert "student page" in html
    latest = access_history(world.profile).first()
    assert (latest.action, latest.actor) == (LogEntry.Action.ACCESS, world.career_admin)
    assert latest.additional_data["what"] == "admin profile page"
    # The page shows the history as read-only text: there is no field to change it.
    assert 'name="access_history"' not in html


def test_the_access_history_is_escaped(world):
    world.window.label = "<script>alert(1)</script>"
    world.window.save()  # an update entry whose description carries the label

    response = signed_in(world.career_admin).get(
        f"/admin/advising/studentprofile/{world.profile.pk}/change/"
    )

    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_a_refused_admin_page_is_not_logged(world):
    before = access_history(world.profile).count()

    response = signed_in(world.advisor).get(
        f"/admin/advising/studentprofile/{world.profile.pk}/change/"
    )

    assert response.status_code == 302
    assert access_history(world.profile).count() == before
