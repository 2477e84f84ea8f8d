"""The engine rejects invalid input, and serialises a plan to JSON-ready data (no Django, no
database)."""

import dataclasses
import datetime
import json

import pytest

from advising.engine import (
    Commitment,
    EngineError,
    PastExperience,
    Window,
    fits,
    plan_to_dict,
    suggest,
)
from tests.advising.engine_cases import (
    CATALOGUE,
    INDUSTRIES,
    POLICY,
    SPRING,
    SUMMER,
    TODAY,
    plan,
    profile,
)

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
