"""Unit and property tests for the pure advising engine (no Django, no database)."""

import dataclasses
import datetime
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advising.engine import (
    CRITERIA,
    Commitment,
    EngineError,
    FormatSpec,
    PastExperience,
    Plan,
    Policy,
    StudentProfile,
    Supply,
    Window,
    fits,
    plan_to_dict,
    slots,
    suggest,
)
from tests.advising.checks import check_plan, check_reasons


def _fmt(slug, name, family, weeks, weekly, total, scales, pay, network, order):
    """A FormatSpec from compact tuples: scales = (flexibility, depth, scope, application)."""
    flexibility, depth, scope, application = scales
    numbers = (*weeks, *weekly, *total, flexibility, depth, scope, application)
    return FormatSpec(slug, name, family, *numbers, pay, network, order)


# fmt: off
# The twelve formats of the reference, with ranges read from its text. Columns: weeks, h/week,
# total hours, (schedule flexibility, exposure depth, learning scope, application process).
CATALOGUE = (
    # several weeks to months, fixed schedule, in-depth, formal, paid or credit, deep contacts
    _fmt("internship", "Internship", "internship", (6, 26), (10, 40), (60, 1040),
         (1, 3, 3, 3), "paid_or_credit", "deep", 10),
    # a few hours to a couple of weeks, flexible, targeted task, platform-based, paid per task
    _fmt("micro-internship", "Micro-internship", "micro", (0.1, 2), (2, 20), (5, 40),
         (3, 1, 1, 1), "per_task", "broad", 20),
    # gig-style assignments combining both: flexible, focused projects
    _fmt("gigternship", "Gigternship", "hybrid", (1, 8), (5, 20), (10, 120),
         (3, 2, 2, 1), "per_task", "mixed", 30),
    # focused, immersive projects lasting a few days to weeks
    _fmt("experiential-sprint", "Experiential sprint", "micro", (0.4, 3), (10, 30), (10, 60),
         (2, 2, 1, 2), "paid", "broad", 40),
    # portfolio pieces and skill validation, short and flexible
    _fmt("project-based-micro-internship", "Project-based micro-internship", "micro", (0.5, 4),
         (3, 15), (10, 50), (3, 2, 1, 1), "per_task", "broad", 50),
    # fits busy academic schedules: very few hours a week
    _fmt("flashternship", "Flashternship", "micro", (0.2, 2), (1, 6), (3, 15),
         (3, 1, 1, 1), "per_task", "broad", 60),
    # ultra-short: a few hours
    _fmt("nano-internship", "Nano-internship", "micro", (0.1, 0.5), (2, 10), (2, 8),
         (3, 1, 1, 1), "per_task", "broad", 70),
    # concise, measurable tasks
    _fmt("skill-burst-internship", "Skill-burst internship", "micro", (0.2, 1), (4, 20), (4, 20),
         (3, 1, 1, 1), "per_task", "broad", 80),
    # remote, with many different companies, versatile portfolio
    _fmt("remote-micro-engagement", "Remote micro-engagement", "micro", (0.1, 3), (2, 15),
         (5, 40), (3, 1, 2, 1), "per_task", "broad", 90),
    # an internship's depth with a micro-internship's agility, several industries
    _fmt("flexternship", "Flexternship", "hybrid", (4, 12), (5, 15), (20, 180),
         (3, 2, 2, 2), "paid", "mixed", 100),
    # short modules adding up to comprehensive exposure
    _fmt("modular-internship", "Modular internship", "hybrid", (2, 16), (8, 20), (20, 320),
         (2, 2, 3, 2), "paid_or_credit", "mixed", 110),
    # short, aligned with an immediate learning need, deeper than a micro-internship
    _fmt("just-in-time-internship", "Just-in-time internship", "hybrid", (1, 4), (10, 25),
         (10, 100), (2, 2, 2, 2), "paid", "mixed", 120),
)
# fmt: on
# What sets the short formats apart (the seeded data, migration 0008 of opportunities).
MADE_FOR = {
    "experiential-sprint": "break",
    "flashternship": "busy_term",
    "nano-internship": "first_try",
    "skill-burst-internship": "proof_of_skill",
    "project-based-micro-internship": "proof_of_skill",
}
CATALOGUE = tuple(
    dataclasses.replace(
        fmt,
        made_for=MADE_FOR.get(fmt.slug, ""),
        work_modes=("remote",) if fmt.slug == "remote-micro-engagement" else fmt.work_modes,
    )
    for fmt in CATALOGUE
)
# The seeded advising policy (advising migration 0004), as the engine takes it.
POLICY = Policy(
    term_load_share=0.7,
    break_load_share=0.9,
    term_max_engagements=3,
    break_max_engagements=4,
    weekly_load_warning=60.0,
    full_time_weekly_hours=30.0,
    busy_weekly_hours=10.0,
    application_lead_weeks=8.0,
    depth_history_hours=120.0,
    breadth_history_hours=20.0,
)
BY_SLUG = {fmt.slug: fmt for fmt in CATALOGUE}
INDUSTRIES = ("Finance", "Health", "Media")
TODAY = datetime.date(2027, 1, 4)  # a Monday


@pytest.fixture
def catalogue():
    return CATALOGUE


def profile(*windows, clarity="narrowing", goal="targeted", **extra):
    windows = tuple(w if isinstance(w, Window) else Window(*w) for w in windows)
    return StudentProfile(windows, clarity, goal, **extra)


def plan(student, formats=CATALOGUE, policy=POLICY, **options):
    """The engine's plan, checked against what an advisor signs for and every reason against
    the plan (tests/advising/checks.py)."""
    result = suggest(student, formats, policy, **options)
    check_plan(student, formats, policy, result, options.get("supply"))
    check_reasons(student, formats, policy, result)
    return result


def plenty(student, formats=CATALOGUE, policy=POLICY, n=10):
    """Open listings for every slot, all in the student's target industries."""
    names = student.target_industries
    return {
        key: Supply(n, n if names else 0, tuple((name, n) for name in names))
        for key in slots(student, formats, policy)
    }


