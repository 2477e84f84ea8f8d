"""The persona suite: 24 students an experienced advisor sees, each with what that advisor would
sign written as assertions on properties of the advice (families, counts, hours against the
ceiling, the industries of the listings shown, the notes), never on exact scores.

Every persona also goes through the checks any plan must pass (tests/advising/checks.py): the
policy (ceilings, engagement caps, no second employer beside an internship, suggestions that
differ, counts within the open listings), every reason's numbers against the plan, and every
listing shown against the slot it is shown for and the student's constraints.
"""

import pytest
from django.utils import timezone

from advising import engine
from advising import policy as advising_policy
from advising.contract import inputs_from_json
from advising.inputs import catalogue, engine_profile
from advising.matching import advise, listing_supply
from tests.advising.checks import check_listings, check_plan, check_reasons
from tests.advising.personas import PERSONAS, contract_document, seed_listings, stored_profile

pytestmark = pytest.mark.django_db


def run(persona):
    """The persona's advice, from a stored profile (the pages' path) or, for what the profile
    form cannot store, from a `suggest_mix` document."""
    today = timezone.localdate()
    seed_listings(today)
    if persona.get("path") == "contract":
        inputs = inputs_from_json(contract_document(persona, today))
    else:
        inputs = engine_profile(stored_profile(persona, today), today=today)
    cat, policy = catalogue(), advising_policy.current()
    supply = listing_supply(inputs, engine.slots(inputs.profile, cat.specs, policy), cat)
    advice = advise(inputs, today=today)
    plan = engine.Plan(
        tuple(w.plan for w in advice.windows), advice.notes, advice.year_notes, advice.load
    )
    return inputs.profile, cat, policy, supply, plan, advice


def formats(window):
    return [m.suggestion.format for m in window.suggestions]


def families(window):
    return {m.suggestion.family for m in window.suggestions}


def shown(window):
    return [listing for m in window.suggestions for listing in m.listings]


def notes_of(advice):
    return [*advice.notes, *advice.year_notes, *advice.assumptions]


def window_notes(window):
    return [*window.plan.notes, *(n for m in window.suggestions for n in m.notes)]


# --- what the advisor would sign, persona by persona ------------------------------------------


def decided_onsite_mechanical_engineer(advice, student, policy):
    term, summer = advice.windows
    (anchor,) = summer.suggestions  # a full-time internship is the whole summer
    assert anchor.suggestion.format == "internship"
    assert anchor.suggestion.weekly_hours >= policy.full_time_weekly_hours
    assert {o.industry.slug for o in anchor.listings} == {"engineering"}
    assert all(o.work_mode == "onsite" for o in shown(term) + shown(summer))
    assert "remote-micro-engagement" in {e.format for e in term.plan.excluded}
    assert term.plan.planned_hours <= 0.7 * 14 * 12


def international_student_cannot_be_paid(advice, student, policy):
    listings = [o for w in advice.windows for o in shown(w)]
    assert listings
    assert not any(o.is_paid for o in listings)
    assert {o.compensation_type for o in listings} <= {"credit", "unpaid"}
    assert any("cannot take paid work" in n for n in advice.notes)


def four_to_ten_hour_term(advice, student, policy):
    (term,) = advice.windows
    assert 1 <= term.plan.engagements <= 3
    assert term.plan.planned_hours <= 0.7 * 14 * 6
    assert families(term) == {"micro"}
    assert max(m.suggestion.weekly_hours for m in term.suggestions) <= 4  # 70 % of 6 h/week


def busy_term_ten_hours_exploring(advice, student, policy):
    (term,) = advice.windows
    assert "flashternship" in formats(term)  # made for busy terms
    assert term.plan.engagements <= 3
    assert all(m.suggestion.weekly_hours <= 7 for m in term.suggestions)
    industries = {i for m in term.suggestions for i in m.suggestion.industries}
    assert industries == {"Marketing", "Nonprofit"}  # compared across the two fields


def overlapping_windows_55_hours(advice, student, policy):
    _, summer = advice.windows
    assert any(n.startswith("Overlaps Summer job") for n in summer.plan.notes)
    shared = [span for span in advice.load if len(span.windows) == 2]
    assert shared
    assert max(span.planned for span in shared) <= 27  # 90 % of the larger window's 30 h/week
    assert not any(span.warning for span in shared)  # 55 < 60: no warning


def overlapping_windows_60_hours(advice, student, policy):
    assert any("60 h/week line" in n and "overlap" in n for n in advice.year_notes)
    assert any(span.warning for span in advice.load)
    assert max(span.total for span in advice.load) <= 21  # 70 % of 30 h/week


def career_changer(advice, student, policy):
    (summer,) = advice.windows
    anchor = summer.suggestions[0]
    assert anchor.suggestion.format == "internship"
    assert {o.industry.slug for o in anchor.listings} == {"healthcare"}
    assert any("were in other fields" in n for n in advice.notes)
    (history,) = [r for r in anchor.suggestion.reasons if r.criterion == "history"]
    assert history.weight > 0


def first_year_no_history(advice, student, policy):
    term, summer = advice.windows
    assert "nano-internship" in formats(term) or "nano-internship" in formats(summer)
    nano = next(
        m.suggestion
        for w in advice.windows
        for m in w.suggestions
        if m.suggestion.format == "nano-internship"
    )
    (made_for,) = [r for r in nano.reasons if r.criterion == "made_for"]
    assert made_for.weight > 0 and "first try" in made_for.text
    assert "internship" not in formats(term)


def narrowing_full_summer_ready(advice, student, policy):
    (summer,) = advice.windows
    assert summer.suggestions[0].suggestion.format == "internship"
    assert {o.industry.slug for o in shown(summer)} <= {"technology", "finance"}


