"""Unit and property tests for the pure advising engine (no Django, no database)."""

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advising.engine import (
    CRITERIA,
    MAX_COUNT,
    MAX_SUGGESTIONS,
    EngineError,
    Exclusion,
    FormatSpec,
    PastExperience,
    Plan,
    StudentProfile,
    Window,
    fits,
    plan_to_dict,
    suggest,
)


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
BY_SLUG = {fmt.slug: fmt for fmt in CATALOGUE}
INDUSTRIES = ("Finance", "Health", "Media")


@pytest.fixture
def catalogue():
    return CATALOGUE


def profile(*windows, clarity="narrowing", goal="targeted", **extra):
    return StudentProfile(tuple(Window(*w) for w in windows), clarity, goal, **extra)


def reasons_of(suggestion, criterion):
    return [r for r in suggestion.reasons if r.criterion == criterion]


# --- the reference's archetypes ------------------------------------------------------------------


def check_long_term(student, plan):
    (window,) = plan.windows
    anchor = window.suggestions[0]
    assert anchor.family == "internship"
    assert anchor.count == 1
    assert anchor.hours_each >= window.capacity_hours / 2  # the anchor takes most of the window
    assert sum(s.family == "internship" for s in window.suggestions) == 1
    for criterion in ("exposure", "duration", "networking", "suitability"):
        assert reasons_of(anchor, criterion)[0].weight > 0


def check_quick_exposure(student, plan):
    (window,) = plan.windows
    assert window.suggestions
    assert {s.family for s in window.suggestions} == {"micro"}
    assert "internship" in {e.format for e in window.excluded}


def check_exploring(student, plan):
    (window,) = plan.windows
    assert sum(s.count for s in window.suggestions) >= 2
    assert all(BY_SLUG[s.format].weeks_max <= 4 for s in window.suggestions)  # short formats
    assert all(s.family != "internship" for s in window.suggestions)
    spread = {industry for s in window.suggestions for industry in s.industries}
    assert len(spread) >= 2
    assert spread <= set(student.target_industries)


def check_heavy_term_free_summer(student, plan):
    spring, summer = plan.windows
    assert spring.suggestions
    for s in spring.suggestions:
        assert s.family != "internship"
        assert BY_SLUG[s.format].schedule_flexibility >= 2
    internship = next(e for e in spring.excluded if e.format == "internship")
    assert "6 h/week" in internship.reason
    assert "10 h/week" in internship.reason
    assert summer.suggestions[0].family == "internship"


def check_micro_history(student, plan):
    baseline = suggest(dataclasses.replace(student, history=()), CATALOGUE)
    before, after = baseline.windows[0].suggestions, plan.windows[0].suggestions
    deep = ("internship", "hybrid")
    assert after[0].family in deep
    assert sum(s.family in deep for s in after) > sum(s.family in deep for s in before)
    score_before = {s.format: s.score for s in before}
    for s in after:
        if s.family in deep:
            assert reasons_of(s, "history")[0].weight > 0
            assert s.score > score_before.get(s.format, 0)
    assert any("all micro formats" in note for note in plan.notes)


def check_remote_needs_pay(student, plan):
    (window,) = plan.windows
    assert window.suggestions
    for s in window.suggestions:
        assert len(reasons_of(s, "compensation")) == 1
    assert any("paid" in note for note in plan.notes)
    assert any("remote" in note for note in plan.notes)


