"""Unit tests for the pure advising engine (no Django, no database): the reference's
archetypes, fit and exclusions, and the room a plan keeps to."""

import dataclasses

import pytest

from advising.engine import (
    FormatSpec,
    PastExperience,
    Supply,
    Window,
    fits,
    slots,
    suggest,
)
from tests.advising.engine_cases import (
    BY_SLUG,
    CATALOGUE,
    INDUSTRIES,
    POLICY,
    formats_of,
    plan,
    plenty,
    profile,
    reasons_of,
)

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