def reasons_of(suggestion, criterion):
    return [r for r in suggestion.reasons if r.criterion == criterion]


def formats_of(window_plan):
    return [s.format for s in window_plan.suggestions]


# --- the reference's archetypes ------------------------------------------------------------------


def check_long_term(student, result):
    (window,) = result.windows
    (anchor,) = window.suggestions  # a full-time internship is the whole window
    assert anchor.family == "internship"
    assert anchor.count == 1
    assert anchor.weekly_hours >= POLICY.full_time_weekly_hours
    for criterion in ("exposure", "duration", "networking", "suitability"):
        assert reasons_of(anchor, criterion)[0].weight > 0


def check_quick_exposure(student, result):
    (window,) = result.windows
    assert window.suggestions
    assert {s.family for s in window.suggestions} == {"micro"}
    assert "internship" in {e.format for e in window.excluded}


def check_exploring(student, result):
    (window,) = result.windows
    assert sum(s.count for s in window.suggestions) >= 2
    assert all(BY_SLUG[s.format].weeks_max <= 4 for s in window.suggestions)  # short formats
    assert all(s.family != "internship" for s in window.suggestions)
    spread = {industry for s in window.suggestions for industry in s.industries}
    assert len(spread) >= 2
    assert spread <= set(student.target_industries)


def check_heavy_term_free_summer(student, result):
    spring, summer = result.windows
    assert spring.suggestions
    for s in spring.suggestions:
        assert s.family != "internship"
        assert BY_SLUG[s.format].schedule_flexibility >= 2
    internship = next(e for e in spring.excluded if e.format == "internship")
    assert "6 h/week" in internship.reason
    assert "10 h/week" in internship.reason
    assert summer.suggestions[0].family == "internship"


def check_micro_history(student, result):
    baseline = suggest(dataclasses.replace(student, history=()), CATALOGUE, POLICY)
    before, after = baseline.windows[0].suggestions, result.windows[0].suggestions
    deep = ("internship", "hybrid")
    assert after[0].family in deep
    assert sum(s.family in deep for s in after) >= sum(s.family in deep for s in before)
    score_before = {s.format: s.score for s in before}
    for s in after:
        if s.family in deep:
            assert reasons_of(s, "history")[0].weight > 0
            assert s.score > score_before.get(s.format, 0)
    assert any("60 h of short formats" in note for note in result.notes)


def check_remote_needs_pay(student, result):
    (window,) = result.windows
    assert window.suggestions
    for s in window.suggestions:
        assert len(reasons_of(s, "compensation")) == 1
        assert "remote" in BY_SLUG[s.format].work_modes
    assert any("paid" in note for note in result.notes)
    assert any("remote" in note for note in result.notes)


MICRO_HISTORY = tuple(PastExperience("micro-internship", "Finance", 20) for _ in range(3))
ARCHETYPES = [
    pytest.param(
        profile(
            ("Summer", 12, 35, "break"),
            clarity="decided",
            networking_goal="deep",
            application_ready=True,
        ),
        check_long_term,
        id="long-term-experience",
    ),
    pytest.param(profile(("Term", 10, 5)), check_quick_exposure, id="quick-project-exposure"),
    pytest.param(
        profile(("Term", 12, 10), clarity="exploring", goal="broad", target_industries=INDUSTRIES),
        check_exploring,
        id="exploring-several-paths",
    ),
    pytest.param(
        profile(
            ("Spring", 14, 6),
            ("Summer", 10, 40, "break"),
            clarity="decided",
            application_ready=True,
        ),
        check_heavy_term_free_summer,
        id="heavy-term-free-summer",
    ),
    pytest.param(
        profile(("Summer", 12, 20, "break"), goal="broad", history=MICRO_HISTORY),
        check_micro_history,
        id="only-micro-history",
    ),
    pytest.param(
        profile(("Term", 12, 15), needs_pay=True, credit_ok=False, work_modes=("remote",)),
        check_remote_needs_pay,
        id="remote-only-needs-pay",
    ),
]


@pytest.mark.parametrize(("student", "check"), ARCHETYPES)
def test_archetypes(student, check, catalogue):
    check(student, plan(student, catalogue))


# --- fit and exclusions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "window", "expected"),
    [
        pytest.param(
            "internship",
            Window("Spring", 14, 6),
            "Internship needs at least 6 weeks at 10 h/week; this window has 14 weeks at 6 h/week.",
            id="too-few-weekly-hours",
        ),
        pytest.param(
            "flexternship",
            Window("Break", 3, 40),
            "Flexternship needs at least 4 weeks at 5 h/week; "
            "this window has 3 weeks at 40 h/week.",
            id="too-few-weeks",
        ),
        pytest.param(
            "micro-internship",
            Window("Weekend", 1, 3),
            "Micro-internship needs at least 5 h in total; "
            "this window has 3 h (1 week at 3 h/week).",
            id="too-few-total-hours",
        ),
        pytest.param(
            "nano-internship",
            Window("Exams", 0, 10),
            "This window has no time available (0 weeks at 10 h/week), "
            "so Nano-internship cannot fit.",
            id="no-time",
        ),
        pytest.param("internship", Window("Summer", 6, 10), None, id="exactly-the-minimum"),
        pytest.param("nano-internship", Window("Day", 0.1, 20), None, id="half-a-day"),
    ],
)
def test_fits_names_the_numbers(slug, window, expected):
    assert fits(BY_SLUG[slug], window) == expected


def test_zero_window_excludes_everything(catalogue):
    result = plan(profile(("Exams", 4, 0), ("Gone", 0, 30)), catalogue)
    for window in result.windows:
        assert window.suggestions == ()
        assert window.planned_hours == 0
        assert [e.format for e in window.excluded] == [f.slug for f in catalogue]


