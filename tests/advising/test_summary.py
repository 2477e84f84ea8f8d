"""The exposure summary's arithmetic (table-driven) and profile completeness."""

import datetime
from decimal import Decimal

import pytest

from advising.summary import (
    Balance,
    LoggedExperience,
    exposure_chart,
    logged_experiences,
    profile_completeness,
    summarize,
)
from opportunities.models import Family
from tests.factories import (
    AvailabilityWindowFactory,
    ExperienceFactory,
    FormatFactory,
    IndustryFactory,
    SkillFactory,
    StudentProfileFactory,
)

TODAY = datetime.date(2027, 3, 1)
PAST = datetime.date(2026, 6, 1)
FUTURE = datetime.date(2027, 4, 1)

INT, HYB, MIC = Family.INTERNSHIP, Family.HYBRID, Family.MICRO


def exp(hours, family=None, *, fmt=None, industry=None, skills=(), started_on=PAST):
    return LoggedExperience(
        hours=hours,
        started_on=started_on,
        family=family,
        format_id=fmt,
        industry_id=industry,
        skill_ids=frozenset(skills),
    )


# (experiences, total, {family: hours}, unclassified, depth share, balance)
CASES = [
    pytest.param([], 0, {INT: 0, HYB: 0, MIC: 0}, 0, None, Balance.NONE, id="nothing logged"),
    pytest.param(
        [exp(160, INT)],
        160,
        {INT: 160, HYB: 0, MIC: 0},
        0,
        Decimal(1),
        Balance.DEPTH,
        id="one internship",
    ),
    pytest.param(
        [exp(10, MIC), exp(20, MIC), exp(5, MIC)],
        35,
        {INT: 0, HYB: 0, MIC: 35},
        0,
        Decimal(0),
        Balance.BREADTH,
        id="only micro",
    ),
    pytest.param(
        [exp(100, INT), exp(100, MIC)],
        200,
        {INT: 100, HYB: 0, MIC: 100},
        0,
        Decimal("0.5"),
        Balance.BALANCED,
        id="half and half",
    ),
    pytest.param(
        [exp(40, HYB)],
        40,
        {INT: 0, HYB: 40, MIC: 0},
        0,
        Decimal("0.5"),
        Balance.BALANCED,
        id="hybrid=half",
    ),
    pytest.param(
        [exp(60, INT), exp(40, MIC)],
        100,
        {INT: 60, HYB: 0, MIC: 40},
        0,
        Decimal("0.6"),
        Balance.DEPTH,
        id="60 % is depth",
    ),
    pytest.param(
        [exp(40, INT), exp(60, MIC)],
        100,
        {INT: 40, HYB: 0, MIC: 60},
        0,
        Decimal("0.4"),
        Balance.BREADTH,
        id="40 % is breadth",
    ),
    pytest.param(
        [exp(50, INT), exp(20, HYB), exp(30, MIC)],
        100,
        {INT: 50, HYB: 20, MIC: 30},
        0,
        Decimal("0.6"),
        Balance.DEPTH,
        id="50 + 20/2 = 60 %",
    ),
    pytest.param(
        [exp(30, INT), exp(70)],
        100,
        {INT: 30, HYB: 0, MIC: 0},
        70,
        Decimal(1),
        Balance.DEPTH,
        id="no format: out of the share",
    ),
    pytest.param(
        [exp(25)], 25, {INT: 0, HYB: 0, MIC: 0}, 25, None, Balance.NONE, id="only unknown formats"
    ),
    pytest.param(
        [exp(10, MIC), exp(300, INT, started_on=FUTURE)],
        10,
        {INT: 0, HYB: 0, MIC: 10},
        0,
        Decimal(0),
        Balance.BREADTH,
        id="planned does not count",
    ),
    pytest.param(
        [exp(1, INT), exp(2, MIC)],
        3,
        {INT: 1, HYB: 0, MIC: 2},
        0,
        Decimal("0.333"),
        Balance.BREADTH,
        id="thirds round to 3 places",
    ),
]


@pytest.mark.parametrize(
    ("experiences", "total", "hours", "unclassified", "depth", "balance"), CASES
)
def test_summarize(experiences, total, hours, unclassified, depth, balance):
    summary = summarize(experiences, today=TODAY)

    assert summary.total_hours == total
    assert {row.family: row.hours for row in summary.by_family if row.family} == hours
    no_format = [row.hours for row in summary.by_family if row.family is None]
    assert no_format == ([unclassified] if unclassified else [])
    assert summary.depth_share == depth
    assert summary.balance == balance


