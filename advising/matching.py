"""Engine plan in, listings out: the open listings that match each of the engine's suggestions
(`advise`; `advise_student` for a stored student), as `Advice`. Filters, ranking and the limit
per suggestion run in the database, in one hand-written SQL query per student for either
database around the ORM's listing filters (`matching_listings`, `_eligible`); the few listings
shown are loaded in one more query, only when first read (`_ListingRows`). A stored student's
whole suggestion takes six queries at most, fewer when the profile's relations are loaded.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import Q
from django.utils import timezone

from opportunities.models import PAID_COMPENSATION, Compensation, Opportunity, WorkMode

from . import engine
from .inputs import Catalogue, StudentInputs, catalogue, engine_profile
from .models import Experience, StudentProfile

LISTINGS_PER_SUGGESTION = 5  # enough to choose from in a meeting; more belongs to search
# Listings ranked per suggestion: the soonest-closing ones that pass every hard filter. Bounds
# the work per student whatever the size of the catalogue (see `matching_listings`).
CANDIDATES_PER_SUGGESTION = 200


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


def _accepted_pay(student: engine.StudentProfile) -> tuple[str, ...] | None:
    """The compensation types the student accepts, or None for any."""
    if not student.needs_pay:
        return None
    return (*PAID_COMPENSATION, *([Compensation.CREDIT] if student.credit_ok else []))


# The columns of `_eligible` that the SQL below reads, by these names.
_ELIGIBLE_COLUMNS = (
    "id",
    "industry_id",
    "is_demo",
    "deadline",
    "format_id",
    "weekly_hours_min",
    "duration_weeks",
    "total_hours",
)


def _in_work_modes(work_modes: tuple[str, ...]) -> Q:
    """Listings in one of `work_modes`. A listing that does not state its work mode is in
    them only when they are every work mode, or when remote is one of them and a location
    says remote (`is_remote`): an unknown is never taken for what the student asked."""
    accepted = Q(work_mode__in=work_modes)
    if set(work_modes) >= {mode for mode in WorkMode.values if mode}:
        return accepted | Q(work_mode=WorkMode.NOT_STATED)
    if WorkMode.REMOTE in work_modes:
        return accepted | Q(work_mode=WorkMode.NOT_STATED, is_remote=True)
    return accepted


@functools.lru_cache(maxsize=256)
def _eligible(
    alias: str,
    vendor: str,
    today: datetime.date,
    pay: tuple[str, ...] | None,
    work_modes: tuple[str, ...],
) -> tuple[str, tuple]:
    """The compiled SQL and parameters of the open listings in `work_modes` (and of a
    compensation type in `pay`, when given; a listing that does not state its pay is not in
    any): the ORM's filters (`open()` and the rest).

    Compiled once per process for each combination (a few dozen a day, whatever the number of
    students; `vendor` keeps SQLite's and PostgreSQL's apart): compiling it took a millisecond
    of each suggestion.
    """
    eligible = Opportunity.objects.using(alias).open(today).filter(_in_work_modes(work_modes))
    if pay is not None:
        eligible = eligible.filter(compensation_type__in=pay)
    eligible = eligible.order_by().values_list(*_ELIGIBLE_COLUMNS)
    sql, params = eligible.query.get_compiler(alias).as_sql()
    return sql, tuple(params)


# A listing the window has room for, at its minimum hours: SQL over `_eligible`'s columns `w`,
# with the window's hours a week, weeks and total hours, and the format's typical minimum hours
# a week, weeks and total hours, as SQL (placeholders or columns). What a listing does not
# state is judged by its format's typical minimums: hours a week when it states none, weeks
# and total hours when it states neither.
_FITS_WINDOW = (
    "COALESCE(w.weekly_hours_min, {typical_hours}) <= {hours}"
    " AND (w.duration_weeks IS NULL OR w.duration_weeks <= {weeks})"
    " AND (w.total_hours IS NULL OR w.total_hours <= {capacity})"
    " AND (w.duration_weeks IS NOT NULL OR w.total_hours IS NOT NULL"
    " OR ({typical_weeks} <= {weeks} AND {typical_total} <= {capacity}))"
)
_FITS_NAMES = ("typical_hours", "hours", "weeks", "capacity", "typical_weeks", "typical_total")

# A suggestion's listings: among `eligible` (compiled SQL) of format `format` that fit the
# window (`fits`), the CANDIDATES_PER_SUGGESTION real ones closing soonest (demo listings only
# after every real one, a listing stating no deadline after those that do), numbered best first
# by `order` (SQL ending in ", ") within real and demo, and then by deadline. PostgreSQL and
# SQLite flatten the subquery `w`, so this reads one format's index range in the index's order
# (`opportunity_match_idx`) and stops at the limit.
_CANDIDATES_RANKED = (
    "SELECT c.id, ROW_NUMBER() OVER ("
    "ORDER BY c.is_demo, {order}c.deadline NULLS LAST, c.id) AS rank FROM ("
    "SELECT w.id, w.industry_id, w.is_demo, w.deadline FROM ({eligible}) w "
    "WHERE w.format_id = {format} AND {fits} "
    "ORDER BY w.is_demo, w.deadline NULLS LAST, w.id LIMIT %s) c"
)

# What `matching_listings` ranks, one per suggestion: the format's id and its typical minimum
# hours a week, weeks and total hours, the window, and the aimed industries' ids.
Spec = tuple[int, tuple[int, float, int], engine.Window, Sequence[int]]


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
    typical = {
        f.slug: (math.ceil(f.weekly_hours_min), f.weeks_min, math.ceil(f.total_hours_min))
        for f in cat.specs
    }
    groups, specs = [], []
    for k, wp in enumerate(plan.windows):
        for s in wp.suggestions:
            if s.format in cat.ids:
                aimed = [inputs.industry_ids[i] for i in s.industries if i in inputs.industry_ids]
                specs.append((cat.ids[s.format], typical[s.format], wp.window, aimed))
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
    fits = _FITS_WINDOW.format(**dict.fromkeys(_FITS_NAMES, "%s"))
    parts, params = [], []
    for group, (format_id, typical, window, aimed) in enumerate(specs):
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
        typical_hours, typical_weeks, typical_total = typical
        params += [*skills_params, *aimed, *eligible_params, format_id]
        params += [typical_hours, hours, window.weeks, capacity]
        params += [typical_weeks, window.weeks, typical_total, capacity]
        params += [CANDIDATES_PER_SUGGESTION, limit]
    return " UNION ALL ".join(parts), params


def _ranked_lateral(
    eligible: tuple[str, tuple], specs: Sequence[Spec], skill_ids: Sequence[int], limit: int
) -> tuple[str, list]:
    """`_ranked_union`'s rows for PostgreSQL, in one LATERAL join over a VALUES list of the
    suggestions: the same ranking written once, so planning it costs a third as much."""
    eligible_sql, eligible_params = eligible
    skills_sql, skills_params = _skills_first(skill_ids)
    rows, params = [], []
    for group, (format_id, typical, window, aimed) in enumerate(specs):
        rows.append(
            "(%s::int, %s::bigint, %s::int, %s::numeric, %s::int, %s::bigint[],"
            " %s::int, %s::numeric, %s::int)"
        )
        hours, capacity = _whole_hours(window)
        params += [group, format_id, hours, window.weeks, capacity, list(aimed), *typical]
    ranked = _CANDIDATES_RANKED.format(
        order=f"{skills_sql}(c.industry_id = ANY(g.aimed)) DESC, ",
        eligible=eligible_sql,
        format="g.format_id",
        fits=_FITS_WINDOW.format(**{name: f"g.{name}" for name in _FITS_NAMES}),
    )
    sql = (
        f"SELECT g.grp, r.rank, r.id FROM (VALUES {', '.join(rows)}) "  # noqa: S608 (see the comment above)
        "AS g(grp, format_id, hours, weeks, capacity, aimed, typical_hours, typical_weeks,"
        " typical_total) "
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

    Hard filters, never just ranking: open (published, deadline not passed or not stated), a
    work mode the student accepts (`_in_work_modes`), paid when the student needs pay (academic
    credit only when credit is acceptable; pay not stated is not paid), of the suggested
    format, and fitting the window (minimum weekly hours, weeks, total hours; what a listing
    does not state, judged by its format's typical minimums). Among the
    `CANDIDATES_PER_SUGGESTION` soonest-closing listings that pass them (real listings before
    demo ones, stated deadlines before none), ranked real before demo, then by how many of the
    student's skills to build a listing trains, then whether its industry is one the
    suggestion aims at, then the earliest deadline (none last).

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
