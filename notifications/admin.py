from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import ngettext

from .models import Email, EmailStatus, Notification, Preference
from .tasks import send_emails_task


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "kind", "created_at", "read_at")
    list_filter = ("kind", ("read_at", admin.EmptyFieldListFilter), "created_at")
    search_fields = ("title", "user__email", "key")
    autocomplete_fields = ("user",)
    date_hierarchy = "created_at"
    readonly_fields = ("created_at",)


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "delivery")
    list_filter = ("kind", "delivery")
    search_fields = ("user__email",)
    autocomplete_fields = ("user",)


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    """The outbox: what was sent, what waits for a retry and why, what was given up on."""

    list_display = ("subject", "to", "status", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("status", "created_at")
    search_fields = ("subject", "to")
    readonly_fields = [f.name for f in Email._meta.fields]
    actions = ("retry_now",)

    def has_add_permission(self, request):
        return False  # e-mails are made by notifications, never by hand

    def has_change_permission(self, request, obj=None):
        return False  # what was sent stays as it was sent; "retry now" is the one action

    @admin.action(description="Retry the selected e-mails now")
    def retry_now(self, request, queryset):
        ids = list(queryset.exclude(status=EmailStatus.SENT).values_list("pk", flat=True))
        Email.objects.filter(pk__in=ids).update(
            status=EmailStatus.PENDING, next_attempt_at=timezone.now()
        )
        if ids:
            send_emails_task.enqueue(ids)
        self.message_user(
            request,
            ngettext("%(n)d e-mail queued.", "%(n)d e-mails queued.", len(ids)) % {"n": len(ids)},
            messages.SUCCESS,
        )
