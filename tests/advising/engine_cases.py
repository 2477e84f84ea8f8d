"""The engine tests' shared cases: the reference's catalogue, the seeded policy, and helpers
that plan a student and check the plan (tests/advising/checks.py)."""

import dataclasses
import datetime

from advising.engine import (
    FormatSpec,
    Policy,
    StudentProfile,
    Supply,
    Window,
    slots,
    suggest,
)
from tests.advising.checks import check_plan, check_reasons


def _fmt(slug, name, family, weeks, weekly, total, scales, pay, network, order):
    """A FormatSpec from compact tuples: scales = (flexibility, depth, scope, application)."""
    flexibility, depth, scope, application = scales
    numbers = (*weeks, *weekly, *total, flexibility, depth, scope, application)
    return FormatSpec(slug, name, family, *numbers, pay, network, order)


# fmt: off
# The twelve formats of the reference, with ranges read from its text. Columns: weeks, h/week,
# total hours, (schedule flexibility, exposure depth, learning scope, application process).
CATALOGUE = (
    # several weeks to months, fixed schedule, in-depth, formal, paid or credit, deep contacts
    _fmt("internship", "Internship", "internship", (6, 26), (10, 40), (60, 1040),
         (1, 3, 3, 3), "paid_or_credit", "deep", 10),
    # a few hours to a couple of weeks, flexible, targeted task, platform-based, paid per task
    _fmt("micro-internship", "Micro-internship", "micro", (0.1, 2), (2, 20), (5, 40),
         (3, 1, 1, 1), "per_task", "broad", 20),
    # gig-style assignments combining both: flexible, focused projects
    _fmt("gigternship", "Gigternship", "hybrid", (1, 8), (5, 20), (10, 120),
         (3, 2, 2, 1), "per_task", "mixed", 30),
    # focused, immersive projects lasting a few days to weeks
    _fmt("experiential-sprint", "Experiential sprint", "micro", (0.4, 3), (10, 30), (10, 60),
         (2, 2, 1, 2), "paid", "broad", 40),
    # portfolio pieces and skill validation, short and flexible
    _fmt("project-based-micro-internship", "Project-based micro-internship", "micro", (0.5, 4),
         (3, 15), (10, 50), (3, 2, 1, 1), "per_task", "broad", 50),
    # fits busy academic schedules: very few hours a week
    _fmt("flashternship", "Flashternship", "micro", (0.2, 2), (1, 6), (3, 15),
         (3, 1, 1, 1), "per_task", "broad", 60),
    # ultra-short: a few hours
    _fmt("nano-internship", "Nano-internship", "micro", (0.1, 0.5), (2, 10), (2, 8),
         (3, 1, 1, 1), "per_task", "broad", 70),
    # concise, measurable tasks
    _fmt("skill-burst-internship", "Skill-burst internship", "micro", (0.2, 1), (4, 20), (4, 20),
         (3, 1, 1, 1), "per_task", "broad", 80),
    # remote, with many different companies, versatile portfolio
    _fmt("remote-micro-engagement", "Remote micro-engagement", "micro", (0.1, 3), (2, 15),
         (5, 40), (3, 1, 2, 1), "per_task", "broad", 90),
    # an internship's depth with a micro-internship's agility, several industries
    _fmt("flexternship", "Flexternship", "hybrid", (4, 12), (5, 15), (20, 180),
         (3, 2, 2, 2), "paid", "mixed", 100),
    # short modules adding up to comprehensive exposure
    _fmt("modular-internship", "Modular internship", "hybrid", (2, 16), (8, 20), (20, 320),
         (2, 2, 3, 2), "paid_or_credit", "mixed", 110),
    # short, aligned with an immediate learning need, deeper than a micro-internship
    _fmt("just-in-time-internship", "Just-in-time internship", "hybrid", (1, 4), (10, 25),
         (10, 100), (2, 2, 2, 2), "paid", "mixed", 120),
)
# fmt: on
# What sets the short formats apart (the seeded data, migration 0008 of opportunities).
MADE_FOR = {
    "experiential-sprint": "break",
    "flashternship": "busy_term",
    "nano-internship": "first_try",
    "skill-burst-internship": "proof_of_skill",
    "project-based-micro-internship": "proof_of_skill",
}
CATALOGUE = tuple(
    dataclasses.replace(
        fmt,
        made_for=MADE_FOR.get(fmt.slug, ""),
        work_modes=("remote",) if fmt.slug == "remote-micro-engagement" else fmt.work_modes,
    )
    for fmt in CATALOGUE
)
# The seeded advising policy (advising migration 0004), as the engine takes it.
POLICY = Policy(
    term_load_share=0.7,
    break_load_share=0.9,
    term_max_engagements=3,
    break_max_engagements=4,
    weekly_load_warning=60.0,
    full_time_weekly_hours=30.0,
    busy_weekly_hours=10.0,
    application_lead_weeks=8.0,
    depth_history_hours=120.0,
    breadth_history_hours=20.0,
)
BY_SLUG = {fmt.slug: fmt for fmt in CATALOGUE}
INDUSTRIES = ("Finance", "Health", "Media")
TODAY = datetime.date(2027, 1, 4)  # a Monday


def profile(*windows, clarity="narrowing", goal="targeted", **extra):
    windows = tuple(w if isinstance(w, Window) else Window(*w) for w in windows)
    return StudentProfile(windows, clarity, goal, **extra)


def plan(student, formats=CATALOGUE, policy=POLICY, **options):
    """The engine's plan, checked against what an advisor signs for and every reason against
    the plan (tests/advising/checks.py)."""
    result = suggest(student, formats, policy, **options)
    check_plan(student, formats, policy, result, options.get("supply"))
    check_reasons(student, formats, policy, result)
    return result


def plenty(student, formats=CATALOGUE, policy=POLICY, n=10):
    """Open listings for every slot, all in the student's target industries."""
    names = student.target_industries
    return {
        key: Supply(n, n if names else 0, tuple((name, n) for name in names))
        for key in slots(student, formats, policy)
    }


def reasons_of(suggestion, criterion):
    return [r for r in suggestion.reasons if r.criterion == criterion]


def formats_of(window_plan):
    return [s.format for s in window_plan.suggestions]


def dated(label, start, end, hours, kind="term"):
    weeks = ((end - start).days + 1) / 7
    return Window(label, round(weeks, 1), hours, kind, start, end)


SPRING = dated("Spring", datetime.date(2027, 1, 11), datetime.date(2027, 4, 16), 20)
SUMMER = dated("Summer", datetime.date(2027, 6, 7), datetime.date(2027, 8, 13), 40, "break")
