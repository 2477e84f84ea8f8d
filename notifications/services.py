"""Making notifications and sending their e-mails. The apps above call `notify()` (or
`notify_many()` for a batch) from their own service functions, inside their transactions."""

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import DEFAULT_DELIVERY, Delivery, Email, EmailStatus, Kind, Notification, Preference

logger = logging.getLogger(__name__)

EMAIL_TEMPLATE = "notifications/email/notification"  # .txt and .html
# Minutes to wait after the 1st, 2nd, ... failed attempt; after the last, the e-mail is given
# up on (the notification stays in the app). About a day of retries in all.
RETRY_MINUTES = (1, 5, 30, 120, 720)
UNSUBSCRIBE_SALT = "notifications.unsubscribe"


@dataclass(frozen=True)
class Note:
    """One notification to make: to whom, about what, and what its e-mail says.

    `key` makes it idempotent: a second note with the same user and key is never made.
    `template` names the e-mail's .txt/.html pair (given `context` and the note as `note`);
    `unsubscribe_url` is the one-click link of that e-mail (default: stop e-mails of `kind`).
    """

    user: object
    kind: Kind
    title: str
    body: str = ""
    url: str = ""
    key: str = ""
    template: str = EMAIL_TEMPLATE
    context: Mapping = field(default_factory=dict)
    unsubscribe_url: str = ""


def absolute(path: str) -> str:
    """A site path as a full address for an e-mail or a calendar (settings.SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + path


def deliveries(user_ids: Sequence[int], kind: Kind) -> dict[int, Delivery]:
    """How each of these people wants notifications of `kind` (one query)."""
    chosen = dict(
        Preference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    return {pk: Delivery(chosen.get(pk, DEFAULT_DELIVERY[kind])) for pk in user_ids}


def delivery_for(user, kind: Kind) -> Delivery:
    return deliveries([user.pk], kind)[user.pk]


def choices_of(user) -> dict[Kind, Delivery]:
    """The person's delivery for every kind, defaults filled in (one query)."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: Delivery(chosen.get(kind, DEFAULT_DELIVERY[kind])) for kind in Kind}


def unsubscribe_token(user, kind: Kind) -> str:
    return signing.dumps([user.pk, str(kind)], salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, Kind] | None:
    """(user id, kind) from a token of `unsubscribe_token`, or None when it is not one."""
    try:
        user_id, kind = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        return int(user_id), Kind(kind)
    except (signing.BadSignature, ValueError, TypeError):
        return None


def unsubscribe_target(token: str):
    """(the active user, kind) a token of `unsubscribe_token` names, or None when it is not one
    or the account is gone or deactivated."""
    found = read_unsubscribe_token(token)
    if found is None:
        return None
    user_id, kind = found
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    return (user, kind) if user is not None else None


def notify(**note) -> Notification | None:
    """Make one notification (see `Note`); None when the person turned the kind off, is not
    active, or it was made before (same key)."""
    made = notify_many([Note(**note)])
    return made[0] if made else None


@transaction.atomic
def notify_many(notes: Sequence[Note]) -> list[Notification]:
    """Make these notifications and their e-mails in a few queries, whatever their number.

    Each person's preference for the kind decides: off (nothing is made), in the app only, or
    in the app and by e-mail. E-mails are rendered now and sent by a background task after the
    transaction commits. Notes whose (user, key) exists already are skipped.
    """
    notes = [n for n in notes if n.user.is_active]
    if not notes:
        return []
    wanted = {}
    for kind in {n.kind for n in notes}:
        ids = sorted({n.user.pk for n in notes if n.kind == kind})
        wanted[kind] = deliveries(ids, kind)
    keyed = [n for n in notes if n.key]
    taken = set()
    if keyed:
        taken = set(
            Notification.objects.filter(
                user_id__in={n.user.pk for n in keyed}, key__in={n.key for n in keyed}
            ).values_list("user_id", "key")
        )
    chosen = []
    for note in notes:
        if wanted[note.kind][note.user.pk] == Delivery.OFF:
            continue
        if note.key and (note.user.pk, note.key) in taken:
            continue
        taken.add((note.user.pk, note.key))
        chosen.append(note)
    if not chosen:
        return []
    rows = Notification.objects.bulk_create(
        [
            Notification(user=n.user, kind=n.kind, title=n.title, body=n.body, url=n.url, key=n.key)
            for n in chosen
        ]
    )
    emails = [
        _email(note, row)
        for note, row in zip(chosen, rows, strict=True)
        if wanted[note.kind][note.user.pk] == Delivery.EMAIL
    ]
    if emails:
        Email.objects.bulk_create(emails)
        ids = [email.pk for email in emails]
        transaction.on_commit(lambda: _enqueue_send(ids))
    return rows


