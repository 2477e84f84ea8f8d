"""`manage.py suggest_mix`: the JSON contract, and clear errors for bad input."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from opportunities.models import Format
from tests.factories import (
    AvailabilityWindowFactory,
    IndustryFactory,
    OpportunityFactory,
    SkillFactory,
    StudentFactory,
    StudentProfileFactory,
    create_catalogue,
)

pytestmark = pytest.mark.django_db

EXAMPLE = {
    "windows": [
        {"label": "Spring term", "weeks": 14, "weekly_hours": 6},
        {"label": "Summer", "weeks": 10, "weekly_hours": 40},
    ],
    "career_clarity": "exploring",
    "learning_goal": "broad",
    "target_industries": ["technology", "marketing"],
    "skills_to_build": ["data-analysis"],
    "needs_pay": True,
    "credit_ok": False,
    "work_modes": ["remote", "hybrid", "onsite"],
    "networking_goal": "broad",
    "application_ready": False,
    "history": [{"format": "internship", "industry": "finance", "hours": 400}],
}


@pytest.fixture
def catalogue(db):
    formats = create_catalogue()
    for slug in ("technology", "marketing", "finance"):
        IndustryFactory(slug=slug)
    SkillFactory(slug="data-analysis")
    return formats


def run(tmp_path, document, *extra):
    path = tmp_path / "profile.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    out = StringIO()
    call_command("suggest_mix", "--profile", str(path), *extra, stdout=out)
    return json.loads(out.getvalue())


def test_the_output_follows_the_contract(tmp_path, catalogue):
    technology = IndustryFactory(slug="technology")
    listing = OpportunityFactory(
        format=catalogue["micro-internship"],
        industry=technology,
        compensation_type="fixed_fee",
        work_mode="remote",
        weekly_hours_min=2,
        weekly_hours_max=5,
        duration_weeks=1,
    )

    data = run(tmp_path, EXAMPLE)

    assert set(data) == {"windows"}
    assert [w["label"] for w in data["windows"]] == ["Spring term", "Summer"]
    spring, summer = data["windows"]
    assert set(spring) == {"label", "weeks", "weekly_hours", "suggestions", "excluded"}
    assert (spring["weeks"], spring["weekly_hours"]) == (14, 6)
    assert spring["suggestions"] and summer["suggestions"]
    for window in data["windows"]:
        for suggestion in window["suggestions"]:
            assert set(suggestion) == {
                "format",
                "family",
                "count",
                "score",
                "reasons",
                "opportunities",
            }
            assert suggestion["format"] in catalogue
            assert suggestion["family"] in {"internship", "micro", "hybrid"}
            assert suggestion["count"] >= 1
            assert 0 <= suggestion["score"] <= 1
            assert all(set(r) == {"criterion", "text"} for r in suggestion["reasons"])
    micro = next(s for s in spring["suggestions"] if s["format"] == "micro-internship")
    assert micro["opportunities"] == [
        {
            "id": listing.pk,
            "title": listing.title,
            "format": "micro-internship",
            "industry": "technology",
            "work_mode": "remote",
            "paid": True,
            "weekly_hours_max": 5,
            "weeks_max": 1,
            "deadline": listing.deadline.isoformat(),
        }
    ]
    internship = next(e for e in spring["excluded"] if e["format"] == "internship")
    assert set(internship) == {"format", "reason"}
    assert "10 h/week" in internship["reason"]


def test_excluded_names_every_active_format_that_does_not_fit(tmp_path, catalogue):
    Format.objects.filter(slug="flashternship").update(is_active=False)
    document = EXAMPLE | {
        "windows": [
            {"label": "Exams", "weeks": 2, "weekly_hours": 0},
            {"label": "Busy", "weeks": 14, "weekly_hours": 6},
        ]
    }

    exams, busy = run(tmp_path, document)["windows"]

    active = set(catalogue) - {"flashternship"}
    assert exams["suggestions"] == []
    assert {e["format"] for e in exams["excluded"]} == active
    suggested = {s["format"] for s in busy["suggestions"]}
    excluded = {e["format"] for e in busy["excluded"]}
    assert suggested | excluded <= active
    assert not suggested & excluded
    assert {"internship", "modular-internship"} <= excluded


def test_windows_keep_the_input_order_and_labels(tmp_path, catalogue):
    labels = ["Summer", "Winter break", "Spring"]
    windows = [
        {"label": label, "weeks": 4 + i, "weekly_hours": 10} for i, label in enumerate(labels)
    ]

    data = run(tmp_path, {"windows": windows})

    assert [w["label"] for w in data["windows"]] == labels


def test_a_minimal_profile_uses_the_defaults(tmp_path, catalogue):
    data = run(tmp_path, {"windows": [{"weeks": 3, "weekly_hours": 10}]})

    assert data["windows"][0]["label"] == "Window 1"
    assert data["windows"][0]["suggestions"]


def test_limit_caps_the_listings(tmp_path, catalogue):
    for _ in range(3):
        OpportunityFactory(format=catalogue["micro-internship"], weekly_hours_min=2)

    spring = run(tmp_path, EXAMPLE, "--limit", "1")["windows"][0]

    micro = next(s for s in spring["suggestions"] if s["format"] == "micro-internship")
    assert len(micro["opportunities"]) == 1


def test_a_stored_student(catalogue):
    profile = StudentProfileFactory(
        user=StudentFactory(email="Ada@uni.example.edu"), career_clarity="decided"
    )
    AvailabilityWindowFactory(profile=profile, label="Summer", weeks=10, weekly_hours=40)
    out = StringIO()

    call_command("suggest_mix", "--student", "ada@uni.example.edu", stdout=out)

    (summer,) = json.loads(out.getvalue())["windows"]
    assert (summer["label"], summer["weeks"], summer["weekly_hours"]) == ("Summer", 10, 40)
    assert summer["suggestions"][0]["family"] == "internship"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        pytest.param("{not json", "is not valid JSON", id="bad-json"),
        pytest.param("[]", "must be a JSON object", id="not-an-object"),
        pytest.param(
            {"career_clarity": "exploring"}, "windows must be a non-empty list", id="no-windows"
        ),
        pytest.param(
            {"windows": [{"label": "T", "weekly_hours": 5}]},
            r"windows\[0\]\.weeks is missing",
            id="missing-weeks",
        ),
        pytest.param(
            {"windows": [{"weeks": -2, "weekly_hours": 5}]},
            r"windows\[0\]\.weeks must not be negative",
            id="negative-weeks",
        ),
        pytest.param(
            {"windows": [{"weeks": "ten", "weekly_hours": 5}]}, "must be a number", id="text-weeks"
        ),
        pytest.param(
            {"windows": [{"weeks": 4, "weekly_hours": 61}]}, "at most 60", id="too-many-hours"
        ),
        pytest.param(
            EXAMPLE | {"career_clarity": "certain"},
            "career_clarity must be one of exploring, narrowing, decided",
            id="unknown-clarity",
        ),
        pytest.param(
            EXAMPLE | {"needs_pay": "yes"}, "needs_pay must be true or false", id="not-a-boolean"
        ),
        pytest.param(
            EXAMPLE | {"work_modes": ["moon"]},
            "work_modes must be a non-empty list",
            id="unknown-mode",
        ),
        pytest.param(
            EXAMPLE | {"target_industries": ["technology", "astrology"]},
            "unknown industry: astrology",
            id="unknown-industry",
        ),
        pytest.param(
            EXAMPLE | {"skills_to_build": ["juggling"]},
            "unknown skill: juggling",
            id="unknown-skill",
        ),
        pytest.param(
            EXAMPLE | {"history": [{"format": "apprenticeship", "hours": 10}]},
            "unknown format in history: apprenticeship",
            id="unknown-history-format",
        ),
        pytest.param(
            EXAMPLE | {"history": [{"format": "internship", "industry": "astrology", "hours": 10}]},
            "unknown industry: astrology",
            id="unknown-history-industry",
        ),
        pytest.param(
            EXAMPLE | {"history": [{"format": "internship", "hours": -1}]},
            r"history\[0\]\.hours",
            id="negative-history-hours",
        ),
        pytest.param(EXAMPLE | {"weekly_hour": 5}, "unknown field", id="typo-in-a-key"),
    ],
)
def test_bad_input_is_a_clear_command_error(tmp_path, catalogue, document, message):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, document)


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("suggest_mix", "--profile", str(tmp_path / "nowhere.json"))


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("nobody@uni.example.edu", "no user with the e-mail address"),
        (None, "has no student profile"),
    ],
)
def test_an_unknown_student_is_a_command_error(email, message):
    email = email or StudentFactory().email
    with pytest.raises(CommandError, match=message):
        call_command("suggest_mix", "--student", email)


def test_the_limit_is_checked(tmp_path, catalogue):
    with pytest.raises(CommandError, match="--limit must be between 0 and 50"):
        run(tmp_path, EXAMPLE, "--limit", "500")


# --- from outside: a real process ---------------------------------------------------------------


def manage(*args, database):
    env = os.environ | {"DEBUG": "1", "DATABASE_URL": database}
    return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_from_a_real_process(tmp_path):
    """Exit status 0 and JSON on stdout; bad input: status 1, one line on stderr, no traceback."""
    database = f"sqlite:///{tmp_path / 'outside.sqlite3'}"
    assert manage("migrate", "--noinput", database=database).returncode == 0
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"windows": [{"label": "Summer", "weeks": 10, "weekly_hours": 40}]}))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"windows": [{"label": "Summer", "weeks": -10, "weekly_hours": 40}]}))

    ok = manage("suggest_mix", "--profile", str(good), database=database)
    failed = manage("suggest_mix", "--profile", str(bad), database=database)

    assert ok.returncode == 0, ok.stderr
    assert [w["label"] for w in json.loads(ok.stdout)["windows"]] == ["Summer"]
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert failed.stderr.strip().splitlines() == [
        f"CommandError: {bad}: windows[0].weeks must not be negative; got -10"
    ]
    assert Path(tmp_path / "outside.sqlite3").exists()


def test_a_fact_the_listing_does_not_state_is_null_under_the_same_keys(tmp_path, catalogue):
    listing = OpportunityFactory(format=catalogue["micro-internship"], unstated=True, industry=None)
    document = EXAMPLE | {"needs_pay": False, "work_modes": ["remote", "hybrid", "onsite"]}

    data = run(tmp_path, document)

    spring = data["windows"][0]
    micro = next(s for s in spring["suggestions"] if s["format"] == "micro-internship")
    assert micro["opportunities"] == [
        {
            "id": listing.pk,
            "title": listing.title,
            "format": "micro-internship",
            "industry": None,
            "work_mode": None,
            "paid": None,
            "weekly_hours_max": None,
            "weeks_max": None,
            "deadline": None,
        }
    ]
