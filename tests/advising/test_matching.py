"""Engine plan in, listings out (`advising.matching`): how many open listings fit each slot (the
engine books no more), hard filters, ranking, limits and the queries they cost."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advising import engine, matching
from advising import policy as advising_policy
from advising.inputs import catalogue, engine_profile
from opportunities import catalogue as opportunity_catalogue
from opportunities.models import PAID_COMPENSATION, Compensation, Format, WorkMode
from tests.factories import (
    AvailabilityWindowFactory,
    ExperienceFactory,
    IndustryFactory,
    OpportunityFactory,
    SkillFactory,
    StudentProfileFactory,
    today,
)

pytestmark = pytest.mark.django_db


def days(n):
    return today() + datetime.timedelta(days=n)


def only(formats, *slugs):
    """Retire every format but `slugs`, so that the plan is about them alone."""
    Format.objects.exclude(slug__in=slugs).update(is_active=False)
    opportunity_catalogue.clear()
    return [formats[slug] for slug in slugs]


def shown(profile, k=0, **options):
    """The listings shown for each suggestion of window `k`, by format slug."""
    advice = matching.advise_student(profile, **options)
    return {m.suggestion.format: [o.pk for o in m.listings] for m in advice.windows[k].suggestions}


# --- hard filters -------------------------------------------------------------------------------


def test_hard_filters_are_never_just_ranking(formats):
    """A remote-only student who needs pay never sees unpaid, credit, on-site or closed work,
    nor listings too big for the slot."""
    (fmt,) = only(formats, "micro-internship")
    profile = StudentProfileFactory(
        career_clarity="narrowing",
        learning_goal="targeted",
        needs_pay=True,
        credit_ok=False,
        work_modes=["remote"],
    )
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)

    def make(**kw):
        return OpportunityFactory(**{"format": fmt, "duration_weeks": 1} | kw)

    good = [make(compensation_type="hourly"), make(compensation_type="stipend", deadline=today())]
    bad = [
        make(compensation_type="unpaid"),
        make(compensation_type="credit"),
        make(work_mode="onsite"),
        make(work_mode="hybrid"),
        make(expired=True),
        make(draft=True),
        make(closed=True),
        make(weekly_hours_min=11, weekly_hours_max=20),  # above the slot's 10 h/week (70% of 15)
        make(duration_weeks=3),  # longer than the micro-internship's 2 weeks
        make(duration_weeks=None, total_hours=22),  # above the slot's 21 h
    ]

    found = shown(profile, limit=20)

    assert found == {"micro-internship": [good[1].pk, good[0].pk]}  # the soonest closing first
    assert not set(found["micro-internship"]) & {o.pk for o in bad}


def test_listings_fit_the_slot_not_just_the_window(formats):
    """A 14-week term at 20 h/week books a flexternship at 14 h/week for 12 weeks: a listing
    asking 15 h/week, or 13 weeks, fits the window but not the slot."""
    (fmt,) = only(formats, "flexternship")
    profile = StudentProfileFactory(career_clarity="decided")
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=14, weekly_hours=20)
    fits = OpportunityFactory(
        format=fmt, weekly_hours_min=14, weekly_hours_max=15, duration_weeks=12
    )
    wide = OpportunityFactory(
        format=fmt, weekly_hours_min=15, weekly_hours_max=20, duration_weeks=4
    )
    long = OpportunityFactory(format=fmt, weekly_hours_min=5, weekly_hours_max=8, duration_weeks=13)

    (suggestion,) = matching.advise_student(profile).windows[0].suggestions

    assert (suggestion.suggestion.weekly_hours, suggestion.suggestion.weeks) == (14, 12)
    assert [o.pk for o in suggestion.listings] == [fits.pk]
    assert not {wide.pk, long.pk} & {o.pk for o in suggestion.listings}


def test_a_short_runs_listings_fit_its_hours(formats):
    """A nano-internship is booked at 5 h: a listing of 6 h in total, or of a week at 6 h/week
    at least, would not fit the hours the plan gives it."""
    (fmt,) = only(formats, "nano-internship")
    profile = StudentProfileFactory()
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=10, weekly_hours=15)
    fits = OpportunityFactory(format=fmt, duration_weeks=None, total_hours=5, weekly_hours_min=2)
    too_long = OpportunityFactory(format=fmt, duration_weeks=None, total_hours=6)
    too_dense = OpportunityFactory(
        format=fmt, duration_weeks=Decimal("1"), total_hours=None, weekly_hours_min=6
    )

    (suggestion,) = matching.advise_student(profile).windows[0].suggestions

    assert suggestion.suggestion.hours_each == 5
    assert [o.pk for o in suggestion.listings] == [fits.pk]
    assert too_long.pk not in {o.pk for o in suggestion.listings}
    assert too_dense.pk not in {o.pk for o in suggestion.listings}


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param({"needs_pay": True, "credit_ok": True}, {"hourly", "credit"}, id="credit-ok"),
        pytest.param({"needs_pay": True, "credit_ok": None}, {"hourly"}, id="credit-unanswered"),
        pytest.param({"needs_pay": True, "credit_ok": False}, {"hourly"}, id="pay-only"),
        pytest.param({"needs_pay": False}, {"hourly", "credit", "unpaid"}, id="no-need"),
        pytest.param({"can_be_paid": False}, {"credit", "unpaid"}, id="may-not-be-paid"),
        pytest.param(
            {"can_be_paid": False, "needs_pay": False}, {"credit", "unpaid"}, id="never-paid"
        ),
    ],
)
def test_pay_is_a_hard_filter(formats, answers, expected):
    (fmt,) = only(formats, "micro-internship")
    profile = StudentProfileFactory(**answers)
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    listings = {
        kind: OpportunityFactory(format=fmt, compensation_type=kind, duration_weeks=1)
        for kind in ("hourly", "credit", "unpaid")
    }

    found = shown(profile)

    assert set(found["micro-internship"]) == {listings[kind].pk for kind in expected}


# --- counts -------------------------------------------------------------------------------------


def test_counts_never_exceed_the_open_listings_that_fit(formats):
    """Four nano-internships would fit the window; one listing means one run."""
    (fmt,) = only(formats, "nano-internship")
    profile = StudentProfileFactory(career_clarity="exploring")
    AvailabilityWindowFactory(profile=profile, label="Summer", weeks=10, weekly_hours=40)
    OpportunityFactory(format=fmt, duration_weeks=None, total_hours=4)
    OpportunityFactory(format=fmt, duration_weeks=None, total_hours=40)  # too much for its slot

    (suggestion,) = matching.advise_student(profile).windows[0].suggestions

    assert suggestion.suggestion.count == 1
    OpportunityFactory(format=fmt, duration_weeks=None, total_hours=3)
    (suggestion,) = matching.advise_student(profile).windows[0].suggestions
    assert suggestion.suggestion.count == 2


def test_a_format_without_an_open_listing_is_not_suggested(formats):
    only(formats, "nano-internship", "micro-internship")
    profile = StudentProfileFactory()
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=10, weekly_hours=15)
    OpportunityFactory(format=formats["micro-internship"], duration_weeks=1)

    (window,) = matching.advise_student(profile).windows

    assert [m.suggestion.format for m in window.suggestions] == ["micro-internship"]
    assert [(e.format, e.reason) for e in window.plan.excluded] == [
        ("nano-internship", "No open Nano-internship listing fits this window right now.")
    ]


def test_the_supply_counts_a_bounded_sample_by_industry(formats, monkeypatch):
    """The counts read a bounded number of each format's soonest-closing listings, and say how
    many are in each target industry."""
    (fmt,) = only(formats, "micro-internship")
    health = IndustryFactory(slug="healthcare", name="Healthcare")
    media = IndustryFactory(slug="media", name="Media")
    profile = StudentProfileFactory(target_industries=[health])
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    for n, industry in enumerate([health, media, media, health]):
        OpportunityFactory(format=fmt, industry=industry, deadline=days(n + 1), duration_weeks=1)
    OpportunityFactory(
        format=fmt, industry=health, deadline=days(9), weekly_hours_min=30, weekly_hours_max=30
    )
    inputs = engine_profile(profile)
    cat = catalogue()
    slots = engine.slots(inputs.profile, cat.specs, advising_policy.current())

    assert matching.listing_supply(inputs, slots, cat) == {
        (0, "micro-internship"): engine.Supply(4, 2, (("Healthcare", 2),))
    }
    monkeypatch.setattr(matching, "SUPPLY_SAMPLE", 3)
    assert matching.listing_supply(inputs, slots, cat) == {
        (0, "micro-internship"): engine.Supply(3, 1, (("Healthcare", 1),))
    }
    # A prefix of the ranking's candidates: what is counted can be shown.
    monkeypatch.setattr(matching, "CANDIDATES_PER_SUGGESTION", 3)
    (matched,) = matching.advise(inputs).windows[0].suggestions
    assert len(matched.versions) >= matched.suggestion.count


def test_the_counts_in_python_give_the_rankings_sql_answers(formats):
    """`_fits` counts the samples in Python; the ranking asks `_FITS_SLOT` in SQL. Every shape a
    listing may have (each fact stated or not) against slots short and long, light and heavy,
    under a format's typical minimums small and large: both say the same."""
    fmt = formats["micro-internship"]
    shapes = []
    for hours in (None, 1, 5, 12):
        for weeks in (None, Decimal("0.5"), Decimal("4.0"), Decimal("10.0")):
            for total in (None, 3, 40, 200):
                listing = OpportunityFactory(
                    format=fmt,
                    weekly_hours_min=hours,
                    weekly_hours_max=None if hours is None else hours + 2,
                    duration_weeks=weeks,
                    total_hours=total,
                )
                shapes.append((listing.pk, (None, hours, weeks, total, 1)))
    fits_sql = matching._FITS_SLOT.format(t="t", **dict.fromkeys(matching._FITS_NAMES, "%s"))
    checked = 0
    for typical in ((2, 0.1, 2), (10, 6.0, 120)):
        for hours in (2, 10, 40):
            for weeks in (0.5, 4.0, 12.0):
                for capacity in (5, 40, hours * weeks):
                    fit = matching._fit_values(engine.Slot(weeks, hours, capacity), typical)
                    with connection.cursor() as cursor:
                        cursor.execute(
                            "SELECT t.id FROM opportunities_opportunity t"  # noqa: S608 (ours)
                            f" WHERE t.format_id = %s AND {fits_sql}",
                            [fmt.pk, *(fit[name] for name in matching._FITS_NAMES)],
                        )
                        in_sql = {pk for (pk,) in cursor.fetchall()}
                    in_python = {pk for pk, row in shapes if matching._fits(row, fit)}
                    assert in_python == in_sql, (fit, in_python ^ in_sql)
                    checked += bool(in_sql) and len(in_sql) < len(shapes)
    assert checked > 20  # most slots take some shapes and leave others