def test_shares_add_up_and_rows_come_longest_commitment_first():
    summary = summarize([exp(50, INT), exp(25, HYB), exp(20, MIC), exp(5)], today=TODAY)

    assert [row.family for row in summary.by_family] == [INT, HYB, MIC, None]
    assert [row.percent for row in summary.by_family] == [50, 25, 20, 5]
    assert summary.depth_percent == 66  # (50 + 12.5) / 95


def test_planned_hours_are_reported_apart():
    summary = summarize(
        [exp(10, MIC), exp(20, MIC, started_on=FUTURE), exp(5, INT, started_on=TODAY)], today=TODAY
    )

    assert (summary.total_hours, summary.experience_count) == (15, 2)
    assert (summary.planned_hours, summary.planned_count) == (20, 1)


def test_breadth_counts_distinct_industries_formats_and_skills_of_counted_experiences():
    summary = summarize(
        [
            exp(10, MIC, fmt=1, industry=1, skills={1, 2}),
            exp(10, MIC, fmt=1, industry=2, skills={2, 3}),
            exp(10, INT, fmt=2, industry=None, skills=()),
            exp(10, MIC, fmt=3, industry=3, skills={4}, started_on=FUTURE),
        ],
        today=TODAY,
    )

    assert summary.format_count == 2
    assert summary.industry_count == 2
    assert summary.skill_count == 3


def test_chart_scales_the_longest_bar_to_the_full_width():
    chart = exposure_chart(summarize([exp(100, INT), exp(50, MIC), exp(25)], today=TODAY))

    widths = {bar.label: bar.width for bar in chart.bars}
    assert widths == {
        "Internship": Decimal("150.0"),
        "Hybrid": Decimal("0.0"),
        "Micro-internship": Decimal("75.0"),
        "Format not given": Decimal("37.5"),
    }
    assert chart.height == 16 + 4 * 32
    assert [bar.y for bar in chart.bars] == [8, 40, 72, 104]


def test_chart_of_nothing_has_no_width():
    chart = exposure_chart(summarize([], today=TODAY))

    assert {bar.width for bar in chart.bars} == {Decimal(0)}


@pytest.mark.django_db
def test_logged_experiences_reads_a_profile_in_two_queries(django_assert_num_queries):
    profile = StudentProfileFactory()
    internship, micro = FormatFactory(internship=True), FormatFactory()
    industry = IndustryFactory()
    skills = SkillFactory.create_batch(3)
    ExperienceFactory(profile=profile, format=internship, industry=industry, skills=skills[:2])
    ExperienceFactory(profile=profile, format=micro, skills=skills[1:])
    ExperienceFactory(profile=profile)
    ExperienceFactory()  # someone else's

    with django_assert_num_queries(2):
        logged = logged_experiences(profile)

    assert sorted((e.family or "", len(e.skill_ids)) for e in logged) == [
        ("", 0),
        ("internship", 2),
        ("micro", 2),
    ]
    summary = summarize(logged, today=datetime.date.today())
    assert (summary.skill_count, summary.industry_count, summary.format_count) == (3, 1, 2)


@pytest.mark.django_db
def test_completeness_lists_what_is_missing():
    empty = StudentProfileFactory()
    full = StudentProfileFactory(complete=True)
    full.target_industries.set([IndustryFactory()])
    full.skills.set([SkillFactory()])
    full.skills_to_build.set([SkillFactory()])
    AvailabilityWindowFactory(profile=full)

    nothing = profile_completeness(empty)
    everything = profile_completeness(full)

    assert (nothing.done, nothing.total, nothing.percent) == (0, 14, 0)
    assert "windows" in dict(nothing.missing)
    assert everything.is_complete and everything.percent == 100


@pytest.mark.django_db
def test_completeness_counts_false_answers_as_answered():
    profile = StudentProfileFactory(
        needs_pay=False, credit_ok=False, application_ready=False, work_modes=["not-a-mode"]
    )

    missing = dict(profile_completeness(profile).missing)

    assert "needs_pay" not in missing and "credit_ok" not in missing
    assert "application_ready" not in missing
    assert "work_modes" in missing  # unknown values do not count
