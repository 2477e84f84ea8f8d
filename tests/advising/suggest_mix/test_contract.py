"""`manage.py suggest_mix`: the JSON contract."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from opportunities.models import Format
from tests.advising.suggest_mix.example import EXAMPLE, run
from tests.factories import (
    AvailabilityWindowFactory,
    IndustryFactory,
    OpportunityFactory,
    StudentFactory,
    StudentProfileFactory,
    stock_listings,
    today,
)

pytestmark = pytest.mark.django_db


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