def test_the_filters_in_python_give_the_orms_answers(formats):
    """`_takes` applies a student's work modes and pay to the counts' sample in Python;
    `_eligible` filters the ranking's walk with the ORM. Every work mode, remote or not, and
    every pay a listing may state, against every set of work modes and every pay a student may
    accept: both take the same listings."""
    fmt = formats["micro-internship"]
    kinds = {}
    for mode in WorkMode.values:
        for locations in (["Leeds"], ["Remote"]):
            for pay in Compensation.values:
                listing = OpportunityFactory(
                    format=fmt, work_mode=mode, locations=locations, compensation_type=pay
                )
                kinds[listing.pk] = (listing.work_mode, listing.is_remote, pay)
    every = matching.EVERY_WORK_MODE
    # Every non-empty set (the engine refuses a student with none).
    mode_sets = [tuple(m for i, m in enumerate(every) if n >> i & 1) for n in range(1, 8)]
    pays = (None, (Compensation.CREDIT, Compensation.UNPAID), PAID_COMPENSATION)
    for work_modes in mode_sets:
        for pay in pays:
            eligible = matching._eligible("default", connection.vendor, today(), pay, work_modes)
            in_sql = set()
            for sql, params in (eligible.dated, eligible.undated):
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    in_sql |= {row[0] for row in cursor.fetchall()}
            in_python = {pk for pk, kind in kinds.items() if matching._takes(kind, pay, work_modes)}
            assert in_python == in_sql, (work_modes, pay, in_python ^ in_sql)
    assert any(kind[0] == "" and kind[1] for kind in kinds.values())


