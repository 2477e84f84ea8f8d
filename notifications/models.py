"""What reaches people without their coming to look: in-app notifications, each person's choice
of delivery per kind, and the e-mail outbox.

The bottom of the app chain next to careercenter: the apps above (opportunities, advising) call
`services.notify()` from their own service functions; nothing here knows their models.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Kind(models.TextChoices):
    """What a notification is about. The apps above send these; people choose per kind."""

    RECOMMENDATION_SHARED = "recommendation_shared", "Your advisor shared a recommendation"
    RECOMMENDATION_ANSWERED = "recommendation_answered", "A student accepted or declined"
    FOLLOW_UP_DUE = "follow_up_due", "A follow-up date has come"
    DEADLINE_SOON = "deadline_soon", "A saved listing's deadline is near"
    LISTING_CLOSED = "listing_closed", "A saved listing closed"
    SEARCH_ALERT = "search_alert", "New listings for a saved search"


# Who each kind is for: the settings page offers a person the kinds of their role.
STUDENT_KINDS = (
    Kind.RECOMMENDATION_SHARED,
    Kind.SEARCH_ALERT,
    Kind.DEADLINE_SOON,
    Kind.LISTING_CLOSED,
)
ADVISOR_KINDS = (Kind.RECOMMENDATION_ANSWERED, Kind.FOLLOW_UP_DUE)


class Delivery(models.TextChoices):
    EMAIL = "email", "In the app and by e-mail"
    IN_APP = "in_app", "In the app only"
    OFF = "off", "Off"


# Until a person chooses: e-mail for what asks them to act, in the app for what only informs.
DEFAULT_DELIVERY = {
    Kind.RECOMMENDATION_SHARED: Delivery.EMAIL,
    Kind.RECOMMENDATION_ANSWERED: Delivery.EMAIL,
    Kind.FOLLOW_UP_DUE: Delivery.EMAIL,
    Kind.DEADLINE_SOON: Delivery.EMAIL,
    Kind.LISTING_CLOSED: Delivery.IN_APP,
    Kind.SEARCH_ALERT: Delivery.EMAIL,
}


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_user(self, user):
        return self.filter(user=user)


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, max_length=2000)
    url = models.CharField(
        "link", max_length=1000, blank=True, help_text="A path on this site, e.g. /me/."
    )
    key = models.CharField(
        max_length=200,
        blank=True,
        help_text="Idempotency key: a second notification with the same key is never made.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # The same alert (one search and period, one reminder) is made once, whoever runs
            # it and however often: the run that comes second finds the row and sends nothing.
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key=""), name="notification_key_once"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="notification_list_idx"),
            # The nav's unread count: a few index entries per person, never the table.
            models.Index(
                fields=["user"], condition=Q(read_at__isnull=True), name="notification_unread_idx"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Preference(models.Model):
    """A person's choice for one kind; without a row, DEFAULT_DELIVERY applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    delivery = models.CharField(max_length=8, choices=Delivery.choices)

    class Meta:
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind"),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()} → {self.get_delivery_display()}"


class EmailStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Gave up after every retry"


class Email(models.Model):
    """The e-mail of one notification, rendered when the notification was made (the outbox).

    A send that fails leaves the row pending with the error and the time of the next attempt;
    the notification is in the app all along.
    """

    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, related_name="email"
    )
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    text = models.TextField()
    html = models.TextField()
    unsubscribe_url = models.CharField(max_length=1000, blank=True)
    status = models.CharField(
        max_length=8, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "e-mail"
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="email_pending_idx",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to}"
