"""Saved searches, the runs that send their alerts, and the alert policy."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from .choices import Cadence


class SavedSearchQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def named(self, name: str):
        """The searches called `name`, whatever the letter case."""
        return self.filter(name__iexact=name)


class SavedSearch(models.Model):
    """A browse query (its filters, as a query string) kept by a student, with its alert."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=80)
    query = models.CharField(
        max_length=2000,
        blank=True,
        help_text="The filters, as /opportunities/ takes them (format=…&paid=1).",
    )
    cadence = models.CharField(
        "alert", max_length=8, choices=Cadence.choices, default=Cadence.WEEKLY
    )
    alerts_from = models.DateTimeField(
        help_text="Listings published after this are new to the search's next alert.",
    )
    last_alert_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "saved searches"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                name="saved_search_name_once_per_user",
                violation_error_message="You already have a saved search with this name.",
            ),
        ]
        indexes = [
            # An alert run walks the searches of one cadence in id order, a batch at a time.
            models.Index(
                fields=["cadence", "id"],
                condition=~Q(cadence="off"),
                name="saved_search_alert_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        url = reverse("opportunities:list")
        return f"{url}?{self.query}" if self.query else url


class SearchAlertRun(models.Model):
    """One sending of the alerts of one cadence for one period (a day, a week, a minute for
    instant alerts): the listings published between `since` and `cutoff`.

    Resumable: searches are handled a batch at a time in id order, and `last_search_id` says how
    far it got, so a run stopped half-way (a worker killed, a deploy) goes on from there when
    it is started again. Unique per cadence and period, so a period is run once.
    """

    cadence = models.CharField(max_length=8, choices=Cadence.choices)
    period = models.CharField(max_length=20, help_text="2026-12-07, 2026-W50, or a minute.")
    since = models.DateTimeField()
    cutoff = models.DateTimeField()
    last_search_id = models.BigIntegerField(default=0)
    searches_alerted = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-cutoff", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["cadence", "period"], name="alert_run_once"),
            models.CheckConstraint(condition=Q(since__lt=F("cutoff")), name="alert_run_window"),
        ]

    def __str__(self):
        return f"{self.get_cadence_display()} alerts, {self.period}"


class AlertPolicy(models.Model):
    """The numbers of alerts and reminders career-center staff may tune (one row)."""

    digest_size = models.PositiveSmallIntegerField(
        "listings per alert",
        default=20,
        help_text="At most this many new listings in one alert; it links to the full search.",
    )
    deadline_reminder_days = models.PositiveSmallIntegerField(
        "deadline reminder (days before)",
        default=3,
        help_text="Students are reminded this many days before a saved listing's deadline.",
    )

    class Meta:
        verbose_name = "alert policy"
        verbose_name_plural = "alert policy"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="alert_policy_single_row"),
            models.CheckConstraint(
                condition=Q(digest_size__gte=1) & Q(digest_size__lte=50),
                name="alert_policy_digest_size",
                violation_error_message="Between 1 and 50 listings.",
            ),
            models.CheckConstraint(
                condition=Q(deadline_reminder_days__gte=1) & Q(deadline_reminder_days__lte=30),
                name="alert_policy_reminder_days",
                violation_error_message="Between 1 and 30 days.",
            ),
        ]

    def __str__(self):
        return "Alert policy"

    @classmethod
    def current(cls) -> "AlertPolicy":
        """The row (seeded by a data migration); the defaults if it was deleted."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)