def test_the_sample_is_read_once_for_every_student(formats):
    """The counts' sample of open listings is kept per process, the same for every student,
    whose filters are applied to it in Python; a listing saved through the ORM clears it."""
    (fmt,) = only(formats, "micro-internship")
    OpportunityFactory(format=fmt, duration_weeks=1, work_mode="onsite", compensation_type="hourly")
    cat = catalogue()
    policy = advising_policy.current()

    def counted(profile):
        inputs = engine_profile(profile)
        slots = engine.slots(inputs.profile, cat.specs, policy)
        with CaptureQueriesContext(connection) as queries:
            supply = matching.listing_supply(inputs, slots, cat)
        return sum(s.fitting for s in supply.values()), len(queries)

    anyone, another = (
        StudentProfileFactory(work_modes=list(matching.EVERY_WORK_MODE)) for _ in "ab"
    )
    paid_on_site = StudentProfileFactory(work_modes=["onsite"], needs_pay=True, credit_ok=False)
    for student in (anyone, another, paid_on_site):
        AvailabilityWindowFactory(profile=student, label="Term", weeks=12, weekly_hours=15)
    assert counted(anyone) == (1, 1)
    assert counted(another) == (1, 0)
    OpportunityFactory(format=fmt, duration_weeks=2, work_mode="remote", compensation_type="unpaid")
    assert counted(another) == (2, 1)
    assert counted(paid_on_site) == (1, 0)


