"""Two tiny views that use the audit helpers the way the app's views will, through the full
middleware stack (the real app views that show and edit student records are still to come)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from advising.audit import log_access
from advising.models import StudentProfile


def show_profile(request, pk):
    profile = get_object_or_404(StudentProfile, pk=pk)
    log_access(request, profile, what="profile page")
    return HttpResponse(profile.programme)


def rename_programme(request, pk):
    profile = get_object_or_404(StudentProfile, pk=pk)
    profile.programme = request.POST["programme"]
    profile.save()
    return HttpResponse(status=204)


urlpatterns = [
    path("profiles/<int:pk>/", show_profile),
    path("profiles/<int:pk>/programme/", rename_programme),
]
