"""The demo student's profile, availability and exposure log, so `make run` shows a real dashboard.

Formats, industries and skills are looked up by the slugs the opportunities seed migrations
create; a slug that is missing is skipped (the experience is logged without it), never created
here, so the demo cannot invent catalogue rows that differ from the curated ones.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from opportunities.models import Format, Industry, Skill

from .models import AvailabilityWindow, Experience, StudentProfile

PROFILE = {
    "programme": "BA Communication and Media",
    "level": "undergraduate",
    "career_clarity": "exploring",
    "learning_goal": "broad",
    "needs_pay": True,
    "credit_ok": True,
    "work_modes": ["remote", "hybrid"],
    "networking_goal": "broad",
    "application_ready": False,
}
TARGET_INDUSTRIES = ("marketing", "nonprofit", "technology")
SKILLS = ("writing", "public-speaking")
SKILLS_TO_BUILD = ("data-analysis", "digital-marketing", "ux-research")

EXPERIENCES = (
    {
        "title": "Marketing assistant internship",
        "organization_name": "Riverside Arts Centre",
        "format": "internship",
        "industry": "marketing",
        "hours": 160,
        "days": (-400, -344),
        "skills": ("digital-marketing", "project-management", "public-speaking"),
        "reflection": "Eight weeks on the season launch: newsletters, posters, a talk to donors.",
    },
    {
        "title": "Social media audit for a food bank",
        "organization_name": "Northside Food Bank",
        "format": "micro-internship",
        "industry": "nonprofit",
        "hours": 15,
        "days": (-200, -195),
        "skills": ("digital-marketing", "writing"),
        "reflection": "Reviewed a year of posts and wrote five recommendations they adopted.",
    },
    {
        "title": "Sales dashboard in Python",
        "organization_name": "Brightleaf Software",
        "format": "project-based-micro-internship",
        "industry": "technology",
        "hours": 30,
        "days": (-150, -130),
        "skills": ("data-analysis", "python"),
        "reflection": "My first real data project; I want more of this.",
    },
    {
        "title": "Grant research sprint",
        "organization_name": "Open Futures Foundation",
        "format": "experiential-sprint",
        "industry": "nonprofit",
        "hours": 20,
        "days": (190, 201),  # planned in the summer: the year view shows it taking time
        "skills": ("writing",),
        "reflection": "",
    },
)


def _by_slug(model, slugs) -> dict:
    return model.objects.in_bulk(list(slugs), field_name="slug")


@transaction.atomic
def create_demo_profile(student, *, today: date | None = None) -> StudentProfile:
    """Fill in the demo student's profile, two windows and a few experiences; safe to rerun."""
    today = today or timezone.localdate()
    profile, _ = StudentProfile.objects.get_or_create(user=student)
    for field, value in PROFILE.items():
        setattr(profile, field, value)
    profile.expected_graduation = date(today.year + 2, 6, 15)
    profile.full_clean()
    profile.save()

    skills = _by_slug(
        Skill, {*SKILLS, *SKILLS_TO_BUILD, *(s for e in EXPERIENCES for s in e["skills"])}
    )
    industries = _by_slug(Industry, {*TARGET_INDUSTRIES, *(e["industry"] for e in EXPERIENCES)})
    formats = _by_slug(Format, {e["format"] for e in EXPERIENCES})
    profile.target_industries.set([industries[s] for s in TARGET_INDUSTRIES if s in industries])
    profile.skills.set([skills[s] for s in SKILLS if s in skills])
    profile.skills_to_build.set([skills[s] for s in SKILLS_TO_BUILD if s in skills])

    summer = today + timedelta(weeks=26)
    for label, kind, starts_on, weeks, weekly_hours in (
        ("This term", "term", today, 14, 8),
        ("Summer break", "break", summer, 10, 40),
    ):
        AvailabilityWindow.objects.update_or_create(
            profile=profile,
            label=label,
            defaults={
                "kind": kind,
                "starts_on": starts_on,
                "ends_on": starts_on + timedelta(weeks=weeks, days=-1),
                "weeks": Decimal(weeks),
                "weekly_hours": weekly_hours,
            },
        )

    for entry in EXPERIENCES:
        start, end = entry["days"]
        experience, _ = Experience.objects.update_or_create(
            profile=profile,
            title=entry["title"],
            defaults={
                "organization_name": entry["organization_name"],
                "format": formats.get(entry["format"]),
                "industry": industries.get(entry["industry"]),
                "hours": entry["hours"],
                "started_on": today + timedelta(days=start),
                "ended_on": today + timedelta(days=end) if end is not None else None,
                "reflection": entry["reflection"],
            },
        )
        experience.skills.set([skills[s] for s in entry["skills"] if s in skills])
    return profile
