"""Rows in, engine inputs out (`advising.inputs`): formats and profiles as the engine sees them."""

import datetime
from decimal import Decimal

import pytest

from advising import engine
from advising.inputs import (
    CREDIT_UNANSWERED_NEEDS_PAY,
    DEFAULTS,
    NO_WINDOWS,
    engine_profile,
    format_specs,
    window_kind,
)
from advising.models import AvailabilityWindow
from opportunities.models import Format
from tests.advising.test_engine import CATALOGUE
from tests.factories import (
    AvailabilityWindowFactory,
    ExperienceFactory,
    IndustryFactory,
    RecommendationFactory,
    RecommendationItemFactory,
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
        can_be_paid=True,
        work_modes=["remote", "moon", "hybrid"],
        application_ready=True,
        target_industries=[technology],
        skills_to_build=[python],
    )
    undated = AvailabilityWindowFactory(
        profile=profile, label="Whenever", weeks=3, weekly_hours=5, kind="break"
    )
    summer = AvailabilityWindowFactory(
        profile=profile,
        label="Summer",
        weeks=Decimal("10.5"),
        weekly_hours=40,
        kind="break",
        starts_on=datetime.date(2027, 6, 1),
        ends_on=datetime.date(2027, 8, 13),
    )
    spring = AvailabilityWindowFactory(
        profile=profile,
        label="Spring",
        weeks=14,
        weekly_hours=6,
        kind="term",
        starts_on=datetime.date(2027, 1, 10),
    )
    ExperienceFactory(profile=profile, format=formats["internship"], industry=technology, hours=300)
    ExperienceFactory(profile=profile, format=None, hours=10)  # no format: no family to count
    planned = ExperienceFactory(
        profile=profile,
        title="Data sprint",
        format=formats["nano-internship"],
        hours=14,
        started_on=days(10),
        ended_on=days(23),
    )

    inputs = engine_profile(profile)

    assert inputs.profile == engine.StudentProfile(
        windows=(
            engine.Window("Spring", 14.0, 6.0, "term"),  # a start without an end: no dates
            engine.Window(
                "Summer", 10.5, 40.0, "break", datetime.date(2027, 6, 1), datetime.date(2027, 8, 13)
            ),
            engine.Window("Whenever", 3.0, 5.0, "break"),
        ),
        career_clarity="decided",
        learning_goal="targeted",
        target_industries=("Technology",),
        skills_to_build=("Python",),
        needs_pay=True,
        credit_ok=False,
        can_be_paid=True,
        work_modes=("remote", "hybrid"),
        networking_goal="deep",
        application_ready=True,
        history=(engine.PastExperience("internship", "Technology", 300.0),),
        commitments=(
            engine.Commitment("“Data sprint” (your log)", 7.0, planned.started_on, days(23)),
        ),
    )
    assert inputs.window_ids == (spring.pk, summer.pk, undated.pk)
    assert inputs.industry_ids == {"Technology": technology.pk}
    assert inputs.skill_ids == (python.pk,)
    assert inputs.assumptions == ()


@pytest.mark.parametrize(
    ("label", "kind", "dates", "expected"),
    [
        ("Spring term", "", None, ("term", "its name")),
        ("Summer", "", None, ("break", "its name")),
        ("Winter break", "", None, ("break", "its name")),
        ("Winter term", "", None, ("term", "its name")),  # a term word wins
        ("Summer session", "", None, ("term", "its name")),
        ("Reading week", "", None, ("term", "nothing said")),
        (
            "Job",
            "",
            (datetime.date(2027, 6, 1), datetime.date(2027, 8, 20)),
            ("break", "its dates"),
        ),
        ("Job", "", (datetime.date(2027, 2, 1), datetime.date(2027, 5, 20)), ("term", "its dates")),
        ("Summer", "term", None, ("term", None)),  # the student said so
    ],
)
def test_a_windows_kind_is_worked_out_when_not_given(label, kind, dates, expected):
    starts, ends = dates or (None, None)
    window = AvailabilityWindow(label=label, kind=kind, starts_on=starts, ends_on=ends)
    assert window_kind(window) == expected


def test_the_page_says_which_kinds_were_worked_out():
    profile = StudentProfileFactory()
    AvailabilityWindowFactory(profile=profile, label="Spring term", weeks=14)
    AvailabilityWindowFactory(profile=profile, label="Summer", weeks=10, kind="break")
    AvailabilityWindowFactory(profile=profile, label="Weekends", weeks=10)

    inputs = engine_profile(profile)

    assert (
        "Term time or break not given: Spring term as term time (from its name); Weekends as "
        "term time. Say which in the profile."
    ) in inputs.assumptions


def test_an_experience_without_an_end_is_counted_for_its_formats_typical_weeks(formats):
    profile = StudentProfileFactory()
    ongoing = ExperienceFactory(
        profile=profile,
        title="Lab project",
        format=formats["internship"],  # 6-26 weeks: 16 on average
        hours=320,
        started_on=days(-14),
        ended_on=None,
    )
    ExperienceFactory(profile=profile, title="Over", started_on=days(-90), ended_on=days(-60))

    inputs = engine_profile(profile)

    until = ongoing.started_on + datetime.timedelta(weeks=16)
    (commitment,) = inputs.profile.commitments
    assert commitment == engine.Commitment(
        "“Lab project” (your log)",
        round(320 / ((until - ongoing.started_on).days + 1) * 7, 1),
        ongoing.started_on,
        until,
    )
    assert f"“Lab project” has no end date: counted until {until:%d %b %Y}." in inputs.assumptions


def test_accepted_recommendation_lines_are_commitments_of_their_window(formats):
    profile = StudentProfileFactory()
    spring = AvailabilityWindowFactory(profile=profile, label="Spring", weeks=14)
    summer = AvailabilityWindowFactory(profile=profile, label="Summer", weeks=10, kind="break")
    accepted = RecommendationFactory(profile=profile, accepted=True)
    RecommendationItemFactory(
        recommendation=accepted, window=summer, format=formats["nano-internship"], count=2
    )
    RecommendationItemFactory(recommendation=accepted, window=None, format=formats["internship"])
    shared = RecommendationFactory(profile=profile, shared=True)  # not accepted: not counted
    RecommendationItemFactory(recommendation=shared, window=spring, format=formats["internship"])

    inputs = engine_profile(profile)

    assert inputs.profile.commitments == (
        engine.Commitment(
            "2 × Nano-internship (accepted recommendation)",
            window=1,
            format="nano-internship",
            count=2,
        ),
    )


@pytest.mark.parametrize(
    ("needs_pay", "credit_ok", "expected", "assumed"),
    [
        (True, None, False, True),  # needs pay, credit unanswered: no credit-only listings
        (True, True, True, False),
        (None, None, True, True),
        (False, None, True, True),
    ],
)
def test_credit_is_left_out_when_pay_is_needed_and_credit_not_answered(
    needs_pay, credit_ok, expected, assumed
):
    profile = StudentProfileFactory(needs_pay=needs_pay, credit_ok=credit_ok)

    inputs = engine_profile(profile)

    assert inputs.profile.credit_ok is expected
    said = CREDIT_UNANSWERED_NEEDS_PAY in inputs.assumptions
    assert said is (needs_pay is True and assumed)


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
