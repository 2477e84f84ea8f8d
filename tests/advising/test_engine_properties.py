"""Property tests of the engine (no Django, no database): every plan keeps the policy and
every reason its facts, whatever the student and the catalogue."""

import dataclasses
import datetime
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from advising.engine import (
    Commitment,
    PastExperience,
    Plan,
    StudentProfile,
    Supply,
    Window,
    fits,
    plan_to_dict,
    slots,
    suggest,
)
from tests.advising.checks import check_plan, check_reasons
from tests.advising.engine_cases import (
    BY_SLUG,
    CATALOGUE,
    INDUSTRIES,
    POLICY,
    TODAY,
    _fmt,
)

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