# --- the student's field ------------------------------------------------------------------------


def test_listings_in_the_field_first_and_only_them_when_there_are_some(formats):
    (fmt,) = only(formats, "micro-internship")
    technology = IndustryFactory(slug="technology", name="Technology")
    media = IndustryFactory(slug="media", name="Media")
    profile = StudentProfileFactory(career_clarity="decided", target_industries=[technology])
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    outside = OpportunityFactory(format=fmt, industry=media, deadline=days(1), duration_weeks=1)
    inside = OpportunityFactory(format=fmt, industry=technology, deadline=days(9), duration_weeks=1)

    (matched,) = matching.advise_student(profile).windows[0].suggestions

    assert [o.pk for o in matched.listings] == [inside.pk]  # never filled up with others
    assert outside.pk not in {o.pk for o in matched.listings}
    assert matched.notes == ()


def test_no_listing_in_the_field_is_said_plainly(formats):
    (fmt,) = only(formats, "micro-internship")
    engineering = IndustryFactory(slug="engineering", name="Engineering")
    media = IndustryFactory(slug="media", name="Media")
    profile = StudentProfileFactory(career_clarity="decided", target_industries=[engineering])
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    nearest = OpportunityFactory(format=fmt, industry=media, duration_weeks=1)

    (matched,) = matching.advise_student(profile).windows[0].suggestions

    assert [o.pk for o in matched.listings] == [nearest.pk]
    assert matched.notes == (
        "No open Micro-internship in Engineering fits this slot right now; these are the nearest.",
    )


def test_listings_rank_by_industry_then_skills_then_deadline(formats):
    (fmt,) = only(formats, "micro-internship")
    technology = IndustryFactory(slug="technology", name="Technology")
    media = IndustryFactory(slug="media", name="Media")
    python, sql, writing = (SkillFactory(slug=s) for s in ("python", "sql", "writing"))
    profile = StudentProfileFactory(
        career_clarity="exploring",  # no target: every industry is as good
        learning_goal="targeted",
        skills_to_build=[python, sql],
    )
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)

    def listing(**kw):
        return OpportunityFactory(**{"format": fmt, "industry": media, "duration_weeks": 1} | kw)

    soon_plain = listing(deadline=days(2))
    one_skill = listing(skills=[python, writing], deadline=days(50))
    two_skills = listing(skills=[python, sql], deadline=days(90), industry=technology)
    other_skill = listing(skills=[writing], deadline=days(1))

    found = shown(profile, limit=10)["micro-internship"]

    assert found == [two_skills.pk, one_skill.pk, other_skill.pk, soon_plain.pk]
    profile.target_industries.set([technology])
    late_field = listing(industry=technology, deadline=days(60))
    assert shown(profile, limit=10)["micro-internship"] == [two_skills.pk, late_field.pk]


def test_each_suggestion_gets_at_most_limit_listings(formats):
    (fmt,) = only(formats, "micro-internship")
    profile = StudentProfileFactory()
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    soonest = [
        OpportunityFactory(format=fmt, deadline=days(n), duration_weeks=1) for n in range(1, 8)
    ]

    assert shown(profile, limit=3)["micro-internship"] == [o.pk for o in soonest[:3]]


