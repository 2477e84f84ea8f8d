"""The access log: changes and views of a student's records, with who and when."""

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.test import RequestFactory

from advising.audit import STUDENT_RECORDS, access_history, history_rows, log_access
from opportunities.models import Skill

pytestmark = pytest.mark.django_db

CREATE, UPDATE, DELETE, ACCESS = (
    LogEntry.Action.CREATE,
    LogEntry.Action.UPDATE,
    LogEntry.Action.DELETE,
    LogEntry.Action.ACCESS,
)


def request_by(user, ip="198.51.100.20"):
    request = RequestFactory().get("/advising/students/1/", REMOTE_ADDR=ip)
    request.user = user
    return request


def summary(entries):
    return [(e.content_type.model, e.object_repr, e.action, e.actor) for e in entries]


def test_every_student_record_model_is_registered():
    assert {m._meta.label for m in auditlog.get_models()} >= set(STUDENT_RECORDS)
    assert not auditlog.contains(apps.get_model("opportunities", "Opportunity"))


def test_creating_the_records_is_logged_under_the_student(world):
    created = {
        (e.content_type.model, e.object_repr)
        for e in access_history(world.profile).filter(action=CREATE)
    }

    assert created == {
        ("studentprofile", str(world.profile)),
        ("availabilitywindow", str(world.window)),
        ("experience", str(world.experience)),
        ("recommendation", str(world.recommendation)),
        ("recommendationitem", str(world.item)),
        ("recommendation", str(world.draft)),  # its line reads like world.item
    }
    assert not access_history(world.other_profile).exclude(object_id=world.other_profile.pk)


def test_changes_record_the_actor_the_fields_and_the_old_and_new_values(world):
    LogEntry.objects.all().delete()
    world.window.refresh_from_db()  # as a view would load it (weeks "14.0", not "14")

    with set_actor(world.advisor):
        world.recommendation.next_step = "Book a follow-up meeting."
        world.recommendation.save()
    with set_actor(world.student):
        world.window.weekly_hours = 12
        world.window.save()
        world.experience.skills.add(world.skill)
        world.profile.skills_to_build.add(Skill.objects.get(slug="sql"))

    entries = list(access_history(world.profile))
    assert summary(entries) == [
        ("studentprofile", str(world.profile), UPDATE, world.student),
        ("experience", str(world.experience), UPDATE, world.student),
        ("availabilitywindow", str(world.window), UPDATE, world.student),
        ("recommendation", str(world.recommendation), UPDATE, world.advisor),
    ]
    assert entries[3].changes_dict["next_step"] == [
        "Apply to one micro-internship before the end of March.",
        "Book a follow-up meeting.",
    ]
    assert entries[2].changes_dict == {"weekly_hours": ["10", "12"]}
    assert entries[1].changes_dict["skills"]["objects"] == ["Data analysis"]
    assert entries[0].changes_dict["skills_to_build"]["objects"] == ["SQL"]


def test_timestamps_set_by_the_database_are_not_diffed(world):
    LogEntry.objects.all().delete()

    world.profile.programme = "BSc Economics and Data"
    world.profile.save()

    (entry,) = access_history(world.profile)
    assert set(entry.changes_dict) == {"programme"}


def test_deleted_records_stay_in_the_history(world):
    window_pk, recommendation_pk, item_pk = world.window.pk, world.recommendation.pk, world.item.pk
    with set_actor(world.student):
        world.window.delete()
    with set_actor(world.advisor):
        world.recommendation.delete()  # and its item, by cascade

    deleted = {
        (e.content_type.model, e.object_pk, e.actor)
        for e in access_history(world.profile).filter(action=DELETE)
    }
    assert deleted == {
        ("availabilitywindow", str(window_pk), world.student),
        ("recommendation", str(recommendation_pk), world.advisor),
        ("recommendationitem", str(item_pk), world.advisor),
    }


