"""The persona suite's students, written as data (see personas.py, which makes them stored
students, `suggest_mix` documents and the listings they are advised from)."""

from __future__ import annotations

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