def test_windows_get_their_own_listings(formats):
    """A listing too heavy for the busy window's slot still shows in the free one."""
    (fmt,) = only(formats, "micro-internship")
    profile = StudentProfileFactory(career_clarity="exploring")
    AvailabilityWindowFactory(profile=profile, label="Spring", weeks=14, weekly_hours=8)
    AvailabilityWindowFactory(
        profile=profile, label="Summer", weeks=10, weekly_hours=40, kind="break"
    )
    light = OpportunityFactory(format=fmt, weekly_hours_min=2, weekly_hours_max=5, duration_weeks=1)
    heavy = OpportunityFactory(
        format=fmt, weekly_hours_min=12, weekly_hours_max=20, duration_weeks=1
    )

    assert shown(profile, 0)["micro-internship"] == [light.pk]
    assert shown(profile, 1)["micro-internship"] == [light.pk, heavy.pk]


def test_ranking_looks_at_a_bounded_number_of_candidates(formats, monkeypatch):
    """Only the soonest-closing candidates are ranked, so the work per student stays bounded."""
    (fmt,) = only(formats, "micro-internship")
    python = SkillFactory(slug="python")
    profile = StudentProfileFactory(skills_to_build=[python])
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    soon = [OpportunityFactory(format=fmt, deadline=days(n), duration_weeks=1) for n in (1, 2, 3)]
    OpportunityFactory(format=fmt, deadline=days(40), skills=[python], duration_weeks=1)
    monkeypatch.setattr(matching, "CANDIDATES_PER_SUGGESTION", 3)

    assert shown(profile)["micro-internship"] == [o.pk for o in soon]


def test_a_formal_applications_listings_say_when_the_first_closes(formats):
    (fmt,) = only(formats, "internship")
    profile = StudentProfileFactory(career_clarity="decided", application_ready=True)
    AvailabilityWindowFactory(profile=profile, label="Summer", weeks=10, weekly_hours=40)
    hours = {"weekly_hours_min": 20, "weekly_hours_max": 35, "duration_weeks": 8}
    OpportunityFactory(format=fmt, deadline=days(30), **hours)
    first = OpportunityFactory(format=fmt, deadline=days(12), **hours)

    (matched,) = matching.advise_student(profile).windows[0].suggestions

    assert matched.notes == (
        f"Apply early: the first of these closes on {first.deadline.day} {first.deadline:%b %Y}.",
    )


# --- cost ---------------------------------------------------------------------------------------


def _queries(profile):
    with CaptureQueriesContext(connection) as ctx:
        advice = matching.advise_student(profile)
        for window in advice.windows:
            for matched in window.suggestions:
                matched.listings  # noqa: B018 (reads the rows, as the JSON contract does)
    return len(ctx), advice


def test_the_query_count_is_constant(formats, django_assert_max_num_queries):
    """Three to read the student, one to rank the listings, one to read the listings shown:
    whatever the windows, skills or listings; and one to sample each format's open listings for
    the counts, once a minute per process for all students with the same filters."""
    skills = [SkillFactory() for _ in range(6)]
    industries = [IndustryFactory() for _ in range(3)]
    small = StudentProfileFactory(skills_to_build=skills[:1])
    AvailabilityWindowFactory(profile=small, label="Term", weeks=12, weekly_hours=15)
    big = StudentProfileFactory(skills_to_build=skills, target_industries=industries)
    for label, weeks, hours in (("A", 14, 6), ("B", 10, 40), ("C", 3, 20), ("D", 8, 12)):
        AvailabilityWindowFactory(profile=big, label=label, weeks=weeks, weekly_hours=hours)
    for i in range(3):
        ExperienceFactory(profile=big, format=formats["internship"], industry=industries[i])
    for fmt in formats.values():
        for n in range(4):
            OpportunityFactory(
                format=fmt,
                industry=industries[n % 3],
                deadline=days(n + 1),
                skills=skills[n : n + 2],
                weekly_hours_min=2,
                weekly_hours_max=6,
                duration_weeks=None,
                total_hours=4,
            )

    _queries(small)  # warm-up: the catalogue and the policy each process keeps
    matching.clear_samples()
    sampled, _ = _queries(small)
    small_count, _ = _queries(small)
    with django_assert_max_num_queries(5):
        big_count, advice = _queries(big)

    assert (sampled, small_count, big_count) == (6, 5, 5)
    assert sum(len(m.listings) for w in advice.windows for m in w.suggestions) > 10


