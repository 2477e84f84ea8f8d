"""Everything the site holds about a student, as JSON, and deleting it on request.

The export is built from named sections, one function each, in `SECTIONS`. To add one, write
a function that takes the user and returns plain JSON-able data, and add it to `SECTIONS`: the
export, its tests' list of keys and the download change with it.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from careercenter.roles import role_of
from opportunities.models import SavedOpportunity

from .audit import history_rows
from .models import AvailabilityWindow, Experience, Recommendation, StudentProfile

EXPORT_FORMAT = "careercenter-export"
EXPORT_VERSION = 1
# What the access log says about a record of a student who has since deleted their account.
DELETED_STUDENT = "deleted student record"


def _person(user) -> dict[str, str] | None:
    if user is None:
        return None
    return {"name": user.get_full_name(), "email": user.email}


def _names(related) -> list[str]:
    return [row.name for row in related.all()]


def _profile_of(user) -> StudentProfile | None:
    return (
        StudentProfile.objects.select_related("advisor")
        .prefetch_related("target_industries", "skills", "skills_to_build")
        .filter(user=user)
        .first()
    )


def account_section(user) -> dict[str, Any]:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": role_of(user),
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


def profile_section(user) -> dict[str, Any] | None:
    profile = _profile_of(user)
    if profile is None:
        return None
    return {
        "programme": profile.programme,
        "level": profile.level,
        "expected_graduation": profile.expected_graduation,
        "career_clarity": profile.career_clarity,
        "learning_goal": profile.learning_goal,
        "target_industries": _names(profile.target_industries),
        "skills": _names(profile.skills),
        "skills_to_build": _names(profile.skills_to_build),
        "needs_pay": profile.needs_pay,
        "credit_ok": profile.credit_ok,
        "can_be_paid": profile.can_be_paid,
        "work_modes": profile.work_modes,
        "networking_goal": profile.networking_goal,
        "application_ready": profile.application_ready,
        "directory_hold": profile.directory_hold,
        "legal_hold": profile.legal_hold,
        "deletion_requested_at": profile.deletion_requested_at,
        "advisor": _person(profile.advisor),
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
    }


def windows_section(user) -> list[dict[str, Any]]:
    return [
        {
            "label": window.label,
            "kind": window.kind,
            "starts_on": window.starts_on,
            "ends_on": window.ends_on,
            "weeks": float(window.weeks),
            "weekly_hours": window.weekly_hours,
        }
        for window in AvailabilityWindow.objects.filter(profile__user=user)
    ]


def experiences_section(user) -> list[dict[str, Any]]:
    experiences = (
        Experience.objects.filter(profile__user=user)
        .select_related("format", "industry", "opportunity")
        .prefetch_related("skills")
    )
    return [
        {
            "title": e.title,
            "organization": e.organization_name,
            "format": e.format.name if e.format else None,
            "industry": e.industry.name if e.industry else None,
            "hours": e.hours,
            "started_on": e.started_on,
            "ended_on": e.ended_on,
            "skills": _names(e.skills),
            "reflection": e.reflection,
            "listing": {"id": e.opportunity_id, "title": e.opportunity.title}
            if e.opportunity
            else None,
            "created_at": e.created_at,
        }
        for e in experiences
    ]


def saved_listings_section(user) -> list[dict[str, Any]]:
    saved = SavedOpportunity.objects.filter(user=user).select_related(
        "opportunity__organization", "opportunity__format"
    )
    return [
        {
            "listing": {
                "id": s.opportunity_id,
                "title": s.opportunity.title,
                "organization": s.opportunity.organization.name,
                "format": s.opportunity.format.name,
                "status": s.opportunity.status,
            },
            "saved_at": s.created_at,
        }
        for s in saved
    ]


def recommendations_section(user) -> list[dict[str, Any]]:
    """What advisors shared with the student; drafts are the advisor's work in progress."""
    recommendations = (
        Recommendation.objects.visible_to_student()
        .filter(profile__user=user)
        .select_related("advisor")
        .prefetch_related("items__format", "items__opportunities")
    )
    return [
        {
            "status": r.status,
            "advisor": _person(r.advisor),
            "next_step": r.next_step,
            "notes": r.notes,
            "follow_up_on": r.follow_up_on,
            "shared_at": r.shared_at,
            "response_comment": r.response_comment,
            "responded_at": r.responded_at,
            "created_at": r.created_at,
            "items": [
                {
                    "window": item.window_label,
                    "format": item.format.name,
                    "count": item.count,
                    "rationale": item.rationale,
                    "listings": [{"id": o.pk, "title": o.title} for o in item.opportunities.all()],
                }
                for item in r.items.all()
            ],
        }
        for r in recommendations
    ]


