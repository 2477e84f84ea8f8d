"""The data migrations seed the format catalogue, industries and skills."""

from decimal import Decimal

import pytest

from opportunities.models import Family, Format, Industry, Skill, describe_weeks

pytestmark = pytest.mark.django_db

FORMAT_SLUGS = {
    "internship",
    "micro-internship",
    "gigternship",
    "experiential-sprint",
    "project-based-micro-internship",
    "flashternship",
    "nano-internship",
    "skill-burst-internship",
    "remote-micro-engagement",
    "flexternship",
    "modular-internship",
    "just-in-time-internship",
}


def test_the_twelve_formats_are_seeded():
    assert set(Format.objects.values_list("slug", flat=True)) == FORMAT_SLUGS
    assert Format.objects.active().count() == 12


def test_every_family_has_formats():
    families = set(Format.objects.values_list("family", flat=True))
    assert families == set(Family.values)


def test_seeded_ranges_are_consistent():
    for f in Format.objects.all():
        assert 0 < f.weeks_min <= f.weeks_max, f.slug
        assert f.weekly_hours_min <= f.weekly_hours_max <= 80, f.slug
        assert 0 < f.total_hours_min <= f.total_hours_max, f.slug
        assert f.summary and f.description and f.suitability, f.slug


def test_internship_and_micro_internship_follow_the_reference():
    internship = Format.objects.get(slug="internship")
    micro = Format.objects.get(slug="micro-internship")

    # Several weeks to months vs a few hours to a few weeks.
    assert internship.weeks_min > micro.weeks_max
    assert internship.exposure_depth > micro.exposure_depth
    assert internship.learning_scope > micro.learning_scope
    assert internship.application_process > micro.application_process
    assert internship.networking_style == "deep"
    assert micro.networking_style == "broad"
    assert micro.compensation_model == "per_task"


def test_nano_is_the_shortest_and_flashternship_the_lightest_per_week():
    formats = list(Format.objects.all())
    assert min(formats, key=lambda f: (f.weeks_max, f.total_hours_max)).slug == "nano-internship"
    assert min(formats, key=lambda f: f.weekly_hours_max).slug == "flashternship"


def test_industries_and_skills_are_seeded():
    assert {
        "technology",
        "finance",
        "marketing",
        "healthcare",
        "education",
        "nonprofit",
        "design",
        "engineering",
        "media",
        "government",
    } <= set(Industry.objects.values_list("slug", flat=True))
    skills = set(Skill.objects.values_list("slug", flat=True))
    assert len(skills) >= 30
    assert {"data-analysis", "digital-marketing", "project-management", "python"} <= skills
    assert {"ux-research", "writing", "public-speaking"} <= skills


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        ("6.0", "26.0", "6–26 weeks"),
        ("0.1", "3.0", "half a day to 3 weeks"),
        ("0.2", "2.0", "1 day to 2 weeks"),
        ("0.4", "4.0", "2 days to 4 weeks"),
        ("0.5", None, "2.5 days"),
        ("1.0", None, "1 week"),
        ("10.0", "10.0", "10 weeks"),
        ("1.5", "12.0", "1.5–12 weeks"),
    ],
)
def test_describe_weeks(low, high, expected):
    assert describe_weeks(Decimal(low), Decimal(high) if high else None) == expected


def test_format_criteria_read_as_plain_language():
    criteria = dict(Format.objects.get(slug="internship").criteria())

    assert criteria["Duration"] == "6–26 weeks"
    assert criteria["Hours per week"] == "10–40 hours a week"
    assert criteria["Total effort"] == "60–1,040 hours in total"
    assert criteria["Application process"] == "Formal, with interviews"
