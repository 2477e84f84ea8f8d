"""How many open listings fit each slot (`advising.matching.listing_supply`): the engine books
no more, and the counts in Python give the ranking's SQL answers (`advising.fastpath`)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advising import engine, matching
from advising import policy as advising_policy
from advising.inputs import catalogue, engine_profile
from opportunities.models import PAID_COMPENSATION, Compensation, WorkMode
from tests.advising.matching_helpers import days, only
from tests.factories import (
    AvailabilityWindowFactory,
    IndustryFactory,
    OpportunityFactory,
    StudentProfileFactory,
    today,
)

pytestmark = pytest.mark.django_db


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