def test_a_format_fitting_the_window_but_not_the_ceiling_says_so(catalogue):
    """10 h/week stated in term time is 7 h/week of plan: an internship needs 10."""
    window = plan(profile(("Term", 14, 10), clarity="decided"), catalogue).windows[0]
    reason = next(e.reason for e in window.excluded if e.format == "internship")
    assert reason == (
        "Internship needs at least 10 h/week; the plan keeps term time to 70% of your "
        "10 h/week (7 h/week)."
    )


@pytest.mark.parametrize(
    ("window", "expect"),
    [
        pytest.param(("Term", 12, 20), "suggested", id="fits"),
        pytest.param(("Term", 12, 2), "excluded", id="does-not-fit"),
    ],
)
def test_new_admin_format_is_considered(window, expect, catalogue):
    lab = FormatSpec(
        "apprenticeship-lab",
        "Apprenticeship lab",
        "hybrid",
        2,
        4,
        5,
        20,
        20,
        60,
        3,
        3,
        3,
        1,
        "paid",
        "broad",
        5,
    )
    result = plan(profile(window, goal="broad"), (lab, BY_SLUG["internship"]))
    (wp,) = result.windows
    suggested = {s.format for s in wp.suggestions}
    excluded = {e.format for e in wp.excluded}
    assert ("apprenticeship-lab" in suggested) == (expect == "suggested")
    assert ("apprenticeship-lab" in excluded) == (expect == "excluded")


# --- room: the load ceiling, the engagement cap, the open listings ------------------------------


@pytest.mark.parametrize(
    ("window", "share", "cap"),
    [
        pytest.param(("Term", 14, 10), 0.7, 3, id="term"),
        pytest.param(("Summer", 10, 40, "break"), 0.9, 4, id="break"),
        pytest.param(("Term", 14, 40), 0.7, 3, id="a-free-term-is-still-a-term"),
    ],
)
@pytest.mark.parametrize("clarity", ["exploring", "narrowing", "decided"])
def test_a_plan_keeps_to_the_ceiling_and_the_engagement_cap(window, share, cap, clarity):
    student = profile(window, clarity=clarity, goal="broad", target_industries=INDUSTRIES)
    (wp,) = plan(student, supply=plenty(student)).windows
    stated = window[1] * window[2]
    assert wp.ceiling_hours == pytest.approx(share * stated)
    assert 0 < wp.planned_hours <= share * stated
    assert wp.engagements <= cap
    assert all(s.weekly_hours <= share * window[2] for s in wp.suggestions)


def test_a_policy_edit_changes_the_plan():
    student = profile(("Term", 14, 10), clarity="exploring", goal="broad")
    strict = dataclasses.replace(POLICY, term_load_share=0.5, term_max_engagements=1)
    loose = plan(student, supply=plenty(student)).windows[0]
    tight = plan(student, policy=strict, supply=plenty(student, policy=strict)).windows[0]
    assert tight.engagements == 1 < loose.engagements
    assert tight.ceiling_hours == 70
    assert all(s.weekly_hours <= 5 for s in tight.suggestions)


def test_counts_never_exceed_the_open_listings_that_fit():
    student = profile(("Term", 14, 10), clarity="exploring", goal="broad")
    supply = plenty(student)
    supply[(0, "nano-internship")] = Supply(1, 0)
    supply[(0, "flashternship")] = Supply(0, 0)
    (wp,) = plan(student, supply=supply).windows
    nano = [s for s in wp.suggestions if s.format == "nano-internship"]
    assert all(s.count == 1 for s in nano)
    assert "flashternship" not in formats_of(wp)
    reason = next(e.reason for e in wp.excluded if e.format == "flashternship")
    assert reason == "No open Flashternship listing fits this window right now."


def test_counts_in_the_field_follow_the_listings_in_the_field():
    student = profile(("Term", 14, 10), clarity="decided", target_industries=("Health",))
    supply = {key: Supply(9, 1, (("Health", 1),)) for key in slots(student, CATALOGUE, POLICY)}
    (wp,) = plan(student, supply=supply).windows
    assert wp.suggestions
    assert all(s.count == 1 for s in wp.suggestions)


def test_no_listing_in_the_field_is_said_in_the_reasons():
    student = profile(("Summer", 10, 40, "break"), clarity="decided", target_industries=("Law",))
    supply = {key: Supply(5, 0) for key in slots(student, CATALOGUE, POLICY)}
    (wp,) = plan(student, supply=supply).windows
    for s in wp.suggestions:
        (industries,) = reasons_of(s, "industries")
        assert industries.weight < 0
        assert "in Law fits this window; the nearest are in other fields" in industries.text


# --- anchors ------------------------------------------------------------------------------------


def test_a_full_time_internship_is_not_topped_up(catalogue):
    student = profile(("Summer", 10, 40, "break"), clarity="decided", application_ready=True)
    (wp,) = plan(student, catalogue, supply=plenty(student)).windows
    assert [s.format for s in wp.suggestions] == ["internship"]
    assert wp.suggestions[0].weekly_hours == 36  # 90% of 40 h/week: full-time


def test_never_two_internships_in_one_window(catalogue):
    coop = dataclasses.replace(CATALOGUE[0], slug="co-op", name="Co-op", display_order=1)
    student = profile(("Year", 40, 60, "break"), clarity="decided", application_ready=True)
    result = plan(student, (*catalogue, coop))
    assert sum(s.family == "internship" for s in result.windows[0].suggestions) == 1


def test_a_part_time_internship_in_term_for_a_decided_student_ready_to_apply():
    """15 h/week stated in term is 10.5 h/week of plan: a part-time internship at 10 h/week."""
    student = profile(("Term", 14, 15), clarity="decided", application_ready=True)
    (wp,) = plan(student, supply=plenty(student)).windows
    anchor = wp.suggestions[0]
    assert (anchor.format, anchor.weekly_hours, anchor.hours_each) == ("internship", 10, 140)


