"""Engine plan in, listings out (`advising.matching`): hard filters and ranking. The counts,
the queries they cost and what a listing does not state are in the test_matching_*.py beside it."""

from decimal import Decimal

import pytest

from advising import matching
from tests.advising.matching_helpers import days, only, shown
from tests.factories import (
    AvailabilityWindowFactory,
    IndustryFactory,
    OpportunityFactory,
    SkillFactory,
    StudentProfileFactory,
    today,
)

pytestmark = pytest.mark.django_db


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