MICRO_HISTORY = tuple(PastExperience("micro-internship", "Finance", 20) for _ in range(3))
ARCHETYPES = [
    pytest.param(
        profile(("Summer", 12, 35), clarity="decided", networking_goal="deep"),
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
        profile(("Spring", 14, 6), ("Summer", 10, 40), clarity="decided"),
        check_heavy_term_free_summer,
        id="heavy-term-free-summer",
    ),
    pytest.param(
        profile(("Term", 12, 20), goal="broad", history=MICRO_HISTORY),
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
    check(student, suggest(student, catalogue))


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
    plan = suggest(profile(("Exams", 4, 0), ("Gone", 0, 30)), catalogue)
    for window in plan.windows:
        assert window.suggestions == ()
        assert window.planned_hours == 0
        assert [e.format for e in window.excluded] == [f.slug for f in catalogue]


def test_excluded_follow_catalogue_order(catalogue):
    window = suggest(profile(("Spring", 14, 6)), catalogue).windows[0]
    order = [f.slug for f in catalogue]
    positions = [order.index(e.format) for e in window.excluded]
    assert positions == sorted(positions)
    assert window.excluded[0] == Exclusion(
        "internship", "Internship", fits(CATALOGUE[0], window.window)
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
        2,
        3,
        1,
        "paid",
        "broad",
        5,
    )
    plan = suggest(profile(window, goal="broad"), (*catalogue, lab))
    (wp,) = plan.windows
    suggested = {s.format for s in wp.suggestions}
    excluded = {e.format for e in wp.excluded}
    assert ("apprenticeship-lab" in suggested) == (expect == "suggested")
    assert ("apprenticeship-lab" in excluded) == (expect == "excluded")


# --- policy details ----------------------------------------------------------------------------


def test_windows_come_back_in_input_order(catalogue):
    windows = (("Summer", 10, 40), ("Spring", 14, 6), ("Winter", 3, 20), ("Fall", 14, 8))
    plan = suggest(profile(*windows), catalogue)
    assert [wp.window.label for wp in plan.windows] == ["Summer", "Spring", "Winter", "Fall"]


@pytest.mark.parametrize("clarity", ["exploring", "narrowing", "decided"])
def test_busy_window_gets_short_flexible_formats_whatever_the_clarity(clarity, catalogue):
    plan = suggest(profile(("Term", 10, 5), clarity=clarity), catalogue)
    suggestions = plan.windows[0].suggestions
    assert suggestions
    assert all(BY_SLUG[s.format].weeks_max <= 4 for s in suggestions)
    assert all(BY_SLUG[s.format].schedule_flexibility == 3 for s in suggestions)
    if clarity == "decided":  # no window has room for depth: say so
        assert any("No window has room for an internship-family format" in n for n in plan.notes)


def test_never_two_internships_in_one_window(catalogue):
    coop = dataclasses.replace(CATALOGUE[0], slug="co-op", name="Co-op", display_order=1)
    plan = suggest(profile(("Year", 40, 40), clarity="decided"), (*catalogue, coop))
    assert sum(s.family == "internship" for s in plan.windows[0].suggestions) == 1


def test_not_application_ready_lowers_formal_formats(catalogue):
    formal = profile(("Summer", 12, 35), clarity="decided")
    ready = dataclasses.replace(formal, application_ready=True)
    anchor = suggest(formal, catalogue).windows[0].suggestions[0]
    ready_anchor = suggest(ready, catalogue).windows[0].suggestions[0]
    (application,) = reasons_of(anchor, "application")
    assert application.weight < 0
    assert "prepare your résumé first" in application.text
    assert ready_anchor.format == anchor.format == "internship"
    assert ready_anchor.score > anchor.score


@pytest.mark.parametrize(
    ("credit_ok", "sign"),
    [pytest.param(False, -1, id="pay-only"), pytest.param(True, 1, id="credit-acceptable")],
)
def test_needs_pay_ranks_credit_formats(credit_ok, sign):
    student = profile(("Summer", 12, 35), clarity="decided", needs_pay=True, credit_ok=credit_ok)
    anchor = suggest(student, CATALOGUE).windows[0].suggestions[0]
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
    plan = suggest(profile(("Summer", 12, 35), clarity="decided", networking_goal=goal), [fmt])
    (networking,) = reasons_of(plan.windows[0].suggestions[0], "networking")
    if sign == 0:
        assert networking.weight == 0
    else:
        assert networking.weight * sign > 0


def test_ties_break_by_display_order_then_slug():
    twin = dataclasses.replace(BY_SLUG["micro-internship"], slug="a-twin", display_order=20)
    later = dataclasses.replace(BY_SLUG["micro-internship"], slug="b-twin", display_order=5)
    plan = suggest(profile(("Term", 12, 10)), [BY_SLUG["micro-internship"], twin, later])
    order = [s.format for s in plan.windows[0].suggestions]
    assert order == ["b-twin", "a-twin", "micro-internship"]


def test_retired_history_format_is_ignored(catalogue):
    history = (PastExperience("summer-camp", None, 40), PastExperience("internship", "Health", 300))
    plan = suggest(profile(("Term", 12, 20), history=history), catalogue)
    assert any("summer-camp" in note for note in plan.notes)
    assert any("all internships" in note for note in plan.notes)  # the retired one doesn't count


def test_reasons_use_known_criteria_and_explain(catalogue):
    plan = suggest(profile(("Spring", 14, 6), ("Summer", 10, 40), clarity="decided"), catalogue)
    for wp in plan.windows:
        for s in wp.suggestions:
            criteria = [r.criterion for r in s.reasons]
            assert set(criteria) <= set(CRITERIA)
            assert len(criteria) == len(set(criteria))
            assert all(r.text.endswith(".") for r in s.reasons)
        assert wp.planned_hours == pytest.approx(
            sum(s.count * s.hours_each for s in wp.suggestions)
        )


def test_empty_catalogue_gives_an_empty_plan():
    plan = suggest(profile(("Term", 10, 10), ("Summer", 10, 40)), [])
    assert [wp.suggestions + wp.excluded for wp in plan.windows] == [(), ()]
    assert plan.notes == ()


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
        pytest.param(VALID, [CATALOGUE[0], CATALOGUE[0]], "unique", id="duplicate-slug"),
    ],
)
def test_invalid_input_is_rejected(student, formats, message):
    with pytest.raises(EngineError, match=message):
        suggest(student, formats)


