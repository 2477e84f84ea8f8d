from django.contrib import admin
from django.utils.html import format_html, format_html_join

from careercenter.forms import BoundedInlineFormSet

from .audit import access_history, log_access
from .models import (
    CATALOGUE_LINKS,
    PAY_AND_WORK_MODES,
    AdvisingPolicy,
    AvailabilityWindow,
    CalendarFeed,
    Experience,
    Recommendation,
    RecommendationItem,
    StudentProfile,
)


class AvailabilityWindowInline(admin.TabularInline):
    model = AvailabilityWindow
    formset = BoundedInlineFormSet  # the rows it has and a few new ones, however many posted
    extra = 0
    fields = ("label", "kind", "starts_on", "ends_on", "weeks", "weekly_hours")


class ExperienceInline(admin.TabularInline):
    model = Experience
    formset = BoundedInlineFormSet  # the rows it has and a few new ones, however many posted
    extra = 0
    fields = ("title", "organization_name", "format", "industry", "hours", "started_on", "ended_on")
    autocomplete_fields = ("format", "industry")
    show_change_link = True


@admin.register(StudentProfile)
class StudentProfileAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "programme",
        "level",
        "expected_graduation",
        "career_clarity",
        "advisor",
        "directory_hold",
        "legal_hold",
        "deletion_requested_at",
    )
    list_filter = (
        "level",
        "career_clarity",
        "learning_goal",
        "directory_hold",
        "legal_hold",
        ("deletion_requested_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("user__email", "user__first_name", "user__last_name", "programme")
    list_select_related = ("user", "advisor")
    autocomplete_fields = ("user", "advisor")
    filter_horizontal = CATALOGUE_LINKS
    readonly_fields = ("deletion_requested_at", "created_at", "updated_at", "access_history")
    inlines = (AvailabilityWindowInline, ExperienceInline)
    fieldsets = (
        (None, {"fields": ("user", "advisor")}),
        ("Studies", {"fields": ("programme", "level", "expected_graduation")}),
        (
            "Goals and preferences",
            {
                "fields": (
                    "career_clarity",
                    "learning_goal",
                    "networking_goal",
                    *CATALOGUE_LINKS,
                    *PAY_AND_WORK_MODES,
                    "application_ready",
                )
            },
        ),
        (
            "Privacy and records",
            {
                "fields": ("directory_hold", "legal_hold", "deletion_requested_at"),
                "description": (
                    "While the legal hold is on, the student cannot delete their account; "
                    "their request is recorded in “deletion requested at”."
                ),
            },
        ),
        ("Dates", {"fields": ("created_at", "updated_at")}),
        (
            "Access history",
            {
                "fields": ("access_history",),
                "description": "Who viewed or changed this student's records, newest first.",
            },
        ),
    )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        # Logged once the page is shown: a refused or failed request showed nothing.
        if request.method == "GET" and response.status_code == 200:
            profile = self.get_object(request, admin.utils.unquote(object_id))
            if profile is not None:
                log_access(request, profile, what="admin profile page")
        return response

    @admin.display(description="Access history")
    def access_history(self, profile):
        if profile.pk is None:
            return "—"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    entry.actor or entry.actor_email or "system",
                    entry.get_action_display(),
                    " — ".join(
                        filter(
                            None,
                            [
                                f"{entry.content_type.name}: {entry.object_repr}",
                                (entry.additional_data or {}).get("what", ""),
                            ],
                        )
                    ),
                    entry.timestamp.strftime("%Y-%m-%d %H:%M:%S %Z"),
                )
                for entry in access_history(profile)
            ),
        )
        return format_html(
            '<table><thead><tr><th scope="col">Who</th><th scope="col">Action</th>'
            '<th scope="col">What</th><th scope="col">When</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            rows or format_html('<tr><td colspan="4">Nothing recorded yet.</td></tr>'),
        )


@admin.register(AvailabilityWindow)
class AvailabilityWindowAdmin(admin.ModelAdmin):
    list_display = ("label", "profile", "kind", "starts_on", "ends_on", "weeks", "weekly_hours")
    list_filter = ("kind", "starts_on")
    search_fields = ("label", "profile__user__email", "profile__user__last_name")
    list_select_related = ("profile__user",)
    autocomplete_fields = ("profile",)


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    list_display = ("title", "organization_name", "profile", "format", "hours", "started_on")
    list_filter = ("format__family", "format", "industry", "started_on")
    search_fields = ("title", "organization_name", "profile__user__email")
    list_select_related = ("profile__user", "format")
    autocomplete_fields = ("profile", "format", "industry", "opportunity", "skills")
    date_hierarchy = "started_on"


class RecommendationItemInline(admin.TabularInline):
    model = RecommendationItem
    formset = BoundedInlineFormSet  # the rows it has and a few new ones, however many posted
    extra = 0
    autocomplete_fields = ("window", "format", "opportunities")


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("profile", "advisor", "status", "next_step", "follow_up_on", "shared_at")
    list_filter = ("status", "follow_up_on")
    search_fields = ("profile__user__email", "profile__user__last_name", "next_step", "notes")
    list_select_related = ("profile__user", "advisor")
    autocomplete_fields = ("profile", "advisor")
    readonly_fields = ("created_at", "updated_at")
    inlines = (RecommendationItemInline,)


@admin.register(RecommendationItem)
class RecommendationItemAdmin(admin.ModelAdmin):
    list_display = ("recommendation", "window_label", "format", "count")
    list_filter = ("format__family",)
    search_fields = ("window_label", "recommendation__profile__user__email", "rationale")
    list_select_related = ("recommendation__profile__user", "format")
    autocomplete_fields = ("recommendation", "window", "format", "opportunities")


@admin.register(AdvisingPolicy)
class AdvisingPolicyAdmin(admin.ModelAdmin):
    """The one policy row: edited, never added twice or deleted (the engine needs it).

    One row, so the changelist needs no filters or search."""

    list_display = (
        "__str__",
        "term_load_share",
        "break_load_share",
        "term_max_engagements",
        "break_max_engagements",
        "weekly_load_warning",
        "updated_at",
    )
    readonly_fields = ("updated_at",)
    fieldsets = (
        (
            "How much a plan may book",
            {
                "description": (
                    "Suggestions keep each window's plan under these ceilings; advisors and "
                    "students see them next to every suggestion."
                ),
                "fields": (
                    ("term_load_share", "break_load_share"),
                    ("term_max_engagements", "break_max_engagements"),
                    "full_time_weekly_hours",
                    "busy_weekly_hours",
                ),
            },
        ),
        (
            "The year view",
            {"fields": ("weekly_load_warning", "application_lead_weeks")},
        ),
        (
            "History",
            {"fields": ("depth_history_hours", "breadth_history_hours")},
        ),
        (None, {"fields": ("updated_at",)}),
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not AdvisingPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Calendar links: staff can revoke one (delete it); the token itself is never shown."""

    list_display = ("user", "created_at")
    search_fields = ("user__email",)
    autocomplete_fields = ("user",)
    exclude = ("token",)
    readonly_fields = ("created_at",)