def test_not_application_ready_lowers_formal_formats_and_says_so():
    student = profile(("Term", 14, 15), clarity="decided")
    ready = dataclasses.replace(student, application_ready=True)
    (wp,) = plan(student, supply=plenty(student)).windows
    assert "internship" not in formats_of(wp)
    assert wp.notes == (
        "Internship fits this window too but ranks lower: Formal application with interviews; "
        "prepare your résumé first.",
    )
    assert "internship" in formats_of(plan(ready, supply=plenty(ready)).windows[0])


@pytest.mark.parametrize("clarity", ["narrowing", "decided"])
def test_a_full_summer_gives_narrowing_and_decided_students_an_internship(clarity):
    student = profile(
        ("Summer", 10, 40, "break"), clarity=clarity, goal="broad", application_ready=True
    )
    (wp,) = plan(student, supply=plenty(student)).windows
    assert wp.suggestions[0].format == "internship"


def test_exploring_students_get_breadth_even_with_a_full_summer():
    student = profile(("Summer", 10, 40, "break"), clarity="exploring", goal="broad")
    (wp,) = plan(student, supply=plenty(student)).windows
    assert "internship" not in formats_of(wp)
    assert sum(s.count for s in wp.suggestions) >= 3


def test_a_decided_student_in_a_busy_term_gets_depth_where_time_allows():
    """8 h/week in term (5.6 of plan): no internship fits, but the plan leans to projects and
    hybrids rather than only task-sized formats."""
    student = profile(("Term", 14, 8), clarity="decided", goal="broad")
    (wp,) = plan(student, supply=plenty(student)).windows
    assert wp.suggestions
    assert max(BY_SLUG[s.format].exposure_depth for s in wp.suggestions) >= 2


# --- three suggestions that differ, and the catalogue's distinctions ---------------------------


@pytest.mark.parametrize(
    "window",
    [("Term", 14, 10), ("Term", 14, 20), ("Summer", 10, 40, "break"), ("Break", 3, 30, "break")],
)
@pytest.mark.parametrize("clarity", ["exploring", "narrowing"])
def test_the_suggestions_of_a_window_differ_in_family_exposure_or_industry(window, clarity):
    student = profile(window, clarity=clarity, target_industries=("Health",))
    (wp,) = plan(student, supply=plenty(student)).windows
    assert len(wp.suggestions) >= 2  # differences checked in check_plan


def test_the_sprint_is_made_for_breaks():
    term = profile(("Term", 14, 40), clarity="exploring", goal="broad")
    winter = profile(("Winter break", 3, 40, "break"), clarity="exploring", goal="broad")
    in_term = plan(term, supply=plenty(term)).windows[0]
    in_break = plan(winter, supply=plenty(winter)).windows[0]
    assert "experiential-sprint" in formats_of(in_break)
    assert "experiential-sprint" not in formats_of(in_term)
    sprint = next(s for s in in_break.suggestions if s.format == "experiential-sprint")
    assert reasons_of(sprint, "made_for")[0].weight > 0


def test_the_flashternship_is_made_for_busy_terms():
    done = (PastExperience("micro-internship", "Finance", 10),)  # no first try any more
    busy = profile(("Term", 14, 6), clarity="exploring", goal="broad", history=done)
    (wp,) = plan(busy, supply=plenty(busy)).windows
    flash = next(s for s in wp.suggestions if s.format == "flashternship")
    (made_for,) = reasons_of(flash, "made_for")
    assert made_for.weight > 0
    assert made_for.text == "Made for busy terms: a few hours a week next to a full course load."


@pytest.mark.parametrize(
    ("history", "sign"),
    [
        pytest.param((), 1, id="first-try"),
        pytest.param((PastExperience("nano-internship", "Finance", 8),), -1, id="experienced"),
    ],
)
def test_the_nano_internship_is_made_for_a_first_try(history, sign):
    student = profile(("Term", 14, 10), clarity="exploring", goal="broad", history=history)
    nano = BY_SLUG["nano-internship"]
    result = plan(student, [nano], supply=None)
    (suggestion,) = [s for s in result.windows[0].suggestions if s.format == nano.slug]
    assert reasons_of(suggestion, "made_for")[0].weight * sign > 0


def test_identical_terms_get_different_plans():
    fall = Window("Fall", 14, 10, "term", datetime.date(2027, 9, 6), datetime.date(2027, 12, 10))
    spring = Window(
        "Spring", 14, 10, "term", datetime.date(2028, 1, 10), datetime.date(2028, 4, 14)
    )
    student = profile(fall, spring, clarity="exploring", goal="broad")
    first, second = plan(student, supply=plenty(student), today=TODAY).windows
    assert formats_of(first) != formats_of(second)
    repeated = set(formats_of(first)) & set(formats_of(second))
    for s in second.suggestions:
        if s.format in repeated and BY_SLUG[s.format].weeks_max <= 4:
            assert "Already planned for Fall" in reasons_of(s, "history")[0].text


# --- constraints the student can say -----------------------------------------------------------


def test_on_site_only_excludes_remote_only_formats(catalogue):
    student = profile(("Term", 14, 20), work_modes=("onsite",))
    (wp,) = plan(student, catalogue).windows
    reason = next(e.reason for e in wp.excluded if e.format == "remote-micro-engagement")
    assert reason == "Remote micro-engagement is done remote only; you accept on-site work."


def test_a_student_who_may_not_be_paid_is_told_what_is_shown():
    student = profile(("Summer", 10, 40, "break"), clarity="decided", can_be_paid=False)
    result = plan(student)
    assert any("cannot take paid work" in note for note in result.notes)
    for s in result.windows[0].suggestions:
        (pay,) = reasons_of(s, "compensation")
        assert "only its unpaid or academic-credit listings are shown" in pay.text


