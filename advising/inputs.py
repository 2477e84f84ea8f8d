"""Rows in, engine inputs out: what the pure suggestion engine (`engine.py`) is told about the
active formats (`catalogue`, read from the rows each process keeps in `opportunities.catalogue`)
and about a student (`engine_profile`, from a stored profile; `what_if`, the same with some
answers replaced, nothing saved). `load_student` reads a whole profile in three queries and
stores its relations on the instance as if prefetched (`_prefill`, the four link tables in one
UNION ALL of ids, `_links_sql`), so the pages and the suggestion read none of them again.
Industries and skills reach the engine by *name* (names are unique, and the engine quotes them
in its reasons); `StudentInputs` keeps their ids for the listing match (`matching.py`). Profiles
may be incomplete: what the engine assumes for a missing answer is listed in `DEFAULTS` and
reported with the inputs (`StudentInputs.assumptions`), so a page can say what was assumed.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import connections
from django.db.models import F
from django.utils import timezone

from opportunities import catalogue as opportunity_catalogue

from . import engine
from .models import AvailabilityWindow, Experience, StudentProfile

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
    "work_modes": (
        engine.WORK_MODES,
        "Work modes not given: on-site, remote and hybrid listings are all included.",
    ),
    "application_ready": (
        False,
        "Readiness for a formal application not given: treated as not ready yet.",
    ),
}
NO_WINDOWS = "No availability windows yet: add one (weeks and hours per week) to get a suggestion."
# Dated windows in date order, then undated ones in the order they were added, on every database.
WINDOW_ORDER = (F("starts_on").asc(nulls_last=True), "id")
WHAT_IF_FIELDS = frozenset(f.name for f in dataclasses.fields(engine.StudentProfile))


@dataclass(frozen=True)
class Catalogue:
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


_SPEC_FIELDS = tuple(f.name for f in dataclasses.fields(engine.FormatSpec))


def catalogue() -> Catalogue:
    """The active formats, from the rows each process keeps (`opportunities.catalogue`)."""
    specs, ids = [], {}
    for fmt in opportunity_catalogue.current().formats:
        ids[fmt.slug] = fmt.pk
        values = {name: getattr(fmt, name) for name in _SPEC_FIELDS}
        specs.append(
            engine.FormatSpec(
                **{k: float(v) if isinstance(v, Decimal) else v for k, v in values.items()}
            )
        )
    return Catalogue(tuple(specs), ids)


def format_specs() -> tuple[engine.FormatSpec, ...]:
    """The active formats as the engine sees them (criteria are read from the rows)."""
    return catalogue().specs


def _prefetched(profile: StudentProfile, name: str):
    """The rows of `profile.<name>` if they were prefetched, else None."""
    return getattr(profile, "_prefetched_objects_cache", {}).get(name)


def window_order_key(window: AvailabilityWindow):
    """`WINDOW_ORDER` in Python: dated windows by date, then undated ones, each by id."""
    return (window.starts_on is None, window.starts_on or datetime.date.min, window.pk)


def _prefill(instance, name: str, rows) -> None:
    """Store `rows` as the prefetched `instance.<name>.all()`, as prefetch_related() does."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset


@functools.lru_cache(maxsize=4)
def _links_sql(alias: str) -> str:
    """SQL for the ids in a profile's link tables, as rows of (kind, owner, id): target
    industries (1), skills (2) and skills to build (3) with owner 0, and each experience's
    skills (4) with the experience's id; one parameter per part, the profile's id.

    Written in SQL from the models' table and column names: the same UNION ALL built with the
    ORM cost a millisecond per page to compile.
    """
    qn = connections[alias].ops.quote_name
    parts = [
        f"SELECT {kind}, 0, {qn(m2m.m2m_reverse_name())} FROM {qn(m2m.m2m_db_table())} "  # noqa: S608 (quoted names from the models; the id is a parameter)
        f"WHERE {qn(m2m.m2m_column_name())} = %s"
        for kind, m2m in (
            (1, StudentProfile.target_industries.field),
            (2, StudentProfile.skills.field),
            (3, StudentProfile.skills_to_build.field),
        )
    ]
    logged = Experience.skills.field
    profile_column = Experience._meta.get_field("profile").column
    parts.append(
        f"SELECT 4, l.{qn(logged.m2m_column_name())}, l.{qn(logged.m2m_reverse_name())} "  # noqa: S608 (as above)
        f"FROM {qn(logged.m2m_db_table())} l INNER JOIN {qn(Experience._meta.db_table)} e "
        f"ON e.id = l.{qn(logged.m2m_column_name())} WHERE e.{qn(profile_column)} = %s"
    )
    return " UNION ALL ".join(parts)


