"""`manage.py suggest_mix`: the JSON contract, and clear errors for bad input."""

import datetime
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
    stock_listings,
    today,
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

    assert set(data) == {"windows", "notes", "assumptions", "year_notes", "load"}
    assert [w["label"] for w in data["windows"]] == ["Spring term", "Summer"]
    spring, summer = data["windows"]
    assert set(spring) == {
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
        "max_engagements",
        "suggestions",
        "excluded",
        "notes",
    }
    assert (spring["weeks"], spring["weekly_hours"], spring["kind"]) == (14, 6, "term")
    assert (spring["capacity_hours"], spring["ceiling_hours"]) == (84, 58.8)
    assert (summer["kind"], summer["max_engagements"]) == ("break", 4)
    assert spring["suggestions"] and summer["suggestions"]
    for window in data["windows"]:
        assert window["planned_hours"] == sum(
            s["count"] * s["hours_each"] for s in window["suggestions"]
        )
        assert window["planned_hours"] <= window["ceiling_hours"]
        for suggestion in window["suggestions"]:
            assert set(suggestion) == {
                "format",
                "family",
                "count",
                "score",
                "hours_each",
                "weekly_hours",
                "weeks",
                "industries",
                "reasons",
                "notes",
                "opportunities",
            }
            assert suggestion["format"] in catalogue
            assert suggestion["family"] in {"internship", "micro", "hybrid"}
            assert suggestion["count"] >= 1
            assert 0 <= suggestion["score"] <= 1
            assert all(set(r) == {"criterion", "text"} for r in suggestion["reasons"])
    micro = next(s for s in spring["suggestions"] if s["format"] == "micro-internship")
    assert (micro["hours_each"], micro["weekly_hours"], micro["weeks"]) == (8, 4, 2)
    assert micro["opportunities"] == [
        {
            "id": listing.pk,
            "title": listing.title,
            "format": "micro-internship",
            "industry": "technology",
            "work_mode": "remote",
            "paid": True,
            "compensation": "fixed_fee",
            "weekly_hours_min": 2,
            "weekly_hours_max": 5,
            "weeks_max": 1,
            "total_hours": None,
            "deadline": listing.deadline.isoformat(),
        }
    ]
    internship = next(e for e in spring["excluded"] if e["format"] == "internship")
    assert set(internship) == {"format", "reason"}
    assert "10 h/week" in internship["reason"]
    assert data["assumptions"] == [
        "Whether you may take paid work not given: paid listings are included.",
        "Term time or break not given: Spring term as term time (from its name); Summer as a "
        "break (from its name). Say which in the profile.",
    ]
    assert any("You need paid work" in note for note in data["notes"])
    assert data["load"] == []  # no dates


def test_dates_kinds_commitments_and_the_year(tmp_path, catalogue):
    stock_listings(catalogue.values(), industries=("technology", "marketing"))
    monday = today() - datetime.timedelta(days=today().weekday())
    spring = (monday + datetime.timedelta(weeks=12), monday + datetime.timedelta(weeks=26, days=-3))
    summer = (monday + datetime.timedelta(weeks=30), monday + datetime.timedelta(weeks=40, days=-3))
    document = EXAMPLE | {
        "windows": [
            {
                "label": "Spring",
                "kind": "term",
                "weeks": 14,
                "weekly_hours": 20,
                "starts_on": spring[0].isoformat(),
                "ends_on": spring[1].isoformat(),
            },
            {
                "label": "Summer",
                "kind": "break",
                "weeks": 10,
                "weekly_hours": 40,
                "starts_on": summer[0].isoformat(),
                "ends_on": summer[1].isoformat(),
            },
        ],
        "career_clarity": "decided",
        "application_ready": True,
        "can_be_paid": True,
        "credit_ok": True,
        "commitments": [
            {
                "label": "Tutoring",
                "weekly_hours": 4,
                "starts_on": spring[0].isoformat(),
                "ends_on": spring[1].isoformat(),
            }
        ],
    }

    data = run(tmp_path, document)

    first, second = data["windows"]
    assert (first["starts_on"], first["ends_on"]) == (spring[0].isoformat(), spring[1].isoformat())
    assert first["committed_hours"] == 56  # 4 h/week for 14 weeks
    assert first["notes"][0].startswith("Already taking time here: Tutoring")
    assert data["load"][0] == {
        "starts_on": spring[0].isoformat(),
        "ends_on": (spring[1] + datetime.timedelta(days=2)).isoformat(),  # whole weeks
        "weeks": 14,
        "windows": ["Spring"],
        "stated_hours": 20,
        "ceiling_hours": 14,
        "committed_hours": 4,
        "planned_hours": data["load"][0]["planned_hours"],
        "warning": False,
    }
    assert data["load"][0]["planned_hours"] <= 10
    assert second["suggestions"][0]["format"] == "internship"
    apply_by = summer[0] - datetime.timedelta(weeks=8)
    assert (
        f"Apply for Summer's Internship by {apply_by.day} {apply_by:%b %Y}: formal applications "
        "close about 8 weeks before the start"
    ) in " ".join(data["year_notes"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "exams"}, r"windows\[0\]\.kind must be one of term, break"),
        ({"starts_on": "2027-01-11"}, r"windows\[0\] needs both starts_on and ends_on"),
        ({"starts_on": "11/01/2027", "ends_on": "2027-04-16"}, "YYYY-MM-DD"),
        ({"starts_on": "2027-04-16", "ends_on": "2027-01-11"}, "must not be before starts_on"),
    ],
)
def test_bad_window_dates_and_kinds_are_clear_errors(tmp_path, catalogue, change, message):
    window = {"label": "Spring", "weeks": 14, "weekly_hours": 10} | change
    with pytest.raises(CommandError, match=message):
        run(tmp_path, {"windows": [window]})


def test_a_student_who_may_not_be_paid_sees_no_paid_listing(tmp_path, catalogue):
    stock_listings(catalogue.values(), compensation=("hourly", "credit", "unpaid"))

    data = run(tmp_path, {"windows": [{"weeks": 10, "weekly_hours": 40}], "can_be_paid": False})

    shown = [o for w in data["windows"] for s in w["suggestions"] for o in s["opportunities"]]
    assert shown
    assert {o["compensation"] for o in shown} <= {"credit", "unpaid"}
    assert not any(o["paid"] for o in shown)


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
    stock_listings(catalogue.values())

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
    stock_listings(catalogue.values())
    profile = StudentProfileFactory(
        user=StudentFactory(email="Ada@uni.example.edu"),
        career_clarity="decided",
        application_ready=True,
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
            "compensation": None,
            "weekly_hours_min": None,
            "weekly_hours_max": None,
            "weeks_max": None,
            "total_hours": None,
            "deadline": None,
        }
    ]
