"""Reminders about saved listings: a deadline coming up, and a listing that closed.

Each saved listing is told once per deadline (`deadline_reminded_for`) and once when it closes
(`closed_notice_at`); the markers are written in the transaction that makes the notifications,
a chunk at a time, so a run stopped half-way goes on from where it stopped.
"""

from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone

from notifications.models import Kind
from notifications.services import Note, in_locked_chunks, notify_many

from .models import AlertPolicy, SavedOpportunity, Status

CHUNK = 1000
CLOSED_WITHIN = timedelta(days=7)  # older closings are history, not news


def send_listing_reminders(*, now=None) -> int:
    return remind_deadlines(now=now) + tell_closed(now=now)


def _tell_each(queryset, note, *, marker: str) -> int:
    """Make `note(saved)` for each saved listing of `queryset` and set its `marker` (which
    `note` fills in) in the same transaction, a chunk at a time; returns how many were made."""
    made = 0
    for rows in in_locked_chunks(queryset, CHUNK):
        made += len(notify_many([note(saved) for saved in rows]))
        SavedOpportunity.objects.bulk_update(rows, [marker])
    return made


def remind_deadlines(*, now=None) -> int:
    now = now or timezone.now()
    today = timezone.localdate(now)
    horizon = today + timedelta(days=AlertPolicy.current().deadline_reminder_days)
    due = (
        SavedOpportunity.objects.filter(
            opportunity__status=Status.PUBLISHED,
            opportunity__deadline__gte=today,
            opportunity__deadline__lte=horizon,
        )
        .filter(
            Q(deadline_reminded_for__isnull=True)
            | ~Q(deadline_reminded_for=F("opportunity__deadline"))
        )
        .select_related("user", "opportunity__organization")
        .order_by("pk")
    )

    def note(saved: SavedOpportunity) -> Note:
        listing = saved.opportunity
        days = (listing.deadline - today).days
        when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
        saved.deadline_reminded_for = listing.deadline
        return Note(
            user=saved.user,
            kind=Kind.DEADLINE_SOON,
            title=f"“{listing.title}” closes {when}",
            body=f"{listing.organization.name} takes applications until "
            f"{listing.deadline:%-d %B %Y}. You saved this listing.",
            url=listing.get_absolute_url(),
            key=f"deadline:{saved.pk}:{listing.deadline.isoformat()}",
            context={"button": "Open the listing"},
        )

    return _tell_each(due, note, marker="deadline_reminded_for")


def tell_closed(*, now=None) -> int:
    now = now or timezone.now()
    closed = (
        SavedOpportunity.objects.filter(
            opportunity__status=Status.CLOSED,
            opportunity__closed_at__gte=now - CLOSED_WITHIN,
            opportunity__closed_at__gt=F("created_at"),
            closed_notice_at__isnull=True,
        )
        .select_related("user", "opportunity__organization")
        .order_by("pk")
    )

    def note(saved: SavedOpportunity) -> Note:
        listing = saved.opportunity
        saved.closed_notice_at = now
        return Note(
            user=saved.user,
            kind=Kind.LISTING_CLOSED,
            title=f"“{listing.title}” has closed",
            body=f"{listing.organization.name} no longer takes applications for this listing "
            "you saved. Similar open listings are on its page.",
            url=listing.get_absolute_url(),
            key=f"closed:{saved.pk}",
            context={"button": "Open the listing"},
        )

    return _tell_each(closed, note, marker="closed_notice_at")