@pytest.mark.parametrize(
    ("credit_ok", "sign"),
    [pytest.param(False, -1, id="pay-only"), pytest.param(True, 1, id="credit-acceptable")],
)
def test_needs_pay_ranks_credit_formats(credit_ok, sign):
    student = profile(
        ("Summer", 12, 35, "break"),
        clarity="decided",
        needs_pay=True,
        credit_ok=credit_ok,
        application_ready=True,
    )
    anchor = plan(student).windows[0].suggestions[0]
    (compensation,) = reasons_of(anchor, "compensation")
    assert anchor.format == "internship"  # pay only ranks: the paid-or-credit anchor stays
    assert compensation.weight * sign > 0


@pytest.mark.parametrize(
    ("goal", "style", "sign"),
    [
        pytest.param("deep", "deep", 1, id="deep-deep"),
        pytest.param("broad", "deep", -1, id="broad-deep"),
        pytest.param("deep", "mixed", 0, id="deep-mixed"),
    ],
)
def test_networking_goal_matches_style(goal, style, sign):
    fmt = dataclasses.replace(CATALOGUE[0], networking_style=style)
    student = profile(
        ("Summer", 12, 35, "break"), clarity="decided", networking_goal=goal, application_ready=True
    )
    (networking,) = reasons_of(plan(student, [fmt]).windows[0].suggestions[0], "networking")
    if sign == 0:
        assert networking.weight == 0
    else:
        assert networking.weight * sign > 0


# --- history, by hours and by field ---------------------------------------------------------------


def test_history_counts_hours_not_entries():
    """A 0-hour internship is not "internship experience"."""
    empty = profile(
        ("Summer", 10, 40, "break"),
        clarity="decided",
        target_industries=("Health",),
        application_ready=True,
        history=(PastExperience("internship", "Health", 0),),
    )
    result = plan(empty)
    assert result.windows[0].suggestions[0].format == "internship"
    assert not any("internship experience" in note for note in result.notes)


def test_depth_in_the_field_turns_the_next_suggestion_to_breadth():
    student = profile(
        ("Summer", 10, 40, "break"),
        clarity="decided",
        target_industries=("Health",),
        application_ready=True,
        history=(PastExperience("internship", "Health", 400),),
    )
    result = plan(student)
    assert "You have 400 h of internship experience in Health" in result.notes[0]
    for s in result.windows[0].suggestions:
        (history,) = reasons_of(s, "history")
        assert (history.weight < 0) == (s.family == "internship")


def test_a_career_changers_internship_elsewhere_does_not_steer_them_away_from_internships():
    changer = profile(
        ("Summer", 10, 40, "break"),
        clarity="decided",
        target_industries=("Health",),
        application_ready=True,
        history=(PastExperience("internship", "Finance", 400),),
    )
    result = plan(changer)
    anchor = result.windows[0].suggestions[0]
    assert anchor.format == "internship"
    assert reasons_of(anchor, "history")[0].weight > 0
    assert any("400 h of internships were in other fields" in note for note in result.notes)


def test_retired_history_format_is_ignored(catalogue):
    history = (PastExperience("summer-camp", None, 40), PastExperience("internship", "Health", 300))
    result = plan(profile(("Term", 12, 20), history=history), catalogue)
    assert any("summer-camp" in note for note in result.notes)
    assert any("300 h of internship experience in Health" in note for note in result.notes)


# --- the year: commitments, overlaps, sequencing -----------------------------------------------


def dated(label, start, end, hours, kind="term"):
    weeks = ((end - start).days + 1) / 7
    return Window(label, round(weeks, 1), hours, kind, start, end)


SPRING = dated("Spring", datetime.date(2027, 1, 11), datetime.date(2027, 4, 16), 20)
SUMMER = dated("Summer", datetime.date(2027, 6, 7), datetime.date(2027, 8, 13), 40, "break")


def test_what_the_student_is_committed_to_comes_off_the_room():
    job = Commitment(
        "“Library job” (your log)", 6, datetime.date(2027, 1, 1), datetime.date(2027, 6, 30)
    )
    free = profile(SPRING, clarity="decided", application_ready=True)
    busy = dataclasses.replace(free, commitments=(job,))
    (before,) = plan(free, supply=plenty(free)).windows
    (after,) = plan(busy, supply=plenty(busy)).windows
    assert after.weekly_committed == 6
    assert after.notes[0].startswith("Already taking time here: “Library job” (your log)")
    assert all(s.weekly_hours <= 14 - 6 for s in after.suggestions)
    assert before.suggestions[0].format == "internship"  # 14 h/week: room for one
    assert "internship" not in formats_of(after)  # 8 h/week: no more


def test_a_short_commitment_leaves_the_other_weeks_to_short_runs():
    sprint = Commitment(
        "“Sprint” (your log)", 20, datetime.date(2027, 1, 11), datetime.date(2027, 1, 24)
    )
    student = profile(SPRING, clarity="exploring", goal="broad", commitments=(sprint,))
    (wp,) = plan(student, supply=plenty(student)).windows
    assert wp.suggestions
    assert all(BY_SLUG[s.format].weeks_max <= 4 for s in wp.suggestions)


def test_an_undated_window_cannot_place_a_dated_commitment_and_says_so():
    job = Commitment("“Job” (your log)", 6, datetime.date(2027, 1, 1), datetime.date(2027, 6, 30))
    student = profile(("Spring", 14, 20), commitments=(job,))
    (wp,) = plan(student).windows
    assert wp.notes == (
        "This window has no dates, so “Job” (your log) could not be placed in it: give its dates "
        "to have them counted.",
    )


def test_accepted_recommendation_lines_take_engagements_and_room():
    accepted = Commitment("2 × Nano-internship", window=0, format="nano-internship", count=2)
    student = profile(("Term", 14, 10), clarity="exploring", goal="broad")
    with_lines = dataclasses.replace(student, commitments=(accepted,))
    (wp,) = plan(with_lines, supply=plenty(with_lines)).windows
    assert wp.engagements <= POLICY.term_max_engagements - 2
    assert wp.weekly_committed > 0


