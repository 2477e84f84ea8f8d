"""The listings students save."""

from django.conf import settings
from django.db import models

from .listings import Opportunity


class SavedOpportunityQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def for_list(self):
        """What the saved listings page shows: each listing, its organization, format, industry
        and skills, in a fixed number of queries."""
        return self.select_related(
            "opportunity__organization", "opportunity__format", "opportunity__industry"
        ).prefetch_related("opportunity__skills")


class SavedOpportunity(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_opportunities"
    )
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="saves")
    created_at = models.DateTimeField(auto_now_add=True)
    # What the student has been told (opportunities.reminders), so nothing is said twice.
    deadline_reminded_for = models.DateField(
        null=True, blank=True, help_text="The deadline the last reminder was about."
    )
    closed_notice_at = models.DateTimeField(null=True, blank=True)

    objects = SavedOpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "saved opportunities"
        constraints = [
            models.UniqueConstraint(fields=["user", "opportunity"], name="saved_once_per_user"),
        ]

    def __str__(self):
        return f"{self.user} saved {self.opportunity}"