def test_engine_error_is_a_value_error():
    assert issubclass(EngineError, ValueError)
    with pytest.raises(ValueError, match="weekly_hours"):
        fits(CATALOGUE[0], Window("T", 10, -1))


# --- serialisation -----------------------------------------------------------------------------


def test_plan_to_dict_is_json_ready(catalogue):
    student = profile(("Spring", 14, 6), ("Summer", 10, 40), target_industries=INDUSTRIES)
    plan = suggest(student, catalogue)
    data = json.loads(json.dumps(plan_to_dict(plan)))
    assert set(data) == {"windows", "notes"}
    window = data["windows"][0]
    assert set(window) == {
        "label",
        "weeks",
        "weekly_hours",
        "capacity_hours",
        "planned_hours",
        "suggestions",
        "excluded",
    }
    assert window["label"] == "Spring"
    assert window["capacity_hours"] == 84
    suggestion = window["suggestions"][0]
    assert set(suggestion) == {
        "format",
        "name",
        "family",
        "count",
        "hours_each",
        "score",
        "industries",
        "reasons",
    }
    assert set(suggestion["reasons"][0]) == {"criterion", "text"}
    assert set(window["excluded"][0]) == {"format", "name", "reason"}
    first = plan.windows[1].suggestions[0]
    assert data["windows"][1]["suggestions"][0]["format"] == first.format
    assert data["windows"][1]["suggestions"][0]["industries"] == list(first.industries)
    assert len(data["windows"][1]["suggestions"][0]["reasons"]) == len(first.reasons)


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
    return _fmt(
        f"new-{index}", f"New {index}", family, weeks, weekly, total, scales, pay, network, order
    )


@st.composite
def catalogues(draw):
    chosen = draw(st.lists(st.sampled_from(CATALOGUE), unique_by=lambda f: f.slug))
    extra = [draw(new_formats(i)) for i in range(draw(st.integers(0, 3)))]
    return [*chosen, *extra]


windows = st.builds(
    Window,
    label=st.sampled_from(["Spring", "Summer", "Fall", "Winter"]),
    weeks=st.floats(0, 52),
    weekly_hours=st.floats(0, 60),
)
pasts = st.builds(
    PastExperience,
    format=st.sampled_from([*BY_SLUG, "retired-format", "new-0"]),
    industry=st.sampled_from([None, *INDUSTRIES]),
    hours=st.floats(0, 500),
)
profiles = st.builds(
    StudentProfile,
    windows=st.lists(windows, max_size=3).map(tuple),
    career_clarity=st.sampled_from(["exploring", "narrowing", "decided"]),
    learning_goal=st.sampled_from(["broad", "targeted"]),
    target_industries=st.lists(st.sampled_from(INDUSTRIES), max_size=4).map(tuple),
    skills_to_build=st.lists(st.sampled_from(["SQL", "writing"]), max_size=2).map(tuple),
    needs_pay=st.booleans(),
    credit_ok=st.booleans(),
    work_modes=st.lists(st.sampled_from(["onsite", "remote", "hybrid"]), min_size=1).map(tuple),
    networking_goal=st.sampled_from(["deep", "broad"]),
    application_ready=st.booleans(),
    history=st.lists(pasts, max_size=4).map(tuple),
)


@settings(max_examples=200, deadline=None)
@given(student=profiles, formats=catalogues())
def test_plan_invariants(student, formats):
    plan = suggest(student, formats)
    by_slug = {f.slug: f for f in formats}
    assert isinstance(plan, Plan)
    assert [wp.window for wp in plan.windows] == list(student.windows)
    for wp in plan.windows:
        suggested = [s.format for s in wp.suggestions]
        assert len(suggested) == len(set(suggested)) <= MAX_SUGGESTIONS
        assert set(suggested) <= set(by_slug)
        for s in wp.suggestions:
            assert fits(by_slug[s.format], wp.window) is None
            assert 1 <= s.count <= MAX_COUNT
            assert s.hours_each > 0
            assert 0 <= s.score <= 1
            assert s.family == by_slug[s.format].family
        assert sum(s.family == "internship" for s in wp.suggestions) <= 1
        assert wp.planned_hours <= wp.capacity_hours + 1e-9
        assert wp.planned_hours <= wp.window.weeks * wp.window.weekly_hours + 1e-9
        not_fitting = [f.slug for f in formats if fits(f, wp.window) is not None]
        assert sorted(e.format for e in wp.excluded) == sorted(not_fitting)
        assert all(fits(by_slug[e.format], wp.window) == e.reason for e in wp.excluded)


@settings(max_examples=200, deadline=None)
@given(student=profiles, formats=catalogues(), data=st.data())
def test_plan_is_deterministic_and_order_independent(student, formats, data):
    plan = suggest(student, formats)
    assert suggest(student, formats) == plan
    assert suggest(student, data.draw(st.permutations(formats))) == plan
    assert plan_to_dict(plan) == json.loads(json.dumps(plan_to_dict(plan)))
