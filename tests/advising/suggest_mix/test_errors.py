"""`manage.py suggest_mix`: clear errors for bad input, and a run in a real process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from tests.advising.suggest_mix.example import EXAMPLE, run
from tests.factories import (
    StudentFactory,
)

pytestmark = pytest.mark.django_db


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
        pytest.param(
            EXAMPLE | {"can_be_paid": "no"}, "can_be_paid must be true or false", id="paid-flag"
        ),
        pytest.param(
            EXAMPLE | {"commitments": [{"weekly_hours": 5}]},
            r"commitments\[0\] needs both starts_on and ends_on",
            id="undated-commitment",
        ),
        pytest.param(
            EXAMPLE | {"commitments": {"weekly_hours": 5}},
            "commitments must be a list",
            id="commitments-not-a-list",
        ),
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