def in_locked_chunks(queryset, size: int = 1000):
    """The rows of `queryset` a chunk at a time, each chunk locked and in its own transaction
    while the caller handles it (the caller's loop body runs inside it). Rows another worker
    holds are skipped: it is handling them. The caller must change each row so that it leaves
    `queryset` (a "told" marker), or this never ends."""
    while True:
        with transaction.atomic():
            rows = list(queryset.select_for_update(skip_locked=True, of=("self",))[:size])
            if not rows:
                return
            yield rows


def _email(note: Note, notification: Notification) -> Email:
    unsubscribe = note.unsubscribe_url or absolute(
        reverse("notifications:unsubscribe", args=[unsubscribe_token(note.user, note.kind)])
    )
    context = {
        **note.context,
        "note": note,
        "link": absolute(note.url) if note.url else "",
        "unsubscribe_url": unsubscribe,
        "settings_url": absolute(reverse("notifications:settings")),
        "site_url": settings.SITE_URL,
    }
    return Email(
        notification=notification,
        to=note.user.email,  # the recipient's own address
        subject=note.title[:200],
        text=render_to_string(f"{note.template}.txt", context),
        html=render_to_string(f"{note.template}.html", context),
        unsubscribe_url=unsubscribe,
    )


def _enqueue_send(ids: list[int]) -> None:
    from .tasks import send_emails_task

    send_emails_task.enqueue(ids)


def send_email(email_id: int) -> bool:
    """Send one pending e-mail; True if this call sent it.

    The row is locked while the mail server is talked to, so two workers never send it both
    (the second skips it), and it is marked sent in the same transaction. A failed send is
    recorded with the time of the next attempt (RETRY_MINUTES), then retried by a task; after
    the last attempt it is marked failed. Either way the notification stays in the app. If
    the worker dies while the mail server is accepting the message, the row is still pending
    and the message is sent again later: at least once, never lost.
    """
    with transaction.atomic():
        email = (
            Email.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=EmailStatus.PENDING)
            .first()
        )
        if email is None:
            return False
        headers = {}
        if email.unsubscribe_url:
            # RFC 8058: mail programs show an "Unsubscribe" button that POSTs to the link.
            headers = {
                "List-Unsubscribe": f"<{email.unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
        message = EmailMultiAlternatives(email.subject, email.text, to=[email.to], headers=headers)
        message.attach_alternative(email.html, "text/html")
        email.attempts += 1
        try:
            message.send()
        except Exception as error:  # any failure of the mail server or backend
            logger.warning("E-mail %s not sent (attempt %s): %r", email.pk, email.attempts, error)
            email.last_error = repr(error)[:2000]
            if email.attempts > len(RETRY_MINUTES):
                email.status = EmailStatus.FAILED
                email.next_attempt_at = None
            else:
                wait = timedelta(minutes=RETRY_MINUTES[email.attempts - 1])
                email.next_attempt_at = timezone.now() + wait
                retry_at, pk = email.next_attempt_at, email.pk
                transaction.on_commit(lambda: _enqueue_retry(pk, retry_at))
            email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return False
        email.status = EmailStatus.SENT
        email.sent_at = timezone.now()
        email.next_attempt_at = None
        email.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at"])
        return True


def _enqueue_retry(email_id: int, when) -> None:
    from .tasks import send_emails_task

    send_emails_task.using(run_after=when).enqueue([email_id])


def due_emails(now=None):
    """Pending e-mails whose time has come: retries that are due, and any left behind by a
    worker that stopped before sending them (older than a minute)."""
    now = now or timezone.now()
    return Email.objects.filter(status=EmailStatus.PENDING).filter(
        next_attempt_at__lte=now
    ) | Email.objects.filter(
        status=EmailStatus.PENDING,
        next_attempt_at__isnull=True,
        created_at__lte=now - timedelta(minutes=1),
    )


def send_due_emails(now=None, *, limit: int = 1000) -> int:
    """Send up to `limit` due e-mails (see `due_emails`); returns how many were sent."""
    ids = list(due_emails(now).order_by("pk").values_list("pk", flat=True)[:limit])
    return sum(send_email(pk) for pk in ids)


@transaction.atomic
def mark_read(user, *, ids: Sequence[int] | None = None, now=None) -> int:
    """Mark the user's unread notifications read (only `ids`, when given); returns how many."""
    unread = Notification.objects.for_user(user).unread()
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=now or timezone.now())


@transaction.atomic
def set_preferences(user, choices: Mapping[Kind, Delivery]) -> None:
    for kind, delivery in choices.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def stop_emails(user, kind: Kind) -> None:
    """What an e-mail's unsubscribe link does: that kind stays in the app, without e-mail
    (or stays off if it was off)."""
    if delivery_for(user, kind) == Delivery.EMAIL:
        set_preferences(user, {kind: Delivery.IN_APP})