def decided_part_time_term(advice, student, policy):
    (term,) = advice.windows
    anchor = term.suggestions[0].suggestion
    assert anchor.format == "internship"
    assert 10 <= anchor.weekly_hours <= 10.5  # 70 % of 15 h/week, whole hours
    assert {o.industry.slug for o in shown(term)} == {"technology"}


def decided_not_ready(advice, student, policy):
    spring, summer = advice.windows
    assert "internship" not in formats(spring)  # 8.4 h/week of plan: none fits
    assert summer.suggestions[0].suggestion.format == "internship"
    assert any(n.startswith("Before applying for Summer's Internship") for n in advice.year_notes)
    assert any(n.startswith("Apply for Summer's Internship by") for n in advice.year_notes)


def decided_eight_hour_term(advice, student, policy):
    (term,) = advice.windows
    exposure = {m.suggestion.format: m.suggestion for m in term.suggestions}
    assert exposure
    assert families(term) & {"hybrid"} or any(
        f in exposure for f in ("project-based-micro-internship",)
    )
    assert "internship" not in exposure  # 5.6 h/week of plan: no internship fits


def government_nothing_open(advice, student, policy):
    (summer,) = advice.windows
    assert summer.suggestions
    for matched in summer.suggestions:
        assert all(o.industry.slug != "government" for o in matched.listings)
        if matched.listings:
            assert any("these are the nearest" in n for n in matched.notes)
        (industries,) = [r for r in matched.suggestion.reasons if r.criterion == "industries"]
        assert industries.weight < 0 and "No open" in industries.text


def needs_pay_credit_unanswered(advice, student, policy):
    listings = [o for w in advice.windows for o in shown(w)]
    assert listings
    assert all(o.is_paid for o in listings)
    assert any("credit-only listings are left out" in n for n in advice.assumptions)


def remote_only_caregiver(advice, student, policy):
    (term,) = advice.windows
    assert all(o.work_mode == "remote" for o in shown(term))
    assert any("limited to remote work" in n for n in advice.notes)


def exploring_winter_break(advice, student, policy):
    (winter,) = advice.windows
    assert "experiential-sprint" in formats(winter)
    assert "internship" not in formats(winter)  # 3 weeks: none fits
    industries = {i for m in winter.suggestions for i in m.suggestion.industries}
    assert len(industries) >= 2


def deep_internship_history(advice, student, policy):
    (summer,) = advice.windows
    assert "internship" not in formats(summer)
    assert families(summer) & {"hybrid", "micro"}
    assert any("600 h of internship experience in Finance" in n for n in advice.notes)
    for matched in summer.suggestions:
        (history,) = [r for r in matched.suggestion.reasons if r.criterion == "history"]
        assert history.weight > 0 and "adds breadth" in history.text


def micro_history_narrowing(advice, student, policy):
    (summer,) = advice.windows
    assert summer.suggestions[0].suggestion.family in ("internship", "hybrid")
    assert any("58 h of short formats" in n for n in advice.notes)


def zero_hour_internship_logged(advice, student, policy):
    (summer,) = advice.windows
    assert summer.suggestions[0].suggestion.format == "internship"
    assert not any("internship experience" in n for n in advice.notes)


def part_time_job_during_term(advice, student, policy):
    (term,) = advice.windows
    assert term.plan.weekly_committed == pytest.approx(8, abs=0.1)  # 120 h over 15 weeks
    assert any("Campus job" in n for n in term.plan.notes)
    assert max(m.suggestion.weekly_hours for m in term.suggestions) <= 14 - 8
    assert all(span.total <= 14 + 0.1 for span in advice.load)


def accepted_recommendation_this_term(advice, student, policy):
    (term,) = advice.windows
    assert term.plan.engagements <= 1  # the two accepted runs count against the three
    assert term.plan.weekly_committed > 0
    assert any("accepted recommendation" in n for n in term.plan.notes)


def identical_terms(advice, student, policy):
    fall, spring = advice.windows
    assert formats(fall) != formats(spring)
    assert set(formats(spring)) - set(formats(fall))  # something new in spring


def blank_profile_one_window(advice, student, policy):
    (semester,) = advice.windows
    assert semester.suggestions
    assumptions = " ".join(advice.assumptions)
    assert "Career direction not given: treated as exploring" in assumptions
    assert "Semester as term time (from its name)" in assumptions


def summer_starts_soon(advice, student, policy):
    (summer,) = advice.windows
    assert summer.suggestions[0].suggestion.format == "internship"
    assert any("apply for its Internship now" in n for n in advice.year_notes)
    assert any(n.startswith("Apply early: the first of these closes") for n in window_notes(summer))


EXPECTATIONS = {
    name.replace("_", "-"): function
    for name, function in globals().items()
    if callable(function) and name.replace("_", "-") in {p["id"] for p in PERSONAS}
}


def test_every_persona_has_an_expectation():
    assert len(PERSONAS) >= 20
    assert set(EXPECTATIONS) == {p["id"] for p in PERSONAS}


@pytest.mark.parametrize("persona", PERSONAS, ids=[p["id"] for p in PERSONAS])
def test_persona(persona):
    student, cat, policy, supply, plan, advice = run(persona)

    # What any plan must hold, then what the advisor expects of this student.
    check_plan(student, cat.specs, policy, plan, supply)
    assert check_reasons(student, cat.specs, policy, plan) >= 1
    check_listings(advice, student)
    for window in advice.windows:
        for matched in window.suggestions:
            assert matched.suggestion.count <= max(1, len(matched.listings)), matched.suggestion
    EXPECTATIONS[persona["id"]](advice, student, policy)
