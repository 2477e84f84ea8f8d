"""Rows in, engine inputs out: what the pure suggestion engine (`engine.py`) is told about the
active formats (`catalogue`, read from the rows each process keeps in `opportunities.catalogue`)
and about a student (`engine_profile`, from a stored profile; `what_if`, the same with some
answers replaced, nothing saved). `load_student` reads a whole profile in three queries and
stores its relations on the instance as if prefetched (the four link tables and the accepted
recommendation lines in one UNION ALL of ids, see `fastpath`), so the pages and the suggestion
read none of them again. Industries and skills reach the engine by *name* (names are
unique, and the engine quotes them in its reasons); `StudentInputs` keeps their ids for the
listing match (`matching.py`). Profiles may be incomplete: what the engine assumes for a missing
answer is listed in `DEFAULTS` and reported with the inputs (`StudentInputs.assumptions`), so a
page can say what was assumed.

What the student is already committed to reaches the engine as `engine.Commitment`s: each
experience of the log that is under way or planned (its hours spread over its dates; one with no
end date is assumed to last its format's typical weeks, `ongoing_until`), and each line of an
accepted recommendation that names a window (booked at its format's slot there).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from opportunities import catalogue as opportunity_catalogue

from . import engine, fastpath
from .models import (
    AvailabilityWindow,
    Experience,
    RecommendationStatus,
    StudentProfile,
)

# What the engine assumes when a profile leaves a question unanswered, and how the page says so.
DEFAULTS: dict[str, tuple[object, str]] = {
    "career_clarity": (
        "exploring",
        "Career direction not given: treated as exploring (several short formats first).",
    ),
    "learning_goal": ("broad", "Learning goal not given: treated as broad."),
    "networking_goal": ("broad", "Networking goal not given: treated as a broad network."),
    "needs_pay": (False, "Need for pay not given: unpaid listings are included."),
    "credit_ok": (True, "Academic credit not ruled out: credit-bearing listings are included."),
    "can_be_paid": (True, "Whether you may take paid work not given: paid listings are included."),
    "work_modes": (
        engine.WORK_MODES,
        "Work modes not given: on-site, remote and hybrid listings are all included.",
    ),
    "application_ready": (
        False,
        "Readiness for a formal application not given: treated as not ready yet.",
    ),
}
# A student who needs pay and has not said whether credit will do gets no credit-only listings:
# showing them would offer unpaid work to someone who said they need paid work.
CREDIT_UNANSWERED_NEEDS_PAY = (
    "Need paid work, and academic credit not answered: credit-only listings are left out."
)
NO_WINDOWS = "No availability windows yet: add one (weeks and hours per week) to get a suggestion."
# Dated windows in date order, then undated ones in the order they were added, on every database.
WINDOW_ORDER = (F("starts_on").asc(nulls_last=True), "id")
WHAT_IF_FIELDS = frozenset(f.name for f in dataclasses.fields(engine.StudentProfile))
# Words that say what a window is when the student did not (a term word wins: "Winter term").
TERM_WORDS = ("term", "semester", "quarter", "trimester", "session")
BREAK_WORDS = ("summer", "break", "holiday", "vacation", "winter", "intersession", "recess")
SUMMER_MONTHS = (6, 7, 8)
# An experience logged without an end date lasts this many weeks from today at least.
ONGOING_WEEKS = 4


@dataclass(frozen=True)
class ActiveFormats:
    """The active formats as engine specs, with the database id of each slug."""

    specs: tuple[engine.FormatSpec, ...]
    ids: Mapping[str, int]


@dataclass(frozen=True)
class StudentInputs:
    """An engine profile plus what the SQL side needs to match listings to it."""

    profile: engine.StudentProfile
    industry_ids: Mapping[str, int]  # name -> id, for the target industries
    skill_ids: tuple[int, ...]  # the skills to build
    window_ids: tuple[int | None, ...] = ()  # the stored window behind each engine window
    assumptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Loaded:
    """What `load_student` read besides the relations it stored on the profile."""

    experiences: list[Experience]  # newest first, with format and industry
    experience_skills: dict[int, set[int]]  # experience id -> skill ids
    accepted: tuple[tuple[int, int, int], ...]  # accepted lines: (window id, format id, count)


_SPEC_FIELDS = tuple(f.name for f in dataclasses.fields(engine.FormatSpec))


def _spec_value(value):
    if isinstance(value, Decimal):
        return float(value)
    return tuple(value) if isinstance(value, list) else value


def catalogue() -> ActiveFormats:
    """The active formats, from the rows each process keeps (`opportunities.catalogue`)."""
    specs, ids = [], {}
    for fmt in opportunity_catalogue.current().formats:
        ids[fmt.slug] = fmt.pk
        specs.append(
            engine.FormatSpec(**{name: _spec_value(getattr(fmt, name)) for name in _SPEC_FIELDS})
        )
    return ActiveFormats(tuple(specs), ids)


def format_specs() -> tuple[engine.FormatSpec, ...]:
    """The active formats as the engine sees them (criteria are read from the rows)."""
    return catalogue().specs


def window_order_key(window: AvailabilityWindow):
    """`WINDOW_ORDER` in Python: dated windows by date, then undated ones, each by id."""
    return (window.starts_on is None, window.starts_on or datetime.date.min, window.pk)


def window_kind(window: AvailabilityWindow) -> tuple[str, str | None]:
    """Whether `window` is term time or a break, and from what: None when the student said so,
    else "its name" or "its dates" (a window the student did not describe is term time)."""
    if window.kind:
        return window.kind, None
    words = window.label.lower().replace("-", " ").split()
    if any(word.startswith(TERM_WORDS) for word in words):
        return "term", "its name"
    if any(word.startswith(BREAK_WORDS) for word in words):
        return "break", "its name"
    if window.starts_on and window.ends_on:
        days = (window.ends_on - window.starts_on).days + 1
        summer = sum(
            (window.starts_on + datetime.timedelta(days=k)).month in SUMMER_MONTHS
            for k in range(min(days, 400))
        )
        if 2 * summer >= days:
            return "break", "its dates"
        return "term", "its dates"
    return "term", "nothing said"


def load_student(profile: StudentProfile) -> Loaded:
    """The profile's windows, industries, skills, experiences and accepted recommendation lines
    in three queries.

    Windows and the experiences (with format and industry) are one query each; the four link
    tables (target industries, skills, skills to build, each experience's skills) and the
    accepted lines are read in one UNION ALL of ids (`fastpath.links_sql`), named from the catalogue
    each process keeps. The relations are stored on `profile` as if prefetched, so the
    completeness check, the windows table and the suggestion (`advise_student`) read none of
    them again.
    """
    fastpath.store_prefetched(
        profile, "windows", AvailabilityWindow.objects.filter(profile=profile)
    )
    experiences = list(profile.experiences.select_related("format", "industry"))
    db = StudentProfile.objects.db
    rows = fastpath.run(
        db, fastpath.links_sql(db), [profile.pk] * 5 + [RecommendationStatus.ACCEPTED]
    )
    cat = opportunity_catalogue.current()
    wanted = {("i" if kind == 1 else "s", pk) for kind, _, pk, _ in rows if kind < 4}
    if any(pk not in (cat.industries_by_id if k == "i" else cat.skills_by_id) for k, pk in wanted):
        # A row added in another process since this one read the catalogue.
        opportunity_catalogue.clear()
        cat = opportunity_catalogue.current()
    by_kind: dict[int, list] = {1: [], 2: [], 3: []}
    experience_skills: dict[int, set[int]] = {}
    accepted = []
    for kind, owner, pk, count in rows:
        if kind == 4:
            experience_skills.setdefault(owner, set()).add(pk)
        elif kind == 5:
            accepted.append((owner, pk, count))
        else:
            row = (cat.industries_by_id if kind == 1 else cat.skills_by_id).get(pk)
            if row is not None:
                by_kind[kind].append(row)
    for kind, name in ((1, "target_industries"), (2, "skills"), (3, "skills_to_build")):
        fastpath.store_prefetched(profile, name, sorted(by_kind[kind], key=lambda row: row.name))
    return Loaded(experiences, experience_skills, tuple(sorted(accepted)))


def ongoing_until(experience: Experience, today: datetime.date) -> datetime.date:
    """The last day an experience logged without an end date is assumed to take time: its
    format's typical weeks from its start, and at least `ONGOING_WEEKS` from today."""
    weeks = ONGOING_WEEKS
    if experience.format_id is not None:
        weeks = float(experience.format.weeks_min + experience.format.weeks_max) / 2
    assumed = experience.started_on + datetime.timedelta(weeks=weeks)
    return max(assumed, today + datetime.timedelta(weeks=ONGOING_WEEKS))


def _commitments(
    experiences: Sequence[Experience],
    accepted: Sequence[tuple[int, int, int]],
    windows: Sequence[AvailabilityWindow],
    cat: ActiveFormats,
    today: datetime.date,
) -> tuple[list[engine.Commitment], list[str]]:
    """The engine's commitments from the log and the accepted lines, and what was assumed."""
    commitments, assumed = [], []
    for e in sorted(experiences, key=lambda e: (e.started_on, e.pk)):
        if e.ended_on is not None and e.ended_on < today:
            continue
        ends = e.ended_on
        if ends is None:
            ends = ongoing_until(e, today)
            assumed.append(f"“{e.title}” has no end date: counted until {ends:%d %b %Y}.")
        weeks = max(1.0, ((ends - e.started_on).days + 1) / 7)
        weekly = min(engine.MAX_WEEKLY_HOURS, e.hours / weeks)
        commitments.append(
            engine.Commitment(f"“{e.title}” (your log)", round(weekly, 1), e.started_on, ends)
        )
    index = {w.pk: i for i, w in enumerate(windows)}
    slug_of = {pk: slug for slug, pk in cat.ids.items()}
    names = {spec.slug: spec.name for spec in cat.specs}
    for window_id, format_id, count in accepted:
        slug = slug_of.get(format_id)
        if window_id in index and slug is not None:
            commitments.append(
                engine.Commitment(
                    f"{count} × {names[slug]} (accepted recommendation)",
                    window=index[window_id],
                    format=slug,
                    count=count,
                )
            )
    return commitments, assumed


def assume_defaults(answers: dict[str, object]) -> list[str]:
    """Fill in the answers left None (`DEFAULTS`; no credit-only listings for a student who
    needs pay and did not say whether credit will do), and say what was assumed."""
    assumptions = []
    if answers["needs_pay"] and answers["credit_ok"] is None:
        answers["credit_ok"] = False
        assumptions.append(CREDIT_UNANSWERED_NEEDS_PAY)
    for field, value in answers.items():
        if value is None:
            answers[field], note = DEFAULTS[field]
            assumptions.append(note)
    return assumptions


def kinds_note(guessed: Sequence[tuple[str, str, str]]) -> str | None:
    """What the page says about windows whose kind was worked out: (label, kind, from what)."""
    if not guessed:
        return None
    said = "; ".join(
        f"{label} as {'term time' if kind == 'term' else 'a break'}"
        + (f" (from {source})" if source != "nothing said" else "")
        for label, kind, source in guessed
    )
    return f"Term time or break not given: {said}. Say which in the profile."


def engine_profile(
    profile: StudentProfile,
    overrides: Mapping[str, object] | None = None,
    *,
    today: datetime.date | None = None,
    loaded: Loaded | None = None,
    cat: ActiveFormats | None = None,
) -> StudentInputs:
    """What the engine needs to know about `profile`, from what `load_student` read (it is
    called when `loaded` is not given: three queries).

    `overrides` replaces engine fields for a what-if (e.g. ``{"windows": (...),
    "career_clarity": "decided"}``); nothing is saved. History is the experiences that have
    started by `today`, with a format (one without a format cannot count towards a family);
    commitments are those under way or planned, and the accepted recommendation lines.
    """
    today = today or timezone.localdate()
    loaded = loaded or load_student(profile)
    cat = cat or catalogue()
    windows = sorted(profile.windows.all(), key=window_order_key)
    industries = {i.name: i.pk for i in profile.target_industries.all()}
    skills = {s.name: s.pk for s in profile.skills_to_build.all()}
    counted = sorted(
        (e for e in loaded.experiences if e.started_on <= today and e.format_id is not None),
        key=lambda e: (e.started_on, e.pk),
    )
    history = [
        engine.PastExperience(
            e.format.slug, e.industry.name if e.industry_id else None, float(e.hours)
        )
        for e in counted
    ]
    answers = {
        "career_clarity": profile.career_clarity or None,
        "learning_goal": profile.learning_goal or None,
        "networking_goal": profile.networking_goal or None,
        "needs_pay": profile.needs_pay,
        "credit_ok": profile.credit_ok,
        "can_be_paid": profile.can_be_paid,
        "work_modes": tuple(m for m in engine.WORK_MODES if m in profile.accepted_work_modes)
        or None,
        "application_ready": profile.application_ready,
    }
    assumptions = assume_defaults(answers)
    if not windows:
        assumptions.append(NO_WINDOWS)
    kinds = [window_kind(w) for w in windows]
    note = kinds_note(
        [(w.label, *kind) for w, kind in zip(windows, kinds, strict=True) if not w.kind]
    )
    if note:
        assumptions.append(note)
    commitments, assumed = _commitments(loaded.experiences, loaded.accepted, windows, cat, today)
    assumptions.extend(assumed)
    student = engine.StudentProfile(
        windows=tuple(
            engine.Window(
                w.label,
                float(w.weeks),
                float(w.weekly_hours),
                kind,
                w.starts_on if w.ends_on else None,
                w.ends_on if w.starts_on else None,
            )
            for w, (kind, _) in zip(windows, kinds, strict=True)
        ),
        target_industries=tuple(industries),
        skills_to_build=tuple(skills),
        history=tuple(history),
        commitments=tuple(commitments),
        **answers,
    )
    inputs = StudentInputs(
        student,
        industries,
        tuple(skills.values()),
        tuple(w.pk for w in windows),
        tuple(assumptions),
    )
    return what_if(inputs, overrides) if overrides else inputs


def what_if(inputs: StudentInputs, overrides: Mapping[str, object]) -> StudentInputs:
    """`inputs` with some engine fields replaced, e.g. other weekly hours; nothing is saved."""
    unknown = set(overrides) - WHAT_IF_FIELDS
    if unknown:
        raise engine.EngineError(f"unknown profile fields: {', '.join(sorted(unknown))}")
    student = dataclasses.replace(inputs.profile, **overrides)
    # A what-if keeps the stored windows in their order; extra ones have no row behind them.
    ids = inputs.window_ids
    window_ids = tuple(ids[i] if i < len(ids) else None for i in range(len(student.windows)))
    # Accepted lines belong to stored windows: those beyond the what-if's windows drop out.
    kept = tuple(
        c for c in student.commitments if c.window is None or c.window < len(student.windows)
    )
    student = dataclasses.replace(student, commitments=kept)
    return dataclasses.replace(inputs, profile=student, window_ids=window_ids)