def test_overlapping_windows_are_planned_together_and_reported():
    job = dated("Summer job", datetime.date(2027, 6, 7), datetime.date(2027, 8, 13), 30, "break")
    summer = dated("Summer", datetime.date(2027, 6, 21), datetime.date(2027, 8, 27), 25, "break")
    student = profile(job, summer, clarity="exploring", goal="broad")
    result = plan(student, supply=plenty(student), today=TODAY)
    _, second = result.windows
    assert second.notes[0].startswith("Overlaps Summer job from 21 Jun 2027 to 13 Aug 2027")
    # In the shared weeks the two plans together stay within the higher ceiling (27 h/week).
    shared = [span for span in result.load if len(span.windows) == 2]
    assert shared
    assert all(span.planned <= 27 for span in shared)
    assert not any("60 h/week line" in note for note in result.year_notes)  # 55 < 60


def test_overlaps_at_the_warning_line_are_flagged():
    a = dated("Summer job", datetime.date(2027, 6, 7), datetime.date(2027, 8, 13), 30, "break")
    b = dated("Summer", datetime.date(2027, 6, 7), datetime.date(2027, 8, 13), 30, "break")
    result = plan(profile(a, b), today=TODAY)
    (warning,) = [note for note in result.year_notes if "60 h/week line" in note]
    assert warning.startswith(
        "From 7 Jun 2027 to 15 Aug 2027, Summer job and Summer overlap and add up to 60 h/week"
    )
    assert "the plan books those weeks together, at most 27 h/week in all" in warning
    assert all(span.warning for span in result.load)


def test_the_year_view_sequences_applications():
    student = profile(SPRING, SUMMER, clarity="decided", target_industries=("Health",))
    result = plan(student, supply=plenty(student), today=TODAY)
    spring, summer = result.windows
    assert summer.suggestions[0].format == "internship"
    assert result.year_notes[0] == (
        "Apply for Summer's Internship by 12 Apr 2027: formal applications close about 8 weeks "
        "before the start (7 Jun 2027)."
    )
    first = spring.suggestions[0].name
    assert result.year_notes[1] == (
        f"Before applying for Summer's Internship: Spring's {first} gives you a result and a "
        "reference to show on your résumé."
    )


def test_a_term_before_an_internship_favours_proof_of_a_skill():
    formats = [BY_SLUG["internship"], BY_SLUG["project-based-micro-internship"]]
    student = profile(SPRING, SUMMER, clarity="decided")
    spring, _ = plan(student, formats, today=TODAY).windows
    (proof,) = spring.suggestions
    (made_for,) = reasons_of(proof, "made_for")
    assert made_for.text == (
        "Ends in a result you can show: proof of a skill for your internship applications for "
        "Summer."
    )
    ready = dataclasses.replace(student, application_ready=True)
    assert formats_of(plan(ready, formats, today=TODAY).windows[0]) == ["internship"]


def test_a_window_starting_soon_says_apply_now():
    soon = dated("Summer", datetime.date(2027, 2, 1), datetime.date(2027, 4, 9), 40, "break")
    student = profile(soon, clarity="decided", application_ready=True)
    result = plan(student, today=TODAY)
    assert result.year_notes[0] == (
        "Summer starts on 1 Feb 2027, less than 8 weeks away: apply for its Internship now."
    )


def test_the_load_covers_the_dated_windows_week_by_week():
    result = plan(profile(SPRING, SUMMER, clarity="decided"), today=TODAY)
    assert result.load[0].starts_on == datetime.date(2027, 1, 11)
    assert result.load[-1].ends_on == datetime.date(2027, 8, 15)
    assert sum(span.weeks for span in result.load) == 31
    gap = next(span for span in result.load if not span.windows)
    assert (gap.stated, gap.planned) == (0, 0)


# --- policy details ----------------------------------------------------------------------------


def test_windows_come_back_in_input_order(catalogue):
    windows = (("Summer", 10, 40), ("Spring", 14, 6), ("Winter", 3, 20), ("Fall", 14, 8))
    result = plan(profile(*windows), catalogue)
    assert [wp.window.label for wp in result.windows] == ["Summer", "Spring", "Winter", "Fall"]


def test_ties_break_by_display_order_then_slug():
    twin = dataclasses.replace(BY_SLUG["micro-internship"], slug="a-twin", display_order=20)
    later = dataclasses.replace(BY_SLUG["micro-internship"], slug="b-twin", display_order=5)
    result = plan(profile(("Term", 12, 10)), [BY_SLUG["micro-internship"], twin, later])
    # Three names for one kind of experience: only the first is suggested.
    assert formats_of(result.windows[0]) == ["b-twin"]


def test_reasons_use_known_criteria_and_explain(catalogue):
    result = plan(profile(("Spring", 14, 6), ("Summer", 10, 40, "break"), clarity="decided"))
    for wp in result.windows:
        for s in wp.suggestions:
            criteria = [r.criterion for r in s.reasons]
            assert set(criteria) <= set(CRITERIA)
            assert len(criteria) == len(set(criteria))
            assert all(r.text.endswith(".") for r in s.reasons)
        assert wp.planned_hours == pytest.approx(
            sum(s.count * s.hours_each for s in wp.suggestions)
        )


def test_empty_catalogue_gives_an_empty_plan():
    result = suggest(profile(("Term", 10, 10), ("Summer", 10, 40)), [], POLICY)
    assert [wp.suggestions + wp.excluded for wp in result.windows] == [(), ()]
    assert result.notes == ()


# --- validation --------------------------------------------------------------------------------

VALID = profile(("Term", 10, 10))


