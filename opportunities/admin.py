from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import ngettext
from import_export.admin import ExportMixin

from careercenter.forms import BoundedModelFormSet
from careercenter.spreadsheets import SpreadsheetSafeCSV

from . import alerts, tasks
from .importing.pipeline import check_source
from .models import (
    AlertPolicy,
    Format,
    ImportRun,
    Industry,
    Opportunity,
    Organization,
    SavedOpportunity,
    SavedSearch,
    SearchAlertRun,
    SearchSynonym,
    Skill,
    WorkMode,
    every_work_mode,
    stated,
)
from .resources import OpportunityResource


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


class InUseFilter(admin.SimpleListFilter):
    """Rows that some listing uses, or none does (e.g. to find what can be deleted)."""

    title = "used by listings"
    parameter_name = "in_use"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(listing_count__gt=0)
        if self.value() == "no":
            return queryset.filter(listing_count=0)
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


class ListingCountMixin:
    """Adds a "used by N listings" column, counted in the changelist's one query."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(listing_count=Count("opportunities"))

    @admin.display(description="used by", ordering="listing_count")
    def used_by(self, obj):
        return ngettext("%(n)d listing", "%(n)d listings", obj.listing_count) % {
            "n": obj.listing_count
        }


class FormatForm(forms.ModelForm):
    work_modes = forms.MultipleChoiceField(
        label="Work modes",
        choices=stated(WorkMode.choices),
        initial=every_work_mode,
        widget=forms.CheckboxSelectMultiple,
        help_text="How its listings are done. A student who accepts none of these never gets "
        "this format suggested.",
    )

    class Meta:
        model = Format
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets choose what is shown)


@admin.register(Format)
class FormatAdmin(ListingCountMixin, admin.ModelAdmin):
    form = FormatForm
    list_display = (
        "name",
        "family",
        "weeks_min",
        "weeks_max",
        "weekly_hours_min",
        "weekly_hours_max",
        "used_by",
        "display_order",
        "is_active",
    )
    list_display_links = ("name",)
    list_editable = ("display_order", "is_active")
    list_filter = (
        "family",
        "is_active",
        "made_for",
        "application_process",
        "compensation_model",
    )
    search_fields = ("name", "slug", "summary")
    ordering = ("display_order", "name")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "family", "is_active", "display_order")}),
        ("For students", {"fields": ("summary", "description", "suitability")}),
        (
            "Time",
            {
                "description": "Typical ranges. 0.1 week is about half a working day.",
                "fields": (
                    ("weeks_min", "weeks_max"),
                    ("weekly_hours_min", "weekly_hours_max"),
                    ("total_hours_min", "total_hours_max"),
                ),
            },
        ),
        (
            "Comparison criteria",
            {
                "fields": (
                    "schedule_flexibility",
                    "exposure_depth",
                    "learning_scope",
                    "application_process",
                    "compensation_model",
                    "networking_style",
                )
            },
        ),
        (
            "What sets it apart",
            {
                "description": "The suggestion engine weighs both.",
                "fields": ("made_for", "work_modes"),
            },
        ),
    )

    def get_changelist_formset(self, request, **kwargs):
        # One form per listed row, whatever the posted TOTAL_FORMS says (careercenter.forms).
        return super().get_changelist_formset(request, formset=BoundedModelFormSet, **kwargs)


@admin.register(Industry)
class IndustryAdmin(ListingCountMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "used_by")
    list_filter = (InUseFilter,)
    search_fields = ("name", "slug")
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Skill)
class SkillAdmin(ListingCountMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "used_by")
    list_filter = (InUseFilter,)
    search_fields = ("name", "slug")
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            obj.opportunities.all().update_search_vector()


@admin.register(Organization)
class OrganizationAdmin(ListingCountMixin, admin.ModelAdmin):
    list_display = ("name", "industry", "is_verified", "is_demo", "used_by", "created_at")
    formfield_overrides = URL_FIELDS
    list_filter = ("is_verified", "is_demo", "industry")
    list_select_related = ("industry",)
    search_fields = ("name", "slug", "website")
    autocomplete_fields = ("industry",)
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    actions = ("mark_verified",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            obj.opportunities.all().update_search_vector()

    @admin.action(description="Mark selected organizations as verified employers")
    def mark_verified(self, request, queryset):
        count = queryset.update(is_verified=True)
        self.message_user(request, f"{count} marked as verified.", messages.SUCCESS)


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


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ("term", "equivalents")
    search_fields = ("term", "equivalents")
    ordering = ("term",)


class ImportRunForm(forms.ModelForm):
    class Meta:
        model = ImportRun
        fields = ("file", "source", "format", "whole_feed", "encoding")
        help_texts = {
            "file": "A SimplifyJobs listings.json, or a CSV or JSON file with the columns of "
            "the listings export.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].required = True
        self.fields["format"].choices = [
            ("", "Tell from the file"),
            *self.fields["format"].choices[1:],
        ]
        known = ImportRun.objects.order_by().values_list("source", flat=True).distinct()
        names = ", ".join(sorted(known)[:10])
        if names:
            self.fields["source"].help_text += f" Sources so far: {names}."

    def clean_source(self):
        source = self.cleaned_data["source"].strip()
        try:
            return check_source(source)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Imports of listing files: "Import a feed" (the add page), then each run's page, which
    follows the background check, offers to import what it found, and shows the result."""

    list_display = (
        "requested_at",
        "source",
        "filename",
        "status",
        "rows",
        "created",
        "updated",
        "unchanged",
        "closed",
        "rejected",
        "requested_by",
    )
    list_filter = ("status", "source")
    list_select_related = ("requested_by",)
    search_fields = ("source", "filename")
    ordering = ("-requested_at",)
    run_template = "admin/opportunities/importrun/run.html"

    def has_change_permission(self, request, obj=None):
        return False  # a run is a record of what happened

    def get_urls(self):
        confirm = self.admin_site.admin_view(self.confirm_view)
        confirm.model_admin = self  # as on the admin's own object pages
        return [
            path("<path:object_id>/confirm/", confirm, name="opportunities_importrun_confirm"),
            *super().get_urls(),
        ]

    def _context(self, request, **context):
        return {**self.admin_site.each_context(request), "opts": self.opts, **context}

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportRunForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            run = form.save(commit=False)
            run.filename = request.FILES["file"].name
            run.requested_by = request.user
            run.save()
            tasks.request_check(run)
            return redirect("admin:opportunities_importrun_change", run.pk)
        context = self._context(request, title="Import a feed", form=form)
        return TemplateResponse(request, "admin/opportunities/importrun/import_form.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        run = self.get_object(request, unquote(object_id))
        if run is None:
            raise Http404("No such import.")
        if not self.has_view_permission(request, run):
            raise PermissionDenied
        context = self._context(
            request,
            title=f"Import {run.pk}: {run}",
            run=run,
            errors=run.errors[:100],
            may_confirm=run.can_confirm and self.has_add_permission(request),
            listings_url=reverse("admin:opportunities_opportunity_changelist")
            + f"?external_source__exact={run.source}",
        )
        template = self.run_template + "#status" if request.htmx else self.run_template
        return TemplateResponse(request, template, context)

    def confirm_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        run = self.get_object(request, unquote(object_id))
        if run is None:
            raise Http404("No such import.")
        if tasks.confirm_import(run):
            self.message_user(request, "Importing: this page follows it.", messages.SUCCESS)
        else:
            self.message_user(
                request, "This import is not waiting for a confirmation.", messages.WARNING
            )
        return redirect("admin:opportunities_importrun_change", run.pk)

    def delete_model(self, request, obj):
        obj.file.delete(save=False)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for run in queryset:
            run.file.delete(save=False)
        super().delete_queryset(request, queryset)
