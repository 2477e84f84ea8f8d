"""Imports of listing files in the admin."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .. import tasks
from ..importing.pipeline import check_source
from ..models import (
    ImportRun,
)


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