@pytest.mark.parametrize(
    ("student", "formats", "message"),
    [
        pytest.param(
            dataclasses.replace(VALID, career_clarity="x"),
            CATALOGUE,
            "career_clarity must be one of exploring, narrowing, decided; got 'x'",
            id="clarity",
        ),
        pytest.param(
            dataclasses.replace(VALID, learning_goal="deep"), CATALOGUE, "learning_goal", id="goal"
        ),
        pytest.param(
            dataclasses.replace(VALID, networking_goal="mixed"),
            CATALOGUE,
            "networking_goal",
            id="networking",
        ),
        pytest.param(
            profile(("T", -1, 10)), CATALOGUE, r"windows\[0\]\.weeks", id="negative-weeks"
        ),
        pytest.param(
            profile(("T", 61, 10)), CATALOGUE, r"windows\[0\]\.weeks", id="too-many-weeks"
        ),
        pytest.param(
            profile(("T", 10, 10), ("U", 10, 81)),
            CATALOGUE,
            r"windows\[1\]\.weekly_hours must be at most 80",
            id="too-many-hours",
        ),
        pytest.param(profile(("T", float("nan"), 10)), CATALOGUE, "finite number", id="nan-weeks"),
        pytest.param(profile(("T", 10, 10, "exams")), CATALOGUE, r"windows\[0\]\.kind", id="kind"),
        pytest.param(
            profile(Window("T", 10, 10, "term", datetime.date(2027, 1, 1))),
            CATALOGUE,
            "both starts_on and ends_on",
            id="half-dated",
        ),
        pytest.param(
            profile(Window("T", 10, 10, "term", TODAY, TODAY - datetime.timedelta(days=1))),
            CATALOGUE,
            "ends_on must not be before starts_on",
            id="ends-before-start",
        ),
        pytest.param(
            dataclasses.replace(VALID, work_modes=("moon",)), CATALOGUE, "work_modes", id="mode"
        ),
        pytest.param(
            dataclasses.replace(VALID, history=(PastExperience("internship", None, -3),)),
            CATALOGUE,
            r"history\[0\]\.hours",
            id="negative-history-hours",
        ),
        pytest.param(
            dataclasses.replace(VALID, commitments=(Commitment("Line", window=3, format="x"),)),
            CATALOGUE,
            r"commitments\[0\]\.window",
            id="commitment-window",
        ),
        pytest.param(
            dataclasses.replace(VALID, commitments=(Commitment("Job", 5),)),
            CATALOGUE,
            r"commitments\[0\] needs dates or a window",
            id="commitment-undated",
        ),
        pytest.param(
            VALID,
            [dataclasses.replace(CATALOGUE[0], weeks_min=30)],
            "weeks_min must not exceed weeks_max",
            id="weeks-min-above-max",
        ),
        pytest.param(
            VALID,
            [dataclasses.replace(CATALOGUE[1], total_hours_max=1)],
            "total_hours_min must not exceed total_hours_max",
            id="total-min-above-max",
        ),
        pytest.param(
            VALID, [dataclasses.replace(CATALOGUE[0], family="job")], "family", id="family"
        ),
        pytest.param(
            VALID,
            [dataclasses.replace(CATALOGUE[0], schedule_flexibility=4)],
            "schedule_flexibility",
            id="scale",
        ),
        pytest.param(
            VALID,
            [dataclasses.replace(CATALOGUE[0], compensation_model="free")],
            "compensation_model",
            id="compensation",
        ),
        pytest.param(
            VALID, [dataclasses.replace(CATALOGUE[0], made_for="fun")], "made_for", id="made-for"
        ),
        pytest.param(
            VALID, [dataclasses.replace(CATALOGUE[0], work_modes=())], "work_modes", id="no-mode"
        ),
        pytest.param(VALID, [CATALOGUE[0], CATALOGUE[0]], "unique", id="duplicate-slug"),
    ],
)
def test_invalid_input_is_rejected(student, formats, message):
    with pytest.raises(EngineError, match=message):
        suggest(student, formats, POLICY)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"term_load_share": 0}, "term_load_share must be above 0"),
        ({"break_load_share": 1.5}, "break_load_share must be at most 1"),
        ({"term_max_engagements": 0}, "term_max_engagements must be a whole number"),
        ({"weekly_load_warning": -1}, "weekly_load_warning must not be negative"),
    ],
)
def test_an_invalid_policy_is_rejected(change, message):
    with pytest.raises(EngineError, match=message):
        suggest(VALID, CATALOGUE, dataclasses.replace(POLICY, **change))


def test_invalid_supply_is_rejected():
    with pytest.raises(EngineError, match="supply"):
        suggest(VALID, CATALOGUE, POLICY, supply={(0, "internship"): 3})


def test_engine_error_is_a_value_error():
    assert issubclass(EngineError, ValueError)
    with pytest.raises(ValueError, match="weekly_hours"):
        fits(CATALOGUE[0], Window("T", 10, -1))


# --- serialisation -----------------------------------------------------------------------------


def test_plan_to_dict_is_json_ready(catalogue):
    student = profile(
        SPRING, SUMMER, ("Exams", 2, 3), target_industries=INDUSTRIES, application_ready=True
    )
    result = plan(student, catalogue, today=TODAY)
    data = json.loads(json.dumps(plan_to_dict(result)))
    assert set(data) == {"windows", "notes", "year_notes", "load"}
    window = data["windows"][0]
    assert set(window) == {
        "label",
        "weeks",
        "weekly_hours",
        "kind",
        "starts_on",
        "ends_on",
        "capacity_hours",
        "ceiling_hours",
        "committed_hours",
        "planned_hours",
        "suggestions",
        "excluded",
        "notes",
    }
    assert (window["label"], window["kind"], window["starts_on"]) == (
        "Spring",
        "term",
        "2027-01-11",
    )
    suggestion = window["suggestions"][0]
    assert set(suggestion) == {
        "format",
        "name",
        "family",
        "count",
        "hours_each",
        "weekly_hours",
        "weeks",
        "score",
        "industries",
        "reasons",
    }
    assert set(suggestion["reasons"][0]) == {"criterion", "text"}
    assert set(data["windows"][2]["excluded"][0]) == {"format", "name", "reason"}
    assert data["load"][0]["starts_on"] == "2027-01-11"
    first = result.windows[1].suggestions[0]
    assert data["windows"][1]["suggestions"][0]["format"] == first.format
    assert data["windows"][1]["suggestions"][0]["industries"] == list(first.industries)


