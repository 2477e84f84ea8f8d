"""Saved searches, alert runs and the alert policy in the admin."""

from django.contrib import admin

from ..models import (
    AlertPolicy,
    SavedSearch,
    SearchAlertRun,
)


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "cadence", "last_alert_at", "created_at")
    list_filter = ("cadence",)
    list_select_related = ("user",)
    search_fields = ("name", "user__email", "query")
    autocomplete_fields = ("user",)
    readonly_fields = ("created_at", "last_alert_at")


@admin.register(SearchAlertRun)
class SearchAlertRunAdmin(admin.ModelAdmin):
    """How each period's alerts went; a run without "finished" was stopped and resumes."""

    list_display = ("period", "cadence", "since", "cutoff", "searches_alerted", "finished_at")
    list_filter = ("cadence", ("finished_at", admin.EmptyFieldListFilter))
    search_fields = ("period",)
    readonly_fields = [f.name for f in SearchAlertRun._meta.fields]

    def has_add_permission(self, request):
        return False  # runs are made by send_search_alerts

    def has_change_permission(self, request, obj=None):
        return False  # a record of what was sent: read it, never edit it


@admin.register(AlertPolicy)
class AlertPolicyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "digest_size", "deadline_reminder_days")
    list_filter = ()
    search_fields = ()

    def has_add_permission(self, request):
        return not AlertPolicy.objects.exists()  # one row, seeded by a migration
