"""The adapter between the database and the pure suggestion engine.

Rows in, engine dataclasses out (`format_specs`, `engine_profile`), then the engine's plan back
into rows: the open listings that match each suggestion (`advise`). A whole suggestion for a
stored student takes six queries at most, whatever the number of windows, suggestions, skills
or listings (fewer when the caller has loaded the profile's relations; the formats come from
the catalogue each process keeps, `opportunities.catalogue`): filters, ranking and the
per-suggestion limit run in the database, on a bounded set of candidates per suggestion, so
only the few listings shown are loaded, and only when first needed (see `MatchedSuggestion`).
The recommendation workflow's writes (`save_recommendation`, `share_recommendation`,
`respond_to_recommendation`) are here too.

Industries and skills are handed to the engine by *name* (names are unique, and the engine
quotes them in its reasons); `StudentInputs` keeps their ids for the SQL side.

Profiles may be incomplete. What the engine assumes for a missing answer is listed in
`DEFAULTS` and reported with every piece of advice (`Advice.assumptions`), so the page can say
what was assumed.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.db.models import F
from django.utils import timezone

from opportunities import catalogue as opportunity_catalogue
from opportunities.models import PAID_COMPENSATION, Compensation, Format, Opportunity

from . import engine, notices
from .models import (
    AvailabilityWindow,
    Experience,
    Recommendation,
    RecommendationItem,
    RecommendationStatus,
    StudentProfile,
)

LISTINGS_PER_SUGGESTION = 5  # enough to choose from in a meeting; more belongs to search
# Listings ranked per suggestion: the soonest-closing ones that pass every hard filter. Bounds
# the work per student whatever the size of the catalogue (see `matching_listings`).
CANDIDATES_PER_SUGGESTION = 200

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


class _ListingRows:
    """The listings matched for one piece of advice, read in one query the first time any
    suggestion's `listings` is asked for. A page that takes each listing's line from the
    fragment cache (the `listing_lines` tag) reads none of them."""

    def __init__(self, ids):
        self._ids = set(ids)
        self._found = None

    def get(self) -> dict[int, Opportunity]:
        if self._found is None:
            self._found = (
                Opportunity.objects.select_related("format", "industry", "organization")
                .short()
                .in_bulk(self._ids)
            )
        return self._found


@dataclass(frozen=True)
class MatchedSuggestion:
    suggestion: engine.Suggestion
    # Each matched listing's id and `updated_at` (a version for cache keys), best first.
    versions: tuple[tuple[int, datetime.datetime], ...] = ()
    rows: _ListingRows | None = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def listings(self) -> tuple[Opportunity, ...]:
        """The matched listings, best first (a listing deleted since the match is left out)."""
        if not self.versions:
            return ()
        found = self.rows.get()
        return tuple(found[pk] for pk, _ in self.versions if pk in found)


@dataclass(frozen=True)
class WindowAdvice:
    plan: engine.WindowPlan
    window_id: int | None
    suggestions: tuple[MatchedSuggestion, ...]


@dataclass(frozen=True)
class Advice:
    windows: tuple[WindowAdvice, ...]
    notes: tuple[str, ...]
    assumptions: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not any(w.suggestions for w in self.windows)


# --- rows -> engine -----------------------------------------------------------------------------

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


# --- engine -> rows -----------------------------------------------------------------------------


def _accepted_pay(student: engine.StudentProfile) -> tuple[str, ...] | None:
    """The compensation types the student accepts, or None for any."""
    if not student.needs_pay:
        return None
    return (*PAID_COMPENSATION, *([Compensation.CREDIT] if student.credit_ok else []))


# The columns of `_eligible` that the SQL below reads, by these names.
_ELIGIBLE_COLUMNS = (
    "id",
    "industry_id",
    "deadline",
    "format_id",
    "weekly_hours_min",
    "duration_weeks",
    "total_hours",
)


@functools.lru_cache(maxsize=256)
def _eligible(
    alias: str,
    vendor: str,
    today: datetime.date,
    pay: tuple[str, ...] | None,
    work_modes: tuple[str, ...],
) -> tuple[str, tuple]:
    """The compiled SQL and parameters of the open listings in `work_modes` (and of a
    compensation type in `pay`, when given): the ORM's filters (`open()` and the rest).

    Compiled once per process for each combination (a few dozen a day, whatever the number of
    students; `vendor` keeps SQLite's and PostgreSQL's apart): compiling it took a millisecond
    of each suggestion.
    """
    eligible = Opportunity.objects.using(alias).open(today).filter(work_mode__in=work_modes)
    if pay is not None:
        eligible = eligible.filter(compensation_type__in=pay)
    eligible = eligible.order_by().values_list(*_ELIGIBLE_COLUMNS)
    sql, params = eligible.query.get_compiler(alias).as_sql()
    return sql, tuple(params)


# A listing the window has room for, at its minimum hours: SQL over `_eligible`'s columns `w`,
# with the window's hours a week, weeks and total hours as SQL (placeholders or columns).
_FITS_WINDOW = (
    "w.weekly_hours_min <= {hours}"
    " AND (w.duration_weeks IS NULL OR w.duration_weeks <= {weeks})"
    " AND (w.total_hours IS NULL OR w.total_hours <= {capacity})"
)

# A suggestion's listings: among `eligible` (compiled SQL) of format `format` that fit the
# window (`fits`), the CANDIDATES_PER_SUGGESTION soonest closing, numbered best first by
# `order` (SQL ending in ", ") and then by deadline. PostgreSQL and SQLite flatten the subquery
# `w`, so this reads one format's index range in deadline order and stops at the limit.
_CANDIDATES_RANKED = (
    "SELECT c.id, ROW_NUMBER() OVER (ORDER BY {order}c.deadline, c.id) AS rank FROM ("
    "SELECT w.id, w.industry_id, w.deadline FROM ({eligible}) w "
    "WHERE w.format_id = {format} AND {fits} ORDER BY w.deadline, w.id LIMIT %s) c"
)

# What `matching_listings` ranks: one (format id, window, aimed industry ids) per suggestion.
Spec = tuple[int, engine.Window, Sequence[int]]


def _whole_hours(window: engine.Window) -> tuple[int, int]:
    """The window's hours a week and its total hours, rounded down: the listings' hours are
    whole numbers, so `hours <= 9.5` is `hours <= 9`, and comparing integers spares the
    database a cast to numeric of each listing it walks past."""
    return math.floor(window.weekly_hours), math.floor(window.weeks * window.weekly_hours)


def _skills_first(skill_ids: Sequence[int]) -> tuple[str, list]:
    """The ORDER BY term that puts listings training more of `skill_ids` first."""
    if not skill_ids:
        return "", []
    trains = connections[Opportunity.objects.db].ops.quote_name(
        Opportunity.skills.through._meta.db_table
    )
    placeholders = ", ".join(["%s"] * len(skill_ids))
    return (
        f"(SELECT COUNT(*) FROM {trains} s WHERE s.opportunity_id = c.id "  # noqa: S608 (a quoted table name, placeholders)
        f"AND s.skill_id IN ({placeholders})) DESC, ",
        list(skill_ids),
    )


def _specs(
    inputs: StudentInputs, plan: engine.Plan, cat: Catalogue
) -> tuple[list[tuple[int, str]], list[Spec]]:
    """What to rank for each suggestion of `plan` whose format is active: its (window index,
    format slug) and its `Spec`, in the same order."""
    groups, specs = [], []
    for k, wp in enumerate(plan.windows):
        for s in wp.suggestions:
            if s.format in cat.ids:
                aimed = [inputs.industry_ids[i] for i in s.industries if i in inputs.industry_ids]
                specs.append((cat.ids[s.format], wp.window, aimed))
                groups.append((k, s.format))
    return groups, specs


# Only ints, placeholders, our own SQL and the ORM's compiled SQL are put into the SQL text
# below; every value is a parameter.


def _ranked_union(
    eligible: tuple[str, tuple], specs: Sequence[Spec], skill_ids: Sequence[int], limit: int
) -> tuple[str, list]:
    """SQL ranking every suggestion of `specs`: one part per suggestion, joined by UNION ALL.
    Rows are (position in `specs`, rank, listing id), `limit` per suggestion at most."""
    eligible_sql, eligible_params = eligible
    skills_sql, skills_params = _skills_first(skill_ids)
    fits = _FITS_WINDOW.format(hours="%s", weeks="%s", capacity="%s")
    parts, params = [], []
    for group, (format_id, window, aimed) in enumerate(specs):
        order = skills_sql
        if aimed:
            placeholders = ", ".join(["%s"] * len(aimed))
            order += f"CASE WHEN c.industry_id IN ({placeholders}) THEN 1 ELSE 0 END DESC, "
        ranked = _CANDIDATES_RANKED.format(
            order=order, eligible=eligible_sql, format="%s", fits=fits
        )
        parts.append(
            f"SELECT {int(group)} AS grp, r.rank, r.id FROM ({ranked}) r WHERE r.rank <= %s"  # noqa: S608 (see the comment above)
        )
        hours, capacity = _whole_hours(window)
        params += [*skills_params, *aimed, *eligible_params, format_id]
        params += [hours, window.weeks, capacity, CANDIDATES_PER_SUGGESTION, limit]
    return " UNION ALL ".join(parts), params


def _ranked_lateral(
    eligible: tuple[str, tuple], specs: Sequence[Spec], skill_ids: Sequence[int], limit: int
) -> tuple[str, list]:
    """`_ranked_union`'s rows for PostgreSQL, in one LATERAL join over a VALUES list of the
    suggestions: the same ranking written once, so planning it costs a third as much."""
    eligible_sql, eligible_params = eligible
    skills_sql, skills_params = _skills_first(skill_ids)
    rows, params = [], []
    for group, (format_id, window, aimed) in enumerate(specs):
        rows.append("(%s::int, %s::bigint, %s::int, %s::numeric, %s::int, %s::bigint[])")
        hours, capacity = _whole_hours(window)
        params += [group, format_id, hours, window.weeks, capacity, list(aimed)]
    ranked = _CANDIDATES_RANKED.format(
        order=f"{skills_sql}(c.industry_id = ANY(g.aimed)) DESC, ",
        eligible=eligible_sql,
        format="g.format_id",
        fits=_FITS_WINDOW.format(hours="g.hours", weeks="g.weeks", capacity="g.capacity"),
    )
    sql = (
        f"SELECT g.grp, r.rank, r.id FROM (VALUES {', '.join(rows)}) "  # noqa: S608 (see the comment above)
        f"AS g(grp, format_id, hours, weeks, capacity, aimed) "
        f"CROSS JOIN LATERAL ({ranked}) r WHERE r.rank <= %s"
    )
    params += [*skills_params, *eligible_params, CANDIDATES_PER_SUGGESTION, limit]
    return sql, params


def matching_listings(
    inputs: StudentInputs,
    plan: engine.Plan,
    cat: Catalogue,
    *,
    limit: int = LISTINGS_PER_SUGGESTION,
    today: datetime.date | None = None,
) -> dict[tuple[int, str], list[tuple[int, datetime.datetime]]]:
    """The best open listings for every suggestion of `plan`, keyed (window index, format slug),
    as (id, updated_at) pairs, best first.

    Hard filters, never just ranking: open (published, deadline not passed), a work mode the
    student accepts, paid when the student needs pay (academic credit only when credit is
    acceptable), of the suggested format, and fitting the window (minimum weekly hours, weeks,
    total hours). Among the `CANDIDATES_PER_SUGGESTION` soonest-closing listings that pass
    them, ranked by how many of the student's skills to build a listing trains, then whether
    its industry is one the suggestion aims at, then the earliest deadline.

    One query whatever the number of windows, suggestions, skills or listings ranks every
    suggestion's candidates with ROW_NUMBER() and keeps `limit` of each (`advise` reads those
    few listings when they are needed): a LATERAL join on PostgreSQL, a UNION ALL elsewhere.
    The filters on the listing alone are the ORM's (`open()` and the rest), compiled once per
    process for each combination (see `_eligible`); the window's fit and the ranking are
    written in SQL around them. Written in SQL rather than built with the ORM's Window() and
    union(): that query cost 15–30 ms of Python per student to compile, more than the
    database takes to run it.
    """
    student = inputs.profile
    db = Opportunity.objects.db
    eligible = _eligible(
        db,
        connections[db].vendor,
        today or timezone.localdate(),
        _accepted_pay(student),
        tuple(student.work_modes),
    )
    groups, specs = _specs(inputs, plan, cat)
    if not specs or limit <= 0:
        return {}
    vendor = connections[db].vendor
    ranking = _ranked_lateral if vendor == "postgresql" else _ranked_union
    sql, params = ranking(eligible, specs, inputs.skill_ids, limit)
    table = connections[db].ops.quote_name(Opportunity._meta.db_table)
    # Each winner's `updated_at` comes with it, so kept listing lines need no listing row.
    sql = (
        f"SELECT u.grp, u.rank, u.id, o.updated_at FROM ({sql}) u "  # noqa: S608 (our SQL and a quoted table name)
        f"INNER JOIN {table} o ON o.id = u.id"
    )
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = sorted(cursor.fetchall())
    matched: dict[tuple[int, str], list[tuple[int, datetime.datetime]]] = {}
    for group, _, pk, version in rows:
        matched.setdefault(groups[group], []).append((pk, version))
    return matched


def advise(
    inputs: StudentInputs,
    *,
    cat: Catalogue | None = None,
    limit: int = LISTINGS_PER_SUGGESTION,
    today: datetime.date | None = None,
) -> Advice:
    """The engine's plan for `inputs`, each suggestion with its matching listings.

    Two queries: the ranking, and the listings matched when a suggestion's `listings` is
    first read (the formats come from the catalogue each process keeps, unless `cat` is
    given).
    """
    cat = cat or catalogue()
    plan = engine.suggest(inputs.profile, cat.specs)
    matched = matching_listings(inputs, plan, cat, limit=limit, today=today)
    rows = _ListingRows(pk for versions in matched.values() for pk, _ in versions)
    windows = tuple(
        WindowAdvice(
            wp,
            inputs.window_ids[k] if k < len(inputs.window_ids) else None,
            tuple(
                MatchedSuggestion(s, tuple(matched.get((k, s.format), ())), rows)
                for s in wp.suggestions
            ),
        )
        for k, wp in enumerate(plan.windows)
    )
    return Advice(windows, plan.notes, inputs.assumptions)


def advise_student(
    profile: StudentProfile,
    *,
    overrides: Mapping[str, object] | None = None,
    limit: int = LISTINGS_PER_SUGGESTION,
    today: datetime.date | None = None,
    experiences: Sequence[Experience] | None = None,
) -> Advice:
    """Suggestion and matching listings for a stored student, in six queries at most.

    Four to read the profile's windows, industries, skills to build and history (none for
    what the caller loaded already: see `engine_profile`), two to rank and load the listings;
    the formats come from the catalogue each process keeps.
    """
    inputs = engine_profile(profile, overrides, today=today, experiences=experiences)
    return advise(inputs, limit=limit, today=today)


# --- the command-line contract ------------------------------------------------------------------


def _plain(value: Decimal | float | None) -> int | float | None:
    """14 rather than 14.0 in JSON; None stays None."""
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def _listing_to_contract(listing: Opportunity) -> dict:
    return {
        "id": listing.pk,
        "title": listing.title,
        "format": listing.format.slug,
        "industry": listing.industry.slug,
        "work_mode": listing.work_mode,
        "paid": listing.is_paid,
        "weekly_hours_max": listing.weekly_hours_max,
        "weeks_max": _plain(listing.duration_weeks),
        "deadline": listing.deadline.isoformat(),
    }


def advice_to_contract(advice: Advice) -> dict:
    """The `suggest_mix` JSON: exactly the keys the README documents, windows in input order."""
    return {
        "windows": [
            {
                "label": w.plan.window.label,
                "weeks": _plain(w.plan.window.weeks),
                "weekly_hours": _plain(w.plan.window.weekly_hours),
                "suggestions": [
                    {
                        "format": m.suggestion.format,
                        "family": m.suggestion.family,
                        "count": m.suggestion.count,
                        "score": m.suggestion.score,
                        "reasons": [
                            {"criterion": r.criterion, "text": r.text} for r in m.suggestion.reasons
                        ],
                        "opportunities": [_listing_to_contract(o) for o in m.listings],
                    }
                    for m in w.suggestions
                ],
                "excluded": [{"format": e.format, "reason": e.reason} for e in w.plan.excluded],
            }
            for w in advice.windows
        ]
    }


class InputError(ValueError):
    """A `suggest_mix` profile file that cannot be read; the message says what to fix."""


_JSON_FIELDS = {
    "windows",
    "career_clarity",
    "learning_goal",
    "target_industries",
    "skills_to_build",
    "needs_pay",
    "credit_ok",
    "work_modes",
    "networking_goal",
    "application_ready",
    "history",
}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _slugs(data: Mapping, field: str) -> list[str]:
    value = data.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{field} must be a list of slugs (strings)")
    return value


def _flag(data: Mapping, field: str) -> bool | None:
    value = data.get(field)
    if value is not None and not isinstance(value, bool):
        raise InputError(f"{field} must be true or false; got {value!r}")
    return value


def _choice(data: Mapping, field: str, options: Sequence[str]) -> str | None:
    value = data.get(field)
    if value is not None and value not in options:
        raise InputError(f"{field} must be one of {', '.join(options)}; got {value!r}")
    return value


def _known(model, slugs: Sequence[str], what: str) -> dict[str, tuple[int, str]]:
    """slug -> (id, name) for `slugs`, or InputError naming the unknown ones."""
    found = {
        slug: (pk, name)
        for pk, slug, name in model.objects.filter(slug__in=set(slugs)).values_list(
            "pk", "slug", "name"
        )
    }
    unknown = sorted(set(slugs) - set(found))
    if unknown:
        raise InputError(f"unknown {what}: {', '.join(unknown)}")
    return found


def inputs_from_json(data: object) -> StudentInputs:
    """A `suggest_mix --profile` document as engine inputs; slugs are checked against the rows.

    Missing answers get the same defaults as an incomplete stored profile (`DEFAULTS`).
    Raises InputError with one clear sentence for anything malformed.
    """
    from opportunities.models import Industry, Skill

    if not isinstance(data, dict):
        raise InputError("the profile must be a JSON object")
    unknown = sorted(set(data) - _JSON_FIELDS)
    if unknown:
        raise InputError(
            f"unknown field(s): {', '.join(unknown)}; known: {', '.join(sorted(_JSON_FIELDS))}"
        )
    windows = data.get("windows")
    if not isinstance(windows, list) or not windows:
        raise InputError("windows must be a non-empty list of {label, weeks, weekly_hours}")
    parsed = []
    for i, window in enumerate(windows):
        if not isinstance(window, dict):
            raise InputError(f"windows[{i}] must be an object with weeks and weekly_hours")
        extra = sorted(set(window) - {"label", "weeks", "weekly_hours"})
        if extra:
            raise InputError(f"windows[{i}] has unknown field(s): {', '.join(extra)}")
        label = window.get("label", f"Window {i + 1}")
        if not isinstance(label, str) or not label.strip():
            raise InputError(f"windows[{i}].label must be a non-empty string")
        for field, upper in (("weeks", engine.MAX_WEEKS), ("weekly_hours", 60)):
            value = window.get(field)
            if value is None:
                raise InputError(f"windows[{i}].{field} is missing")
            if not _is_number(value) or value != value or value in (float("inf"), float("-inf")):
                raise InputError(f"windows[{i}].{field} must be a number; got {value!r}")
            if value < 0:
                raise InputError(f"windows[{i}].{field} must not be negative; got {value!r}")
            if value > upper:
                raise InputError(f"windows[{i}].{field} must be at most {upper:g}; got {value!r}")
        parsed.append(engine.Window(label, window["weeks"], window["weekly_hours"]))

    answers: dict[str, object] = {
        "career_clarity": _choice(data, "career_clarity", engine.CLARITIES),
        "learning_goal": _choice(data, "learning_goal", engine.LEARNING_GOALS),
        "networking_goal": _choice(data, "networking_goal", engine.NETWORKING_GOALS),
        "needs_pay": _flag(data, "needs_pay"),
        "credit_ok": _flag(data, "credit_ok"),
        "application_ready": _flag(data, "application_ready"),
    }
    modes = data.get("work_modes")
    if modes is not None:
        if (
            not isinstance(modes, list)
            or not modes
            or any(m not in engine.WORK_MODES for m in modes)
        ):
            raise InputError(
                f"work_modes must be a non-empty list of {', '.join(engine.WORK_MODES)}"
            )
        modes = tuple(m for m in engine.WORK_MODES if m in modes)
    answers["work_modes"] = modes
    assumptions = []
    for field, value in answers.items():
        if value is None:
            answers[field], note = DEFAULTS[field]
            assumptions.append(note)

    history = data.get("history", [])
    if not isinstance(history, list):
        raise InputError("history must be a list of {format, industry, hours}")
    for i, past in enumerate(history):
        if not isinstance(past, dict) or not isinstance(past.get("format"), str):
            raise InputError(f"history[{i}] must be an object with a format slug")
        extra = sorted(set(past) - {"format", "industry", "hours"})
        if extra:
            raise InputError(f"history[{i}] has unknown field(s): {', '.join(extra)}")
        if past.get("industry") is not None and not isinstance(past["industry"], str):
            raise InputError(f"history[{i}].industry must be a slug or null")
        hours = past.get("hours")
        if not _is_number(hours) or hours < 0 or hours != hours:
            raise InputError(f"history[{i}].hours must be a number of hours, 0 or more")

    targets = _slugs(data, "target_industries")
    past_industries = [p["industry"] for p in history if p.get("industry") is not None]
    industries = _known(Industry, [*targets, *past_industries], "industry")
    skills = _known(Skill, _slugs(data, "skills_to_build"), "skill")
    formats = set(
        Format.objects.filter(slug__in={p["format"] for p in history}).values_list(
            "slug", flat=True
        )
    )
    unknown_formats = sorted({p["format"] for p in history} - formats)
    if unknown_formats:
        raise InputError(f"unknown format in history: {', '.join(unknown_formats)}")

    names = [industries[slug][1] for slug in dict.fromkeys(targets)]
    student = engine.StudentProfile(
        windows=tuple(parsed),
        target_industries=tuple(names),
        skills_to_build=tuple(
            skills[slug][1] for slug in dict.fromkeys(data.get("skills_to_build", []))
        ),
        history=tuple(
            engine.PastExperience(
                p["format"],
                industries[p["industry"]][1] if p.get("industry") is not None else None,
                float(p["hours"]),
            )
            for p in history
        ),
        **answers,
    )
    return StudentInputs(
        student,
        industry_ids={industries[slug][1]: industries[slug][0] for slug in targets},
        skill_ids=tuple(pk for pk, _ in skills.values()),
        window_ids=(None,) * len(parsed),
        assumptions=tuple(assumptions),
    )


# --- recommendations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemData:
    """One line of a recommendation, as the advisor wrote it."""

    format: Format
    count: int
    window: AvailabilityWindow | None = None
    rationale: str = ""
    listings: Sequence[Opportunity] = ()


ANY_TIME = "Any time"  # the window label of a line not tied to one of the student's windows


def save_recommendation(
    recommendation: Recommendation, *, items: Sequence[ItemData], share: bool = False
) -> Recommendation:
    """Save a new or edited draft together with all its lines (replacing the old ones), and
    share it with the student when `share` is true.

    All or nothing: an invalid line raises ValidationError and leaves the database as it was,
    and `recommendation` as it was passed in (a new one stays unsaved).
    """
    before = (recommendation.pk, recommendation.status, recommendation.shared_at)
    adding = recommendation._state.adding
    try:
        return _save_recommendation(recommendation, items=items, share=share)
    except Exception:
        recommendation.pk, recommendation.status, recommendation.shared_at = before
        recommendation._state.adding = adding
        raise


@transaction.atomic
def _save_recommendation(
    recommendation: Recommendation, *, items: Sequence[ItemData], share: bool
) -> Recommendation:
    if recommendation.pk:
        stored = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        if stored.status != RecommendationStatus.DRAFT:
            raise ValidationError("Only a draft can be changed.", code="not_a_draft")
    if not items:
        raise ValidationError("Recommend at least one format.", code="no_items")
    # The old lines go while the recommendation is still a draft: their deletion is the
    # draft's history, kept from the student (Recommendation.hidden_from_student).
    if recommendation.pk:
        recommendation.items.all().delete()
    if share:
        recommendation.status = RecommendationStatus.SHARED
        recommendation.shared_at = timezone.now()
    recommendation.full_clean()
    recommendation.save()
    for data in items:
        item = RecommendationItem(
            recommendation=recommendation,
            window=data.window,
            window_label=data.window.label if data.window else ANY_TIME,
            format=data.format,
            count=data.count,
            rationale=data.rationale,
        )
        item.full_clean()
        item.save()
        if data.listings:
            item.opportunities.set(data.listings)
    if share:
        notices.recommendation_shared(recommendation)
    return recommendation


@transaction.atomic
def share_recommendation(recommendation: Recommendation) -> bool:
    """Share a draft with the student; False when it was not a draft (already shared)."""
    stored = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if stored.status != RecommendationStatus.DRAFT:
        return False
    stored.status = RecommendationStatus.SHARED
    stored.shared_at = timezone.now()
    stored.save(update_fields=["status", "shared_at", "updated_at"])
    notices.recommendation_shared(stored)
    recommendation.refresh_from_db()
    return True


RESPONDABLE = (
    RecommendationStatus.SHARED,
    RecommendationStatus.ACCEPTED,
    RecommendationStatus.DECLINED,
)


@transaction.atomic
def respond_to_recommendation(
    recommendation: Recommendation, *, accept: bool, comment: str = ""
) -> Recommendation:
    """The student accepts or declines a shared recommendation (and may change their mind)."""
    stored = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if stored.status not in RESPONDABLE:
        raise ValidationError("This recommendation has not been shared.", code="not_shared")
    stored.status = RecommendationStatus.ACCEPTED if accept else RecommendationStatus.DECLINED
    stored.response_comment = comment.strip()
    stored.responded_at = timezone.now()
    stored.full_clean()
    stored.save(update_fields=["status", "response_comment", "responded_at", "updated_at"])
    notices.recommendation_answered(stored)
    recommendation.refresh_from_db()
    return recommendation


def shared_recommendations(profile: StudentProfile) -> list[Recommendation]:
    """The recommendations shared with `profile`'s student, newest first, each with its lines
    (`items`, their format's name and slug loaded), in one query; drafts never.

    One LEFT JOIN from the recommendations to their lines and formats, split here into model
    instances, rather than one query for the recommendations and one for their lines.
    """
    rec_fields = [f.attname for f in Recommendation._meta.concrete_fields]
    item_fields = ["id", "window_id", "window_label", "format_id", "count", "rationale"]
    rows = (
        Recommendation.objects.visible_to_student()
        .filter(profile=profile)
        .order_by("-created_at", "-id", "items__id")
        .values_list(
            *rec_fields,
            *(f"items__{name}" for name in item_fields),
            "items__format__name",
            "items__format__slug",
        )
    )
    db = rows.db
    found: dict[int, tuple[Recommendation, list[RecommendationItem]]] = {}
    n, m = len(rec_fields), len(item_fields)
    for row in rows:
        pk = row[rec_fields.index("id")]
        if pk not in found:
            found[pk] = (Recommendation.from_db(db, rec_fields, row[:n]), [])
        recommendation, items = found[pk]
        if row[n] is None:  # a recommendation without lines
            continue
        item = RecommendationItem.from_db(
            db, [*item_fields, "recommendation_id"], (*row[n : n + m], pk)
        )
        item.format = Format.from_db(db, ["id", "name", "slug"], (item.format_id, *row[n + m :]))
        item.recommendation = recommendation
        items.append(item)
    recommendations = []
    for recommendation, items in found.values():
        queryset = recommendation.items.all()
        queryset._result_cache = items
        queryset._prefetch_done = True
        recommendation._prefetched_objects_cache = {"items": queryset}
        recommendations.append(recommendation)
    return recommendations
