"""The engine across the year (no Django, no database): commitments, overlaps, sequencing,
the week-by-week load, and details of the policy."""

import dataclasses
import datetime

import pytest

from advising.engine import (
    CRITERIA,
    Commitment,
    suggest,
)
from tests.advising.engine_cases import (
    BY_SLUG,
    POLICY,
    SPRING,
    SUMMER,
    TODAY,
    dated,
    formats_of,
    plan,
    plenty,
    profile,
    reasons_of,
)

# --- the year: commitments, overlaps, sequencing -----------------------------------------------


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
