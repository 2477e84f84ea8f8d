"""The demo student from `make run` has a dashboard with real content."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from advising.models import AvailabilityWindow, Experience, StudentProfile
from advising.summary import logged_experiences, profile_completeness, summarize

from .factories import FormatFactory, IndustryFactory, SkillFactory

pytestmark = pytest.mark.django_db

FORMATS = {
    "internship": {"internship": True},
    "micro-internship": {},
    "project-based-micro-internship": {},
    "experiential-sprint": {},
}
INDUSTRIES = ("marketing", "nonprofit", "technology")
SKILLS = (
    "writing",
    "public-speaking",
    "data-analysis",
    "digital-marketing",
    "ux-research",
    "project-management",
    "python",
)


@pytest.fixture
def catalogue():
    """The rows the opportunities seed migrations will provide, by their slugs."""
    for slug, traits in FORMATS.items():
        FormatFactory(slug=slug, name=slug.replace("-", " ").title(), **traits)
    for slug in INDUSTRIES:
        IndustryFactory(slug=slug, name=slug.title())
    for slug in SKILLS:
        SkillFactory(slug=slug, name=slug.replace("-", " ").title())


def test_seed_demo_gives_the_demo_student_a_filled_profile_twice_over(catalogue, client):
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


def test_seed_demo_without_the_catalogue_logs_experiences_without_formats():
    call_command("seed_demo", listings=0)

    profile = StudentProfile.objects.get(user__email="student@demo.edu")
    assert profile.windows.count() == 2
    assert profile.experiences.count() == 4
    assert not profile.experiences.exclude(format=None).exists()
    assert not profile.skills.exists()
