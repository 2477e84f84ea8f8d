"""What advising tells people, through notifications: a recommendation shared (to the
student), the student's answer (to their advisor), a follow-up date come (to the advisor).

Called from the service functions that make the change, inside their transactions. A student's
name reaches only the student's own (current) advisor here, which the directory-information
hold allows.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from notifications.models import Kind
from notifications.services import Note, in_locked_chunks, notify, notify_many

from .models import Recommendation, RecommendationStatus

FOLLOW_UP_WITHIN = timedelta(days=7)  # a missed run still reminds; older dates are history
CHUNK = 1000


def _student_name(profile) -> str:
    user = profile.user
    return user.get_full_name() or user.email


def recommendation_shared(recommendation: Recommendation) -> None:
    advisor = recommendation.advisor
    who = (advisor.get_full_name() or "Your advisor") if advisor else "Your advisor"
    body = f"Next step: {recommendation.next_step}"
    if recommendation.follow_up_on:
        body += f"\nFollow-up planned for {recommendation.follow_up_on:%-d %B %Y}."
    notify(
        user=recommendation.profile.user,
        kind=Kind.RECOMMENDATION_SHARED,
        title=f"{who} shared a recommendation with you",
        body=body,
        url=reverse("advising:my_recommendation", args=[recommendation.pk]),
        key=f"shared:{recommendation.pk}",
        context={"button": "Read it and answer"},
    )


def recommendation_answered(recommendation: Recommendation) -> None:
    profile = recommendation.profile
    if profile.advisor is None:
        return
    verb = "accepted" if recommendation.status == RecommendationStatus.ACCEPTED else "declined"
    comment = recommendation.response_comment
    notify(
        user=profile.advisor,
        kind=Kind.RECOMMENDATION_ANSWERED,
        title=f"{_student_name(profile)} {verb} your recommendation",
        body=f"Their comment: {comment}" if comment else "They left no comment.",
        url=reverse("advising:student", args=[profile.pk]),
        key=f"answer:{recommendation.pk}:{recommendation.responded_at.isoformat()}",
        context={"button": "Open the student's page"},
    )


def send_follow_up_reminders(*, now=None) -> int:
    """Remind each advisor of the shared recommendations of their students whose follow-up
    date has come (in the last week), once each; returns how many reminders were made."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = (
        Recommendation.objects.visible_to_student()
        .filter(
            follow_up_on__lte=today,
            follow_up_on__gte=today - FOLLOW_UP_WITHIN,
            follow_up_reminded_at__isnull=True,
            profile__advisor__isnull=False,
        )
        .select_related("profile__user", "profile__advisor")
        .order_by("pk")
    )
    made = 0
    for rows in in_locked_chunks(due, CHUNK):
        notes = [
            Note(
                user=rec.profile.advisor,
                kind=Kind.FOLLOW_UP_DUE,
                title=f"Follow up with {_student_name(rec.profile)}",
                body=f"Follow-up date {rec.follow_up_on:%-d %B %Y}. "
                f"The next step was: {rec.next_step} ({rec.get_status_display().lower()}).",
                url=reverse("advising:student", args=[rec.profile_id]),
                key=f"follow-up:{rec.pk}:{rec.follow_up_on.isoformat()}",
                context={"button": "Open the student's page"},
            )
            for rec in rows
        ]
        made += len(notify_many(notes))
        Recommendation.objects.filter(pk__in=[rec.pk for rec in rows]).update(
            follow_up_reminded_at=now
        )
    return made
