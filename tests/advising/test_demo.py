"""The demo student from `make run` has a dashboard with real content."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from advising.models import AvailabilityWindow, Experience, StudentProfile
from advising.summary import logged_experiences, profile_completeness, summarize

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_the_demo_student_a_filled_profile_twice_over(client):
    # The catalogue (formats, industries, skills) comes from the data migrations.
    call_command("seed_demo", listings=0)
    call_command("seed_demo", listings=0)

    profile = StudentProfile.objects.get(user__email="student@demo.edu")
    assert profile_completeness(profile).is_complete
    assert AvailabilityWindow.objects.filter(profile=profile).count() == 2
    assert Experience.objects.filter(profile=profile).count() == 4
    assert not Experience.objects.filter(profile=profile, format=None).exists()
    summary = summarize(logged_experiences(profile), today=timezone.localdate())
    assert summary.total_hours == 205 and summary.planned_hours == 20
    assert summary.industry_count == 3

    client.force_login(profile.user)
    body = client.get("/me/").content.decode()
    assert "Profile 100 % complete" in body
    assert "Sales dashboard in Python" in body
    assert "<svg" in body
