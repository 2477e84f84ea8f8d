"""The engine's mix (no Django, no database): anchors, suggestions that differ, the
catalogue's distinctions, what the student can say, and history by hours and by field."""

import dataclasses
import datetime

import pytest

from advising.engine import (
    PastExperience,
    Window,
)
from tests.advising.engine_cases import (
    BY_SLUG,
    CATALOGUE,
    TODAY,
    formats_of,
    plan,
    plenty,
    profile,
    reasons_of,
)

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
