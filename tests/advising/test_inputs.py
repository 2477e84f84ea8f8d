"""Rows in, engine inputs out (`advising.inputs`): formats and profiles as the engine sees them."""

import datetime
from decimal import Decimal

import pytest

from advising import engine
from advising.inputs import DEFAULTS, NO_WINDOWS, engine_profile, format_specs
from opportunities.models import Format
from tests.advising.test_engine import CATALOGUE
from tests.factories import (
    AvailabilityWindowFactory,
    ExperienceFactory,
    IndustryFactory,
    SkillFactory,
    StudentProfileFactory,
    today,
)

pytestmark = pytest.mark.django_db


def days(n):
    return today() + datetime.timedelta(days=n)


def test_format_specs_are_the_active_rows(formats):
    Format.objects.filter(slug="nano-internship").update(is_active=False)

    specs = format_specs()

    assert set(specs) == {spec for spec in CATALOGUE if spec.slug != "nano-internship"}


def test_a_format_added_in_the_admin_reaches_the_engine(formats):
    Format.objects.create(
        slug="apprenticeship-lab",
        name="Apprenticeship lab",
        family="hybrid",
        summary="Learn a trade in short labs.",
        suitability="Hands-on learners.",
        weeks_min=Decimal("2"),
        weeks_max=Decimal("4"),
        weekly_hours_min=5,
        weekly_hours_max=20,
        total_hours_min=20,
        total_hours_max=60,
        schedule_flexibility=3,
        exposure_depth=2,
        learning_scope=3,
        application_process=1,
        compensation_model="paid",
        networking_style="broad",
        display_order=5,
    )
    lab = next(spec for spec in format_specs() if spec.slug == "apprenticeship-lab")

    assert lab.weeks_min == 2.0
    assert isinstance(lab.weeks_min, float)


def test_engine_profile_reads_the_profile_windows_and_history(formats):
    technology = IndustryFactory(slug="technology", name="Technology")
    python = SkillFactory(slug="python", name="Python")
    profile = StudentProfileFactory(
        career_clarity="decided",
        learning_goal="targeted",
        networking_goal="deep",
        needs_pay=True,
        credit_ok=False,
        work_modes=["remote", "moon", "hybrid"],
        application_ready=True,
        target_industries=[technology],
        skills_to_build=[python],
    )
    undated = AvailabilityWindowFactory(profile=profile, label="Whenever", weeks=3, weekly_hours=5)
    summer = AvailabilityWindowFactory(
        profile=profile,
        label="Summer",
        weeks=Decimal("10.5"),
        weekly_hours=40,
        starts_on=datetime.date(2027, 6, 1),
    )
    spring = AvailabilityWindowFactory(
        profile=profile,
        label="Spring",
        weeks=14,
        weekly_hours=6,
        starts_on=datetime.date(2027, 1, 10),
    )
    ExperienceFactory(profile=profile, format=formats["internship"], industry=technology, hours=300)
    ExperienceFactory(profile=profile, format=None, hours=10)  # no format: no family to count
    ExperienceFactory(
        profile=profile, format=formats["nano-internship"], started_on=days(10), ended_on=None
    )

    inputs = engine_profile(profile)

    assert inputs.profile == engine.StudentProfile(
        windows=(
            engine.Window("Spring", 14.0, 6.0),
            engine.Window("Summer", 10.5, 40.0),
            engine.Window("Whenever", 3.0, 5.0),
        ),
        career_clarity="decided",
        learning_goal="targeted",
        target_industries=("Technology",),
        skills_to_build=("Python",),
        needs_pay=True,
        credit_ok=False,
        work_modes=("remote", "hybrid"),
        networking_goal="deep",
        application_ready=True,
        history=(engine.PastExperience("internship", "Technology", 300.0),),
    )
    assert inputs.window_ids == (spring.pk, summer.pk, undated.pk)
    assert inputs.industry_ids == {"Technology": technology.pk}
    assert inputs.skill_ids == (python.pk,)
    assert inputs.assumptions == ()


def test_an_incomplete_profile_gets_the_documented_defaults():
    profile = StudentProfileFactory()

    inputs = engine_profile(profile)

    student = inputs.profile
    assert (student.career_clarity, student.learning_goal, student.networking_goal) == (
        "exploring",
        "broad",
        "broad",
    )
    assert (student.needs_pay, student.credit_ok, student.application_ready) == (
        False,
        True,
        False,
    )
    assert student.work_modes == engine.WORK_MODES
    assert student.windows == ()
    assert len(inputs.assumptions) == len(DEFAULTS) + 1
    assert NO_WINDOWS in inputs.assumptions
    assert "Career direction not given: treated as exploring" in inputs.assumptions[0]


def test_overrides_change_the_engine_input_only():
    profile = StudentProfileFactory(career_clarity="exploring")
    window = AvailabilityWindowFactory(profile=profile, weeks=14, weekly_hours=6)

    inputs = engine_profile(
        profile,
        {"windows": (engine.Window("Spring term", 14, 20),), "career_clarity": "decided"},
    )

    assert inputs.profile.windows == (engine.Window("Spring term", 14, 20),)
    assert inputs.profile.career_clarity == "decided"
    assert inputs.window_ids == (window.pk,)
    profile.refresh_from_db()
    window.refresh_from_db()
    assert (profile.career_clarity, window.weekly_hours) == ("exploring", 6)


def test_overrides_reject_unknown_fields():
    with pytest.raises(engine.EngineError, match="unknown profile fields: hobbies"):
        engine_profile(StudentProfileFactory(), {"hobbies": ("chess",)})
