"""The catalogue in the admin: formats, industries, skills, organizations, search synonyms."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import ngettext

from careercenter.forms import BoundedModelFormSet

from ..models import (
    Format,
    Industry,
    Organization,
    SearchSynonym,
    Skill,
    WorkMode,
    every_work_mode,
    stated,
)
from .listings import URL_FIELDS


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


class ListingCountMixin:
    """Adds a "used by N listings" column, counted in the changelist's one query."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(listing_count=Count("opportunities"))

    @admin.display(description="used by", ordering="listing_count")
    def used_by(self, obj):
        return ngettext("%(n)d listing", "%(n)d listings", obj.listing_count) % {
            "n": obj.listing_count
        }


class SearchedNameMixin:
    """For rows whose name is in their listings' search column (skills, organizations):
    renaming one refreshes the column of the listings that use it."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            obj.opportunities.all().update_search_vector()


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


class NamedRowAdmin(ListingCountMixin, admin.ModelAdmin):
    """A row with a name and a slug that listings use (industries, skills)."""

    list_display = ("name", "slug", "used_by")
    list_filter = (InUseFilter,)
    search_fields = ("name", "slug")
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Industry)
class IndustryAdmin(NamedRowAdmin):
    pass


@admin.register(Skill)
class SkillAdmin(SearchedNameMixin, NamedRowAdmin):
    pass


@admin.register(Organization)
class OrganizationAdmin(SearchedNameMixin, ListingCountMixin, admin.ModelAdmin):
    list_display = ("name", "industry", "is_verified", "is_demo", "used_by", "created_at")
    formfield_overrides = URL_FIELDS
    list_filter = ("is_verified", "is_demo", "industry")
    list_select_related = ("industry",)
    search_fields = ("name", "slug", "website")
    autocomplete_fields = ("industry",)
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    actions = ("mark_verified",)

    @admin.action(description="Mark selected organizations as verified employers")
    def mark_verified(self, request, queryset):
        count = queryset.update(is_verified=True)
        self.message_user(request, f"{count} marked as verified.", messages.SUCCESS)


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ("term", "equivalents")
    search_fields = ("term", "equivalents")
    ordering = ("term",)