# --- properties --------------------------------------------------------------------------------


@st.composite
def new_formats(draw, index):
    """A valid format an admin might add, with any numbers and a slug the engine never saw."""

    def ordered(high):
        low, top = sorted(draw(st.lists(st.floats(0, high), min_size=2, max_size=2)))
        return low, top

    weeks, weekly, total = ordered(30), ordered(50), ordered(600)
    scales = tuple(draw(st.integers(1, 3)) for _ in range(4))
    pay = draw(st.sampled_from(["per_task", "paid", "paid_or_credit", "varies"]))
    network = draw(st.sampled_from(["deep", "broad", "mixed"]))
    family = draw(st.sampled_from(["internship", "micro", "hybrid"]))
    order = draw(st.integers(0, 200))
    fmt = _fmt(
        f"new-{index}", f"New {index}", family, weeks, weekly, total, scales, pay, network, order
    )
    modes = draw(st.lists(st.sampled_from(["onsite", "remote", "hybrid"]), min_size=1, unique=True))
    made_for = draw(st.sampled_from(["", "break", "busy_term", "first_try", "proof_of_skill"]))
    return dataclasses.replace(fmt, work_modes=tuple(modes), made_for=made_for)


@st.composite
def catalogues(draw):
    chosen = draw(st.lists(st.sampled_from(CATALOGUE), unique_by=lambda f: f.slug))
    extra = [draw(new_formats(i)) for i in range(draw(st.integers(0, 3)))]
    return [*chosen, *extra]


@st.composite
def windows(draw):
    label = draw(st.sampled_from(["Spring", "Summer", "Fall", "Winter"]))
    weeks = draw(st.floats(0, 52))
    weekly = draw(st.floats(0, 60))
    kind = draw(st.sampled_from(["term", "break"]))
    if draw(st.booleans()):
        return Window(label, weeks, weekly, kind)
    start = TODAY + datetime.timedelta(days=draw(st.integers(-30, 400)))
    end = start + datetime.timedelta(days=max(0, round(weeks * 7) - 1))
    return Window(label, weeks, weekly, kind, start, end)


pasts = st.builds(
    PastExperience,
    format=st.sampled_from([*BY_SLUG, "retired-format", "new-0"]),
    industry=st.sampled_from([None, *INDUSTRIES]),
    hours=st.floats(0, 500),
)


@st.composite
def profiles(draw):
    student = draw(
        st.builds(
            StudentProfile,
            windows=st.lists(windows(), max_size=3).map(tuple),
            career_clarity=st.sampled_from(["exploring", "narrowing", "decided"]),
            learning_goal=st.sampled_from(["broad", "targeted"]),
            target_industries=st.lists(st.sampled_from(INDUSTRIES), max_size=4).map(tuple),
            skills_to_build=st.lists(st.sampled_from(["SQL", "writing"]), max_size=2).map(tuple),
            needs_pay=st.booleans(),
            credit_ok=st.booleans(),
            can_be_paid=st.booleans(),
            work_modes=st.lists(st.sampled_from(["onsite", "remote", "hybrid"]), min_size=1).map(
                tuple
            ),
            networking_goal=st.sampled_from(["deep", "broad"]),
            application_ready=st.booleans(),
            history=st.lists(pasts, max_size=4).map(tuple),
        )
    )
    commitments = []
    for _ in range(draw(st.integers(0, 2))):
        if student.windows and draw(st.booleans()):
            commitments.append(
                Commitment(
                    "Accepted line",
                    window=draw(st.integers(0, len(student.windows) - 1)),
                    format=draw(st.sampled_from(sorted(BY_SLUG))),
                    count=draw(st.integers(1, 3)),
                )
            )
        else:
            start = TODAY + datetime.timedelta(days=draw(st.integers(-60, 300)))
            end = start + datetime.timedelta(days=draw(st.integers(0, 120)))
            commitments.append(Commitment("Logged", draw(st.floats(0, 40)), start, end))
    return dataclasses.replace(student, commitments=tuple(commitments))


@st.composite
def supplies(draw, student, formats):
    """Open listings for some slots, fewer in the student's fields."""
    if draw(st.booleans()):
        return None
    found = {}
    for key in slots(student, formats, POLICY):
        n = draw(st.integers(0, 6))
        names = [name for name in student.target_industries if draw(st.booleans())]
        per = tuple((name, draw(st.integers(1, max(1, n)))) for name in dict.fromkeys(names))
        in_targets = min(n, sum(count for _, count in per))
        found[key] = Supply(n, in_targets, per if n else ())
    return found


@settings(max_examples=300, deadline=None)
@given(student=profiles(), formats=catalogues(), data=st.data())
def test_every_plan_keeps_the_policy_and_every_reason_its_facts(student, formats, data):
    supply = data.draw(supplies(student, formats))
    result = suggest(student, formats, POLICY, supply=supply, today=TODAY)
    assert isinstance(result, Plan)
    check_plan(student, formats, POLICY, result, supply)
    check_reasons(student, formats, POLICY, result)
    by_slug = {f.slug: f for f in formats}
    for wp in result.windows:
        for e in wp.excluded:
            raw = fits(by_slug[e.format], wp.window)
            assert raw is None or raw == e.reason


@settings(max_examples=200, deadline=None)
@given(student=profiles(), formats=catalogues(), data=st.data())
def test_plan_is_deterministic_and_order_independent(student, formats, data):
    result = suggest(student, formats, POLICY, today=TODAY)
    assert suggest(student, formats, POLICY, today=TODAY) == result
    assert suggest(student, data.draw(st.permutations(formats)), POLICY, today=TODAY) == result
    assert plan_to_dict(result) == json.loads(json.dumps(plan_to_dict(result)))
