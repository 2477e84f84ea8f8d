"""One import of a listings file."""

from django.conf import settings
from django.db import models

from .choices import IMPORT_RUNNING, ImportEncoding, ImportFormat, ImportStatus


class ImportRun(models.Model):
    """One import of a listings file, from the admin or `manage.py import_listings`.

    From the admin it is checked first (a dry run) and written when an admin confirms, each
    step a background task (opportunities.tasks); the command does both at once. The counts
    and the rejected rows (at most the first 500, with their row numbers) are kept.
    """

    source = models.CharField(
        max_length=40,
        help_text="The feed's name in this site (e.g. simplify-summer2025): listings are "
        "matched by their id within it.",
    )
    format = models.CharField(
        max_length=10,
        choices=ImportFormat.choices,
        blank=True,
        help_text="Empty: told from the file (a JSON array with company_name is SimplifyJobs).",
    )
    encoding = models.CharField(
        max_length=16, choices=ImportEncoding.choices, default=ImportEncoding.UTF8
    )
    whole_feed = models.BooleanField(
        "the whole feed",
        default=True,
        help_text="The file is everything the source lists now: close this source's published "
        "listings that are not in it.",
    )
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    filename = models.CharField("file or address", max_length=2048)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for the command (cron).",
    )
    status = models.CharField(
        max_length=16, choices=ImportStatus.choices, default=ImportStatus.CHECK_QUEUED
    )
    progress = models.PositiveIntegerField(default=0, help_text="Rows read by the running step.")
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    organizations_created = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="Rejected rows and why.")
    problem = models.TextField(blank=True, help_text="Why the file as a whole was refused.")
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = "import"

    def __str__(self):
        return f"{self.source}: {self.filename.rsplit('/', 1)[-1]}"

    @property
    def is_running(self) -> bool:
        return self.status in IMPORT_RUNNING

    @property
    def can_confirm(self) -> bool:
        return self.status == ImportStatus.CHECKED