def load_student(profile: StudentProfile) -> tuple[list[Experience], dict[int, set[int]]]:
    """The profile's windows, industries, skills and experiences in three queries.

    Windows and the experiences (with format and industry) are one query each; the four link
    tables (target industries, skills, skills to build, each experience's skills) are read
    in one UNION ALL of ids (`_links_sql`), named from the catalogue each process keeps. The
    relations are stored on `profile` as if prefetched, so the completeness check, the windows
    table and the suggestion (`advise_student`) read none of them again. Returns the experiences,
    newest first, and each experience's skill ids.
    """
    _prefill(profile, "windows", AvailabilityWindow.objects.filter(profile=profile))
    experiences = list(profile.experiences.select_related("format", "industry"))
    with connections[StudentProfile.objects.db].cursor() as cursor:
        cursor.execute(_links_sql(StudentProfile.objects.db), [profile.pk] * 4)
        rows = cursor.fetchall()
    cat = opportunity_catalogue.current()
    wanted = {("i" if kind == 1 else "s", pk) for kind, _, pk in rows}
    if any(pk not in (cat.industries_by_id if k == "i" else cat.skills_by_id) for k, pk in wanted):
        # A row added in another process since this one read the catalogue.
        opportunity_catalogue.clear()
        cat = opportunity_catalogue.current()
    by_kind: dict[int, list] = {1: [], 2: [], 3: []}
    experience_skills: dict[int, set[int]] = {}
    for kind, owner, pk in rows:
        if kind == 4:
            experience_skills.setdefault(owner, set()).add(pk)
            continue
        row = (cat.industries_by_id if kind == 1 else cat.skills_by_id).get(pk)
        if row is not None:
            by_kind[kind].append(row)
    for kind, name in ((1, "target_industries"), (2, "skills"), (3, "skills_to_build")):
        _prefill(profile, name, sorted(by_kind[kind], key=lambda row: row.name))
    return experiences, experience_skills


def engine_profile(
    profile: StudentProfile,
    overrides: Mapping[str, object] | None = None,
    *,
    today: datetime.date | None = None,
    experiences: Sequence[Experience] | None = None,
) -> StudentInputs:
    """What the engine needs to know about `profile`, in four queries at most.

    Relations already loaded are not read again: `windows`, `target_industries` and
    `skills_to_build` when they were prefetched on `profile`, and the history when the caller
    passes the profile's `experiences` (with `format` and `industry` loaded). The dashboard
    loads all of them for its own sections, so the suggestion there costs no query here.

    `overrides` replaces engine fields for a what-if (e.g. ``{"windows": (...),
    "career_clarity": "decided"}``); nothing is saved. History is the experiences that have
    started by `today`, with a format (one without a format cannot count towards a family).
    """
    today = today or timezone.localdate()
    loaded = _prefetched(profile, "windows")
    if loaded is not None:
        windows = sorted(loaded, key=window_order_key)
    else:
        windows = list(AvailabilityWindow.objects.filter(profile=profile).order_by(*WINDOW_ORDER))
    loaded = _prefetched(profile, "target_industries")
    if loaded is not None:
        industries = {i.name: i.pk for i in sorted(loaded, key=lambda i: i.name)}
    else:
        industries = dict(profile.target_industries.order_by("name").values_list("name", "id"))
    loaded = _prefetched(profile, "skills_to_build")
    if loaded is not None:
        skills = {s.name: s.pk for s in sorted(loaded, key=lambda s: s.name)}
    else:
        skills = dict(profile.skills_to_build.order_by("name").values_list("name", "id"))
    if experiences is not None:
        counted = sorted(
            (e for e in experiences if e.started_on <= today and e.format_id is not None),
            key=lambda e: (e.started_on, e.pk),
        )
        history = [
            (e.format.slug, e.industry.name if e.industry_id else None, e.hours) for e in counted
        ]
    else:
        history = (
            Experience.objects.filter(profile=profile, started_on__lte=today, format__isnull=False)
            .order_by("started_on", "id")
            .values_list("format__slug", "industry__name", "hours")
        )
    answers = {
        "career_clarity": profile.career_clarity or None,
        "learning_goal": profile.learning_goal or None,
        "networking_goal": profile.networking_goal or None,
        "needs_pay": profile.needs_pay,
        "credit_ok": profile.credit_ok,
        "work_modes": tuple(m for m in engine.WORK_MODES if m in profile.accepted_work_modes)
        or None,
        "application_ready": profile.application_ready,
    }
    assumptions = []
    for field, value in answers.items():
        if value is None:
            answers[field], note = DEFAULTS[field]
            assumptions.append(note)
    if not windows:
        assumptions.append(NO_WINDOWS)
    student = engine.StudentProfile(
        windows=tuple(
            engine.Window(w.label, float(w.weeks), float(w.weekly_hours)) for w in windows
        ),
        target_industries=tuple(industries),
        skills_to_build=tuple(skills),
        history=tuple(engine.PastExperience(slug, ind, float(h)) for slug, ind, h in history),
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
    return dataclasses.replace(inputs, profile=student, window_ids=window_ids)