def access_log_section(user) -> list[dict[str, Any]]:
    """Who changed or looked at the student's records, and when."""
    profile = StudentProfile.objects.filter(user=user).first()
    return history_rows(profile) if profile else []


SECTIONS: dict[str, Callable[[AbstractBaseUser], Any]] = {
    "account": account_section,
    "profile": profile_section,
    "availability_windows": windows_section,
    "experiences": experiences_section,
    "saved_listings": saved_listings_section,
    "recommendations": recommendations_section,
    "access_log": access_log_section,
}


def export_data(user, *, now: datetime | None = None) -> dict[str, Any]:
    """Everything about `user`, section by section; serialise with DjangoJSONEncoder."""
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "generated_at": now or timezone.now(),
    }
    for name, section in SECTIONS.items():
        data[name] = section(user)
    return data


@transaction.atomic
def delete_student_account(*, user, now: datetime | None = None) -> bool:
    """Delete the student and everything about them, unless staff put the record on hold.

    Deleting the profile cascades to availability windows, experiences and recommendations
    with their items; deleting the user row to saved listings and e-mail addresses.
    We delete rather than anonymise: nothing the site keeps needs a student who has gone. The
    one exception is the access log, which must keep who did what and when: its entries about
    the student are stripped of their personal data instead (`anonymise_access_history`).
    Sessions and login-attempt rows (axes) for the account go too.

    Under a legal hold nothing is deleted; the request is recorded in
    `deletion_requested_at` for staff to act on, and the function returns False.
    """
    profile = StudentProfile.objects.select_for_update().filter(user=user).first()
    if profile is not None and profile.legal_hold:
        if profile.deletion_requested_at is None:
            profile.deletion_requested_at = now or timezone.now()
            profile.save(update_fields=["deletion_requested_at", "updated_at"])
        return False
    # The profile goes first, on its own: anything that records the deletion of these rows
    # (an access log naming the student as the actor) then exists before the user row is
    # deleted, so the user's deletion can clear references to it instead of leaving rows
    # that point at a user who is gone.
    if profile is not None:
        profile_id = profile.pk
        profile.delete()
        anonymise_access_history(profile_id=profile_id)
    _forget_the_person(user)
    user.delete()
    return True


def anonymise_access_history(*, profile_id: int) -> int:
    """Keep who did what to the deleted student's records, and when, but nothing about the
    student: the entries' descriptions and recorded values go (they hold names, e-mail
    addresses, reflections). Returns the number of entries changed."""
    return (
        LogEntry.objects.filter(additional_data__student_profile=profile_id)
        .exclude(object_repr=DELETED_STUDENT, changes=None)
        .update(object_repr=DELETED_STUDENT, changes=None, changes_text="", serialized_data=None)
    )


def _forget_the_person(user) -> None:
    """What the site keeps about the person outside their records: sessions, login attempts,
    the address and network address recorded with the entries where they are the actor."""
    LogEntry.objects.filter(actor=user).update(actor_email=None, remote_addr=None)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=user.email).delete()
    # Sessions are keyed by random ids, not users: decode the live ones to find theirs.
    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == user_id:
            session.delete()