@pytest.mark.postgres
@pytest.mark.parametrize("limit", [1, 3, 5])
def test_the_lateral_queries_give_the_rows_of_the_union_queries(formats, limit):
    """PostgreSQL samples and ranks with LATERAL joins (`_sample_sql`, `_ranked_lateral`),
    SQLite with a UNION ALL of one part per format or suggestion (`_ranked_union`); both are
    valid on PostgreSQL and must agree."""
    skills = [SkillFactory() for _ in range(5)]
    industries = [IndustryFactory() for _ in range(4)]
    student = StudentProfileFactory(
        skills_to_build=skills[:3], target_industries=industries[:2], work_modes=[]
    )
    for label, weeks, hours in (("A", 14, 6), ("B", 10, 40), ("C", 3, 20), ("D", 8, 12)):
        AvailabilityWindowFactory(profile=student, label=label, weeks=weeks, weekly_hours=hours)
    for fmt in formats.values():
        for n in range(15):
            hours = None if n % 7 == 3 else 2 + n % 4 * 5  # some state no hours
            OpportunityFactory(
                format=fmt,
                industry=industries[n % 4],
                # Ties on the deadline, broken by id; some state none.
                deadline=None if n % 6 == 5 else days(1 + n % 5),
                skills=skills[n % 5 : n % 5 + n % 3],
                weekly_hours_min=hours,
                weekly_hours_max=None if hours is None else 40,
                duration_weeks=None if n % 3 == 0 or n == 13 else 2 + n,
                total_hours=None if n == 13 else 10 * (n + 1) if n % 3 == 0 or n % 2 else None,
                is_demo=n % 4 == 1,
            )
    inputs = engine_profile(student)
    cat = catalogue()
    policy = advising_policy.current()
    slots = engine.slots(inputs.profile, cat.specs, policy)
    eligible = matching._eligible(
        "default", "postgresql", today(), None, tuple(inputs.profile.work_modes)
    )

    counted = []
    for lateral in (False, True):
        sql, params = matching._sample_sql(eligible, sorted(cat.ids.values()), lateral=lateral)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            counted.append(sorted(cursor.fetchall(), key=repr))
    assert sum(row[-1] for row in counted[0]) == 15 * len(formats)
    assert counted[0] == counted[1]

    supply = matching.listing_supply(inputs, slots, cat)
    plan = engine.suggest(inputs.profile, cat.specs, policy, supply=supply)
    _, specs = matching._specs(inputs, plan, cat)
    found = []
    for ranking in (matching._ranked_union, matching._ranked_lateral):
        sql, params = ranking(eligible, specs, inputs.skill_ids, limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found.append(sorted(cursor.fetchall()))

    assert len(specs) >= 6
    assert len(found[0]) >= len(specs), (len(found[0]), len(specs))
    assert len(found[0]) > len(specs) or limit == 1
    assert found[0] == found[1]


def test_a_profile_without_windows_costs_no_listing_query(formats):
    profile = StudentProfileFactory()
    _queries(profile)  # warm-up: the catalogue and the policy each process keeps
    count, advice = _queries(profile)

    assert advice.windows == ()
    assert advice.is_empty
    assert count == 3  # windows, experiences, the ids of the rest


# --- what a listing does not state ----------------------------------------------------------------


def _remote_student(**fields):
    profile = StudentProfileFactory(**{"needs_pay": False, "work_modes": ["remote"]} | fields)
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    return profile


def test_unstated_hours_and_length_are_judged_by_the_format_minimums(formats):
    """12 weeks × 15 h/week in term: a micro-internship's slot is 10 h/week over 2 weeks, 20 h.
    A listing stating no hours a week fits when its format's typical minimum does; one stating
    neither weeks nor total hours, when the format's minimum weeks and total hours do. A
    listing's own stated values are judged as they are."""
    (fmt,) = only(formats, "micro-internship")
    inputs = engine_profile(_remote_student())
    cat = catalogue()
    policy = advising_policy.current()
    plan = engine.suggest(inputs.profile, cat.specs, policy)
    (suggestion,) = plan.windows[0].suggestions
    assert (suggestion.weekly_hours, suggestion.weeks, suggestion.hours_each) == (10, 2, 20)
    no_hours = OpportunityFactory(format=fmt, weekly_hours_min=None, weekly_hours_max=None)
    no_length = OpportunityFactory(format=fmt, duration_weeks=None, total_hours=None)
    stated = OpportunityFactory(format=fmt, weekly_hours_min=2, weekly_hours_max=4)

    def shown(**typical):
        Format.objects.filter(pk=fmt.pk).update(
            **{"weekly_hours_min": 1, "weeks_min": Decimal("0.1"), "total_hours_min": 1} | typical
        )
        opportunity_catalogue.clear()  # update() sends no signal
        matched = matching.matching_listings(inputs, plan, catalogue(), limit=10)
        return {m.pk for m in matched.get((0, fmt.slug), [])}

    assert shown() == {no_hours.pk, no_length.pk, stated.pk}
    assert shown(weekly_hours_min=11) == {no_length.pk, stated.pk}
    assert shown(weeks_min=3, weeks_max=3) == {no_hours.pk, stated.pk}
    assert shown(total_hours_min=21) == {no_hours.pk, stated.pk}


def test_a_student_who_needs_pay_never_sees_a_listing_that_does_not_state_pay(formats):
    (fmt,) = only(formats, "micro-internship")
    profile = _remote_student(needs_pay=True, credit_ok=True)
    paid = OpportunityFactory(format=fmt, compensation_type="hourly")
    unstated = OpportunityFactory(format=fmt, compensation_type="", compensation_amount=None)

    assert shown(profile)["micro-internship"] == [paid.pk]
    profile.needs_pay = False
    profile.save()
    assert sorted(shown(profile)["micro-internship"]) == sorted([paid.pk, unstated.pk])
    profile.can_be_paid = False
    profile.save()
    assert "micro-internship" not in shown(profile)  # pay not stated may be pay: never shown


def test_a_listing_without_a_deadline_is_matched_after_those_with_one(formats, monkeypatch):
    (fmt,) = only(formats, "micro-internship")
    profile = _remote_student()
    none = OpportunityFactory(format=fmt, deadline=None)
    late = OpportunityFactory(format=fmt, deadline=days(90))
    soon = OpportunityFactory(format=fmt, deadline=days(3))

    assert shown(profile, limit=10)["micro-internship"] == [soon.pk, late.pk, none.pk]
    monkeypatch.setattr(matching, "CANDIDATES_PER_SUGGESTION", 2)
    # The candidates (and the counts) are the dated ones first.
    assert shown(profile, limit=10)["micro-internship"] == [soon.pk, late.pk]


def test_demo_listings_never_outrank_real_ones(formats, monkeypatch):
    (fmt,) = only(formats, "micro-internship")
    python = SkillFactory(slug="python")
    profile = _remote_student(skills_to_build=[python])
    demo = OpportunityFactory(format=fmt, demo=True, skills=[python], deadline=days(1))
    real = OpportunityFactory(format=fmt, deadline=days(60))

    assert shown(profile, limit=10)["micro-internship"] == [real.pk, demo.pk]
    monkeypatch.setattr(matching, "CANDIDATES_PER_SUGGESTION", 1)
    assert shown(profile, limit=10)["micro-internship"] == [real.pk]


@pytest.mark.parametrize(
    ("modes", "expected"),
    [
        (["remote"], {"remote_location"}),
        (["onsite"], set()),
        (["onsite", "hybrid"], set()),
        (["onsite", "remote", "hybrid"], {"remote_location", "somewhere"}),
    ],
)
def test_a_listing_that_does_not_state_its_work_mode_meets_only_a_preference_it_cannot_miss(
    formats, modes, expected
):
    (fmt,) = only(formats, "micro-internship")
    profile = _remote_student(work_modes=modes)
    listings = {
        "remote_location": OpportunityFactory(
            format=fmt, work_mode="", locations=["Remote in USA"]
        ),
        "somewhere": OpportunityFactory(format=fmt, work_mode="", locations=["Boston, MA"]),
    }

    found = shown(profile, limit=10).get("micro-internship", [])

    assert set(found) == {listings[name].pk for name in expected}


def test_a_matched_line_says_what_the_listing_does_not_state(formats, student_client, student):
    (fmt,) = only(formats, "micro-internship")
    profile = StudentProfileFactory(user=student, needs_pay=False, work_modes=[])
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    OpportunityFactory(format=fmt, unstated=True, title="Quiet posting", industry=None)

    body = student_client.get("/me/").content.decode()

    line = re.search(r"<li>\s*<a [^>]*>Quiet posting</a>.*?</li>", body, re.S)
    assert line, "the listing is matched and shown"
    text = " ".join(line.group(0).split())
    for said in ("work mode not stated", "pay not stated", "hours not stated"):
        assert said in text
    assert "deadline not stated" in text
