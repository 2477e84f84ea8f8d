"""The persona suite's students and the open listings they are advised from.

Each persona is the kind of student an experienced advisor sees, written as data: the answers of
the profile form, availability windows (weeks from today, so the suite never goes stale), the
exposure log and accepted recommendation lines. `stored_profile` makes one a stored student (the
pages' path: `advise_student`); `contract_document` writes one as a `suggest_mix --profile`
document (`bench/advice_quality.py` measures both the engine of this tree and an older one with
it). `seed_listings` makes the open listings: every seeded format in most industries, work modes
and kinds of pay, each in a light and a heavy version, with gaps an advisor meets in real
catalogues (no government internships, few engineering micro formats).

Only fields every version of the listing model has are set, so that the same listings can be
seeded under an older tree for a before/after measurement.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

# Industries with listings; "government" has none at all, "engineering" few short formats.
INDUSTRIES = (
    "engineering",
    "technology",
    "finance",
    "healthcare",
    "education",
    "marketing",
    "nonprofit",
)
ENGINEERING_SHORT = ("micro-internship", "project-based-micro-internship")
WORK_MODES = ("onsite", "remote", "hybrid")
PAY = ("hourly", "credit", "unpaid")


def term(label, weeks, hours, at, kind="term"):
    """A window starting `at` weeks from today (None: undated), `weeks` long."""
    return {"label": label, "weeks": weeks, "weekly_hours": hours, "kind": kind, "at": at}


def summer(weeks, hours, at, label="Summer"):
    return term(label, weeks, hours, at, "break")


def past(fmt, industry, hours, weeks_ago=30):
    return {"format": fmt, "industry": industry, "hours": hours, "weeks_ago": weeks_ago}


def ongoing(title, fmt, hours, *, started_weeks_ago=2, ends_in_weeks=10):
    """An experience under way: logged with its dates (a commitment of hours a week)."""
    return {
        "title": title,
        "format": fmt,
        "hours": hours,
        "started_weeks_ago": started_weeks_ago,
        "ends_in_weeks": ends_in_weeks,
    }


PERSONAS = [
    {
        "id": "decided-onsite-mechanical-engineer",
        "says": "A full-time engineering internship in summer, on site; a light term before it.",
        "profile": {
            "career_clarity": "decided",
            "learning_goal": "targeted",
            "target_industries": ["engineering"],
            "skills_to_build": ["cad"],
            "work_modes": ["onsite"],
            "needs_pay": True,
            "credit_ok": False,
            "application_ready": True,
            "networking_goal": "deep",
        },
        "windows": [term("Spring term", 14, 12, at=3), summer(10, 40, at=26)],
    },
    {
        "id": "international-student-cannot-be-paid",
        "says": "Never a paid listing (a visa rules pay out): credit or unpaid, said plainly.",
        "profile": {
            "career_clarity": "narrowing",
            "learning_goal": "targeted",
            "target_industries": ["finance", "technology"],
            "can_be_paid": False,
            "credit_ok": True,
            "application_ready": True,
        },
        "windows": [term("Spring term", 14, 15, at=3), summer(10, 20, at=26)],
    },
    {
        "id": "four-to-ten-hour-term",
        "says": "A busy term: at most three light, flexible engagements, well under the hours.",
        "profile": {"career_clarity": "exploring", "learning_goal": "broad"},
        "windows": [term("Fall term", 14, 6, at=2)],
    },
    {
        "id": "busy-term-ten-hours-exploring",
        "says": "Ten hours stated in term: a flashternship-sized plan, never ten hours of it.",
        "profile": {
            "career_clarity": "exploring",
            "learning_goal": "broad",
            "target_industries": ["marketing", "nonprofit"],
        },
        "windows": [term("Spring term", 14, 10, at=3)],
    },
    {
        "id": "overlapping-windows-55-hours",
        "says": "A summer job window and a summer window over the same weeks: planned together.",
        "profile": {"career_clarity": "narrowing", "learning_goal": "broad"},
        "windows": [
            summer(10, 30, at=26, label="Summer job"),
            summer(10, 25, at=27, label="Summer"),
        ],
    },
    {
        "id": "overlapping-windows-60-hours",
        "says": "Sixty hours a week stated across two windows: warned at the line.",
        "profile": {"career_clarity": "exploring", "learning_goal": "broad"},
        "windows": [
            term("Evening course", 12, 30, at=4),
            term("Spring term", 14, 30, at=3),
        ],
    },
    {
        "id": "career-changer",
        "says": "Internships in finance before; now decided on healthcare: an internship there.",
        "profile": {
            "career_clarity": "decided",
            "learning_goal": "broad",
            "target_industries": ["healthcare"],
            "application_ready": True,
        },
        "windows": [summer(10, 40, at=26)],
        "history": [past("internship", "finance", 480), past("internship", "finance", 300, 80)],
    },
    {
        "id": "first-year-no-history",
        "says": "Nothing done yet: a low-risk first try in a light term, more in the summer.",
        "profile": {"career_clarity": "exploring", "learning_goal": "broad"},
        "windows": [term("Spring term", 14, 8, at=3), summer(10, 30, at=26)],
    },
    {
        "id": "narrowing-full-summer-ready",
        "says": "Narrowing, ready to apply, a free summer: an internship to test the field.",
        "profile": {
            "career_clarity": "narrowing",
            "learning_goal": "broad",
            "target_industries": ["technology", "finance"],
            "application_ready": True,
        },
        "windows": [summer(10, 40, at=26)],
    },
    {
        "id": "decided-part-time-term",
        "says": "Decided and ready, 15 h/week in term: a part-time internship of 10 h/week.",
        "profile": {
            "career_clarity": "decided",
            "learning_goal": "broad",
            "target_industries": ["technology"],
            "application_ready": True,
        },
        "windows": [term("Spring term", 14, 15, at=3)],
    },
    {
        "id": "decided-not-ready",
        "says": "Decided but not ready to apply: a spring project to show, then the internship.",
        "profile": {
            "career_clarity": "decided",
            "learning_goal": "broad",
            "target_industries": ["marketing"],
            "skills_to_build": ["digital-marketing"],
            "application_ready": False,
        },
        "windows": [term("Spring term", 14, 12, at=3), summer(10, 40, at=26)],
    },
    {
        "id": "decided-eight-hour-term",
        "says": "Decided but 8 h/week in term: depth where time allows, not only tasks.",
        "profile": {
            "career_clarity": "decided",
            "learning_goal": "broad",
            "target_industries": ["education"],
        },
        "windows": [term("Fall term", 14, 8, at=2)],
    },
    {
        "id": "government-nothing-open",
        "says": "Aims at government, where nothing is open: said plainly, nearest shown.",
        "profile": {
            "career_clarity": "decided",
            "learning_goal": "broad",
            "target_industries": ["government"],
            "application_ready": True,
        },
        "windows": [summer(10, 40, at=26)],
    },
    {
        "id": "needs-pay-credit-unanswered",
        "says": "Needs pay, did not say whether credit will do: no credit-only listing.",
        "profile": {"career_clarity": "narrowing", "learning_goal": "broad", "needs_pay": True},
        "windows": [term("Spring term", 14, 15, at=3)],
    },
    {
        "id": "remote-only-caregiver",
        "says": "Remote only: remote listings, remote-only formats welcome.",
        "profile": {
            "career_clarity": "exploring",
            "learning_goal": "broad",
            "work_modes": ["remote"],
            "target_industries": ["nonprofit", "education"],
        },
        "windows": [term("Spring term", 14, 10, at=3)],
    },
    {
        "id": "exploring-winter-break",
        "says": "A three-week break, exploring: an experiential sprint is made for this.",
        "profile": {
            "career_clarity": "exploring",
            "learning_goal": "broad",
            "target_industries": ["healthcare", "technology", "education"],
        },
        "windows": [summer(3, 35, at=2, label="Winter break")],
    },
    {
        "id": "deep-internship-history",
        "says": "600 h of internships in finance, still narrowing between finance and marketing: "
        "breadth next, not a third internship.",
        "profile": {
            "career_clarity": "narrowing",
            "learning_goal": "broad",
            "target_industries": ["finance", "marketing"],
            "application_ready": True,
        },
        "windows": [summer(10, 40, at=26)],
        "history": [past("internship", "finance", 600)],
    },
    {
        "id": "micro-history-narrowing",
        "says": "Many short formats done: depth next, a hybrid or internship in the summer.",
        "profile": {
            "career_clarity": "narrowing",
            "learning_goal": "broad",
            "target_industries": ["marketing"],
            "application_ready": True,
        },
        "windows": [summer(10, 30, at=26)],
        "history": [
            past("micro-internship", "marketing", 30),
            past("nano-internship", "technology", 8),
            past("skill-burst-internship", "marketing", 20),
        ],
    },
    {
        "id": "zero-hour-internship-logged",
        "says": "An internship logged with 0 h is no internship experience (said through the "
        "suggest_mix contract: the exposure log refuses 0 h).",
        "path": "contract",
        "profile": {
            "career_clarity": "decided",
            "learning_goal": "broad",
            "target_industries": ["technology"],
            "application_ready": True,
        },
        "windows": [summer(10, 40, at=26)],
        "history": [past("internship", "technology", 0)],
    },
    {
        "id": "part-time-job-during-term",
        "says": "A job logged at 8 h/week through the term: the plan fits around it.",
        "profile": {"career_clarity": "exploring", "learning_goal": "broad"},
        "windows": [term("Spring term", 14, 20, at=1)],
        "ongoing": [ongoing("Campus job", None, 120, started_weeks_ago=1, ends_in_weeks=14)],
    },
    {
        "id": "accepted-recommendation-this-term",
        "says": "Already agreed to two nano-internships this term: the plan adds to that.",
        "profile": {"career_clarity": "exploring", "learning_goal": "broad"},
        "windows": [term("Spring term", 14, 10, at=3)],
        "accepted": [{"window": 0, "format": "nano-internship", "count": 2}],
    },
    {
        "id": "identical-terms",
        "says": "Two identical terms: the second tries something new.",
        "profile": {"career_clarity": "exploring", "learning_goal": "broad"},
        "windows": [term("Fall term", 14, 10, at=2), term("Spring term", 14, 10, at=20)],
    },
    {
        "id": "blank-profile-one-window",
        "says": "Only a window given: the defaults, said as assumptions.",
        "profile": {},
        "windows": [term("Semester", 15, 10, at=None, kind="")],
    },
    {
        "id": "summer-starts-soon",
        "says": "A summer internship starting in five weeks: apply now.",
        "profile": {
            "career_clarity": "decided",
            "learning_goal": "broad",
            "target_industries": ["healthcare"],
            "application_ready": True,
        },
        "windows": [summer(8, 40, at=5)],
    },
]


def window_dates(window: dict, today: datetime.date) -> tuple[datetime.date | None, ...]:
    if window["at"] is None:
        return None, None
    starts = today + datetime.timedelta(weeks=window["at"])
    return starts, starts + datetime.timedelta(days=round(window["weeks"] * 7) - 1)


def contract_document(persona: dict, today: datetime.date, *, older: bool = False) -> dict:
    """The persona as a `suggest_mix --profile` document. `older`: only what the contract
    accepted before issue 15 (no kinds, dates, paid-work answer or commitments)."""
    document = dict(persona["profile"])
    windows = []
    for window in persona["windows"]:
        item = {k: window[k] for k in ("label", "weeks", "weekly_hours")}
        starts, ends = window_dates(window, today)
        if not older:
            if window["kind"]:
                item["kind"] = window["kind"]
            if starts:
                item |= {"starts_on": starts.isoformat(), "ends_on": ends.isoformat()}
        windows.append(item)
    document["windows"] = windows
    document["history"] = [
        {k: p[k] for k in ("format", "industry", "hours")} for p in persona.get("history", [])
    ]
    if older:
        document.pop("can_be_paid", None)
    else:
        document["commitments"] = [
            {
                "label": o["title"],
                "weekly_hours": round(
                    o["hours"] / (o["started_weeks_ago"] + o["ends_in_weeks"]), 1
                ),
                "starts_on": (today - datetime.timedelta(weeks=o["started_weeks_ago"])).isoformat(),
                "ends_on": (today + datetime.timedelta(weeks=o["ends_in_weeks"])).isoformat(),
            }
            for o in persona.get("ongoing", [])
        ]
    return document


def stored_profile(persona: dict, today: datetime.date):
    """The persona as a stored student, as the profile form and the exposure log leave one."""
    from advising.models import (
        AvailabilityWindow,
        Experience,
        Recommendation,
        RecommendationItem,
        RecommendationStatus,
    )
    from opportunities.models import Format, Industry, Skill
    from tests.factories import StudentProfileFactory

    answers = dict(persona["profile"])
    industries = [Industry.objects.get(slug=s) for s in answers.pop("target_industries", [])]
    skills = [Skill.objects.get(slug=s) for s in answers.pop("skills_to_build", [])]
    profile = StudentProfileFactory(target_industries=industries, skills_to_build=skills, **answers)
    windows = []
    for window in persona["windows"]:
        starts, ends = window_dates(window, today)
        windows.append(
            AvailabilityWindow.objects.create(
                profile=profile,
                label=window["label"],
                kind=window["kind"],
                weeks=Decimal(str(window["weeks"])),
                weekly_hours=window["weekly_hours"],
                starts_on=starts,
                ends_on=ends,
            )
        )
    for p in persona.get("history", []):
        started = today - datetime.timedelta(weeks=p["weeks_ago"])
        Experience.objects.create(
            profile=profile,
            title=f"{p['format']} in {p['industry']}",
            organization_name="Somewhere",
            format=Format.objects.get(slug=p["format"]),
            industry=Industry.objects.get(slug=p["industry"]),
            hours=p["hours"],
            started_on=started,
            ended_on=started + datetime.timedelta(weeks=10),
        )
    for o in persona.get("ongoing", []):
        Experience.objects.create(
            profile=profile,
            title=o["title"],
            organization_name="Campus",
            format=Format.objects.get(slug=o["format"]) if o["format"] else None,
            hours=o["hours"],
            started_on=today - datetime.timedelta(weeks=o["started_weeks_ago"]),
            ended_on=today + datetime.timedelta(weeks=o["ends_in_weeks"]),
        )
    if persona.get("accepted"):
        recommendation = Recommendation.objects.create(
            profile=profile,
            next_step="Start with the first one.",
            status=RecommendationStatus.ACCEPTED,
            shared_at=timezone.now(),
            responded_at=timezone.now(),
        )
        for line in persona["accepted"]:
            window = windows[line["window"]]
            RecommendationItem.objects.create(
                recommendation=recommendation,
                window=window,
                window_label=window.label,
                format=Format.objects.get(slug=line["format"]),
                count=line["count"],
            )
    return profile


def seed_listings(today: datetime.date) -> int:
    """The open listings the personas are advised from (see the module's docstring)."""
    from opportunities.models import Format, Industry, Opportunity, Organization, Status

    organization, _ = Organization.objects.get_or_create(
        slug="persona-employer", defaults={"name": "Persona Employer"}
    )
    industries = {i.slug: i for i in Industry.objects.filter(slug__in=INDUSTRIES)}
    rows, n = [], 0
    for fmt in Format.objects.filter(is_active=True).order_by("display_order"):
        short = fmt.weeks_max <= 4
        for slug in INDUSTRIES:
            if (
                slug == "engineering"
                and fmt.family == "micro"
                and fmt.slug not in ENGINEERING_SHORT
            ):
                continue
            for mode in WORK_MODES:
                for pay in PAY:
                    for heavy in (False, True):
                        n += 1
                        weekly = int(fmt.weekly_hours_max if heavy else fmt.weekly_hours_min) or 1
                        rows.append(
                            Opportunity(
                                title=f"{fmt.name}, {slug}, {mode}, {pay}, {n}",
                                slug="persona-listing",
                                organization=organization,
                                format=fmt,
                                industry=industries[slug],
                                summary="A listing of the persona suite.",
                                description="Real work on a real project.",
                                work_mode=mode,
                                weekly_hours_min=weekly,
                                weekly_hours_max=max(weekly, int(fmt.weekly_hours_max)),
                                duration_weeks=None
                                if short
                                else (fmt.weeks_max if heavy else fmt.weeks_min),
                                total_hours=(
                                    int(fmt.total_hours_max if heavy else fmt.total_hours_min) or 1
                                )
                                if short
                                else None,
                                deadline=today + datetime.timedelta(days=10 + n % 100),
                                compensation_type=pay,
                                apply_url="https://apply.example.org/persona",
                                status=Status.PUBLISHED,
                                published_at=timezone.now(),
                            )
                        )
    Opportunity.objects.bulk_create(rows)
    return len(rows)