def test_an_advisor_viewing_a_student_is_logged(world):
    entry = log_access(request_by(world.advisor), world.profile, what="profile page")

    assert list(access_history(world.profile).filter(action=ACCESS)) == [entry]
    entry.refresh_from_db()
    assert entry.actor == world.advisor
    assert entry.actor_email == world.advisor.email
    assert entry.remote_addr == "198.51.100.20"
    assert entry.additional_data == {
        "student_profile": world.profile.pk,
        "path": "/advising/students/1/",
        "what": "profile page",
    }


def test_viewing_a_record_inside_the_profile_is_logged_under_the_student(world):
    log_access(request_by(world.career_admin), world.item)

    (entry,) = access_history(world.profile).filter(action=ACCESS)
    assert (entry.content_type.model, entry.object_id) == ("recommendationitem", world.item.pk)
    assert entry.actor == world.career_admin


def test_a_student_viewing_their_own_records_is_not_logged(world):
    assert log_access(request_by(world.student), world.profile) is None
    assert log_access(request_by(world.student), world.recommendation) is None

    assert not access_history(world.profile).filter(action=ACCESS).exists()


def test_another_student_viewing_is_logged(world):
    """Should a bug ever show S's records to T, the log says so."""
    log_access(request_by(world.other_student), world.experience)

    (entry,) = access_history(world.profile).filter(action=ACCESS)
    assert entry.actor == world.other_student
    assert not access_history(world.other_profile).filter(action=ACCESS).exists()


def test_log_access_refuses_what_is_not_a_student_record(world):
    with pytest.raises(ValueError, match=r"opportunities\.Opportunity is not a student record"):
        log_access(request_by(world.advisor), world.opportunity)


def test_the_history_is_one_query(world, django_assert_num_queries):
    log_access(request_by(world.advisor), world.profile)

    with django_assert_num_queries(1):
        rows = [(e.actor, e.content_type.model) for e in access_history(world.profile)]
    # Created: profile, window, experience, recommendation, item, draft, draft's item; two
    # updates (S's advisor changed twice); two many-to-many additions (the profile's
    # industries, the item's listings); one access.
    assert len(rows) == 12


def test_history_rows_for_the_export(world):
    LogEntry.objects.all().delete()
    log_access(request_by(world.advisor), world.profile, what="data export")
    world.advisor.delete()  # the entry keeps the e-mail address
    world.window.delete()

    rows = history_rows(world.profile)

    assert [(r["who"], r["action"], r["record"], r["what"]) for r in rows] == [
        ("system", "delete", f"availability window: {world.window}", ""),
        (
            "advisor-of-s@uni.example.edu",
            "access",
            f"student profile: {world.profile}",
            "data export",
        ),
    ]
    assert all(r["time"].endswith("+00:00") for r in rows)


# --- through the middleware ---------------------------------------------------------------


@pytest.mark.urls("tests.security.audit_urls")
def test_a_change_over_http_records_the_user_and_their_real_address(client, world):
    LogEntry.objects.all().delete()
    client.force_login(world.advisor)

    response = client.post(
        f"/profiles/{world.profile.pk}/programme/",
        {"programme": "MSc Public Health"},
        REMOTE_ADDR="198.51.100.20",
        HTTP_X_FORWARDED_FOR="10.9.9.9",  # forged: no trusted proxy
    )

    assert response.status_code == 204
    (entry,) = access_history(world.profile)
    assert (entry.action, entry.actor) == (UPDATE, world.advisor)
    assert entry.remote_addr == "198.51.100.20"
    assert entry.changes_dict == {"programme": ["BSc Economics", "MSc Public Health"]}


@pytest.mark.urls("tests.security.audit_urls")
def test_a_view_over_http_is_logged_once(client, world):
    LogEntry.objects.all().delete()
    client.force_login(world.advisor)

    response = client.get(f"/profiles/{world.profile.pk}/", REMOTE_ADDR="198.51.100.20")

    assert response.status_code == 200
    (entry,) = access_history(world.profile)
    assert (entry.action, entry.actor, entry.remote_addr) == (
        ACCESS,
        world.advisor,
        "198.51.100.20",
    )
