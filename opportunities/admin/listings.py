"""Listings in the admin, with their export and the listings students saved."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.translation import ngettext
from import_export.admin import ExportMixin

from careercenter.spreadsheets import SpreadsheetSafeCSV

from .. import alerts
from ..models import (
    Opportunity,
    SavedOpportunity,
)
from ..resources import OpportunityResource


class SourceFilter(admin.SimpleListFilter):
    """The feed a listing was imported from, or none (entered here)."""

    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        sources = (
            Opportunity.objects.exclude(external_source="")
            .order_by("external_source")
            .values_list("external_source", flat=True)
            .distinct()
        )
        return [("-", "Entered here"), *((source, source) for source in sources)]

    def queryset(self, request, queryset):
        if self.value() == "-":
            return queryset.filter(external_source="")
        if self.value():
            return queryset.filter(external_source=self.value())
        return queryset


class LinesField(forms.CharField):
    """A list of strings (a listing's locations or terms) typed one per line."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 60})

    def __init__(self, *, encoder=None, decoder=None, **kwargs):  # what JSONField passes
        kwargs.setdefault("help_text", "One per line.")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def has_changed(self, initial, data):
        return (initial or []) != self.to_python(data)


# Links typed without a scheme are taken as https (Django 6's default, chosen now). Lists of
# places and terms are typed one per line rather than as JSON.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}
LISTING_FIELDS = URL_FIELDS | {models.JSONField: {"form_class": LinesField}}


@admin.register(Opportunity)
class OpportunityAdmin(ExportMixin, admin.ModelAdmin):
    resource_classes = [OpportunityResource]
    formats = [SpreadsheetSafeCSV]  # CSV, every formula cell defused on export
    # Export, and a link to "Import a feed" (ImportRunAdmin): importing has one pipeline.
    import_export_change_list_template = "admin/opportunities/opportunity/change_list.html"
    formfield_overrides = LISTING_FIELDS
    list_display = (
        "title",
        "organization",
        "format",
        "industry",
        "status",
        "deadline",
        "published_at",
        "is_demo",
    )
    list_filter = (
        "status",
        "is_demo",
        SourceFilter,
        "format__family",
        "format",
        "industry",
        "work_mode",
        "compensation_type",
        "sponsorship",
        "is_remote",
        ("deadline", admin.DateFieldListFilter),
    )
    list_select_related = ("organization", "format", "industry")
    search_fields = ("title", "organization__name", "summary")
    autocomplete_fields = ("organization", "format", "industry", "skills")
    date_hierarchy = "deadline"
    ordering = ("-created_at",)
    readonly_fields = (
        "slug",
        "is_remote",
        "published_at",
        "closed_at",
        "created_at",
        "updated_at",
        "external_source",
        "external_id",
        "posted_at",
        "source_updated_at",
        "content_hash",
    )
    actions = ("publish", "close")
    fieldsets = (
        (None, {"fields": ("title", "slug", "organization", "format", "industry", "skills")}),
        ("Description", {"fields": ("summary", "description")}),
        (
            "Terms",
            {
                "description": "Leave out what the posting does not say: students see "
                "“Not stated”, and filters never take it for a fact.",
                "fields": (
                    ("work_mode", "locations", "is_remote"),
                    "terms",
                    ("weekly_hours_min", "weekly_hours_max"),
                    ("duration_weeks", "total_hours"),
                    "start_date",
                    ("compensation_type", "compensation_amount"),
                    "sponsorship",
                ),
            },
        ),
        ("Applying", {"fields": ("deadline", "apply_url", "apply_instructions")}),
        (
            "Status",
            {
                "fields": (
                    "status",
                    "is_demo",
                    "published_at",
                    "closed_at",
                    "created_at",
                    "updated_at",
                )
            },
        ),
        (
            "Source",
            {
                "description": "Where an imported listing comes from (set by the import).",
                "fields": (
                    ("external_source", "external_id"),
                    ("posted_at", "source_updated_at"),
                    "content_hash",
                ),
            },
        ),
    )

    def get_export_queryset(self, request):
        return (
            super()
            .get_export_queryset(request)
            .select_related("organization", "format", "industry")
            .prefetch_related("skills")
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Skills are saved here, after the listing itself: refresh the search column last.
        Opportunity.objects.filter(pk=form.instance.pk).update_search_vector()
        if "status" in form.changed_data and form.instance.status == "published":
            alerts.listings_published()

    @admin.action(description="Publish selected listings", permissions=["change"])
    def publish(self, request, queryset):
        count = queryset.publish()
        alerts.listings_published()
        self.message_user(
            request,
            ngettext("%(n)d listing published.", "%(n)d listings published.", count) % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(description="Close selected listings", permissions=["change"])
    def close(self, request, queryset):
        count = queryset.close()
        self.message_user(
            request,
            ngettext("%(n)d listing closed.", "%(n)d listings closed.", count) % {"n": count},
            messages.SUCCESS,
        )


@admin.register(SavedOpportunity)
class SavedOpportunityAdmin(admin.ModelAdmin):
    list_display = ("user", "opportunity", "created_at")
    list_filter = (("created_at", admin.DateFieldListFilter), "opportunity__format")
    list_select_related = ("user", "opportunity")
    search_fields = ("user__email", "opportunity__title")
    autocomplete_fields = ("user", "opportunity")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
