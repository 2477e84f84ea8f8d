"""Engine plan in, listings out: the open listings that match each of the engine's suggestions
(`advise`; `advise_student` for a stored student), as `Advice`. Filters, ranking and the limit
per suggestion run in the database, in hand-written SQL for either database around the ORM's
listing filters (`_eligible`): first how many open listings fit each format's slot in each
window (`listing_supply`, the engine's `Supply`: a count never exceeds what is open; counted
over each format's first open listings, one sample for every student that each process reads
at most once a minute), then the best listings for each suggestion the engine booked
(`matching_listings`); the few listings shown are loaded in one more query, only when first
read (`_ListingRows`). A stored student's whole suggestion takes six queries at most (five when
the process keeps the sample), fewer when the profile's relations are loaded.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import math
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import Q
from django.utils import timezone

from opportunities.catalogue import Kept
from opportunities.models import PAID_COMPENSATION, Compensation, Opportunity, WorkMode

from . import engine
from . import policy as advising_policy
from .inputs import Catalogue, Loaded, StudentInputs, catalogue, engine_profile
from .models import StudentProfile

LISTINGS_PER_SUGGESTION = 5  # enough to choose from in a meeting; more belongs to search
# Listings ranked per suggestion: the soonest-closing ones that pass every hard filter. Bounds
# the work per student whatever the size of the catalogue (see `matching_listings`).
CANDIDATES_PER_SUGGESTION = 200
# How many of each format's first open listings the counts read (`listing_supply`), whatever
# the student's filters: those the student may take are a prefix of the walk the ranking starts
# from, and no more than it ranks, so a count never promises more than the ranking can find.
SUPPLY_SAMPLE = 200


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
    notes: tuple[str, ...] = ()  # e.g. none of the listings is in the student's field

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
    year_notes: tuple[str, ...] = ()
    load: tuple[engine.LoadSpan, ...] = ()
    policy: engine.Policy | None = None

    @property
    def is_empty(self) -> bool:
        return not any(w.suggestions for w in self.windows)


def accepted_pay(student: engine.StudentProfile) -> tuple[str, ...] | None:
    """The compensation types the student accepts, or None for any: never paid work for one
    who may not take it; paid work (academic credit too, when they said it will do) for one
    who needs pay."""
    if not student.can_be_paid:
        return (Compensation.CREDIT, Compensation.UNPAID)
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
    "work_mode",
    "is_remote",
    "compensation_type",
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


@dataclass(frozen=True)
class _Eligible:
    """The open listings a student may take, as compiled SQL and parameters, in the two index
    ranges `open()` covers: those stating a deadline (not passed), and those stating none."""

    dated: tuple[str, tuple]
    undated: tuple[str, tuple]


@functools.lru_cache(maxsize=256)
def _eligible(
    alias: str,
    vendor: str,
    today: datetime.date,
    pay: tuple[str, ...] | None,
    work_modes: tuple[str, ...],
) -> _Eligible:
    """The open listings in `work_modes` (and of a compensation type in `pay`, when given; a
    listing that does not state its pay is not in any): the ORM's filters (`open()` and the
    rest), each half with a condition the match index can start from (a deadline from today,
    or none), so that a walk skips the published listings whose deadline has passed.

    Compiled once per process for each combination (a few dozen a day, whatever the number of
    students; `vendor` keeps SQLite's and PostgreSQL's apart): compiling it took a millisecond
    of each suggestion.
    """
    eligible = Opportunity.objects.using(alias).open(today).filter(_in_work_modes(work_modes))
    if pay is not None:
        eligible = eligible.filter(compensation_type__in=pay)
    halves = []
    for half in (Q(deadline__gte=today), Q(deadline__isnull=True)):
        query = eligible.filter(half).order_by().values_list(*_ELIGIBLE_COLUMNS).query
        sql, params = query.get_compiler(alias).as_sql()
        halves.append((sql, tuple(params)))
    return _Eligible(*halves)


# One part of a walk: the listings of one format, real or demo, with or without a deadline,
# in the match index's order (`opportunity_match_idx`: format, status, is_demo, deadline, id),
# as many as the walk takes at most.
_WALK_PART = (
    "SELECT * FROM (SELECT {columns} FROM ({eligible}) w WHERE w.format_id = {format}"
    " AND w.is_demo = {demo} AND {fits} ORDER BY w.is_demo, w.deadline, w.id LIMIT %s) p{n}"
)


def _walk(
    eligible: _Eligible,
    *,
    columns: str,
    format: str,
    fits: str = "TRUE",
    format_params: Sequence = (),
    fits_params: Sequence = (),
    limit: int | None = None,
) -> tuple[str, list]:
    """SQL for the `CANDIDATES_PER_SUGGESTION` first open listings of one format (`format`,
    SQL) that pass `fits` (SQL), real ones before demo ones, soonest deadline first, no deadline
    last: four index ranges, each read only as far as the walk needs, merged. `columns` (SQL
    over the alias `w`) must include is_demo and deadline."""
    limit = limit or CANDIDATES_PER_SUGGESTION
    parts, params = [], []
    for demo in ("FALSE", "TRUE"):
        for sql, sql_params in (eligible.dated, eligible.undated):
            parts.append(
                _WALK_PART.format(
                    columns=columns,
                    eligible=sql,
                    format=format,
                    demo=demo,
                    fits=fits,
                    n=len(parts),
                )
            )
            params += [*sql_params, *format_params, *fits_params, limit]
    sql = (
        f"SELECT * FROM ({' UNION ALL '.join(parts)}) x "  # noqa: S608 (our SQL and the ORM's)
        "ORDER BY x.is_demo, x.deadline NULLS LAST, x.id LIMIT %s"
    )
    return sql, [*params, limit]


# A listing fits a slot (its most hours a week, weeks and total hours): SQL over `_eligible`'s
# columns (table alias `t`), with the slot and its format's typical minimum hours a week, weeks
# and total hours as SQL (placeholders or columns). A listing's least effort (its weeks at its
# fewest hours a week) must fit the slot's hours too. What a listing does not state is judged
# by its format's typical minimums: hours a week when it states none, weeks and total hours
# when it states neither.
_FITS_SLOT = (
    "COALESCE({t}.weekly_hours_min, {typical_hours}) <= {hours}"
    " AND ({t}.duration_weeks IS NULL OR {t}.duration_weeks <= {weeks})"
    " AND ({t}.total_hours IS NULL OR {t}.total_hours <= {capacity})"
    " AND ({t}.duration_weeks IS NULL"
    " OR {t}.duration_weeks * COALESCE({t}.weekly_hours_min, {typical_hours}) <= {capacity})"
    " AND ({t}.duration_weeks IS NOT NULL OR {t}.total_hours IS NOT NULL"
    " OR ({typical_weeks} <= {weeks} AND {typical_total} <= {capacity}))"
)
# The slot's and the format's values `_FITS_SLOT` names, in the order they appear in it.
_FITS_NAMES = tuple(
    name for _, name, _, _ in string.Formatter().parse(_FITS_SLOT) if name and name != "t"
)

# A suggestion's listings: among the first CANDIDATES_PER_SUGGESTION of a walk over its format's
# listings that fit its slot (`walk`, see `_walk`), numbered best first by `order` (SQL ending in
# ", ") within real and demo, and then by deadline (none last).
_CANDIDATES_RANKED = (
    "SELECT c.id, ROW_NUMBER() OVER ("
    "ORDER BY c.is_demo, {order}c.deadline NULLS LAST, c.id) AS rank FROM ({walk}) c"
)
_CANDIDATE_COLUMNS = "w.id, w.industry_id, w.is_demo, w.deadline"

# The columns of one format's sample for the counts: the SUPPLY_SAMPLE open listings the
# ranking's walk starts from, whatever the student's filters and whether or not they fit.
_SAMPLE_COLUMNS = (
    "w.format_id, w.work_mode, w.is_remote, w.compensation_type, w.industry_id, "
    "w.weekly_hours_min, w.duration_weeks, w.total_hours, w.is_demo, w.deadline, w.id"
)

# A format's typical minimum hours a week, weeks and total hours, whole hours rounded up:
# what a listing that does not state them is judged by.
Typical = tuple[int, float, int]
# What `matching_listings` ranks: one (format id, slot, typical, aimed industry ids) per
# suggestion.
Spec = tuple[int, engine.Slot, Typical, Sequence[int]]


def _slot_of(s: engine.Suggestion) -> engine.Slot:
    return engine.Slot(s.weeks, s.weekly_hours, int(s.hours_each))


def _typical(fmt: engine.FormatSpec) -> Typical:
    return math.ceil(fmt.weekly_hours_min), fmt.weeks_min, math.ceil(fmt.total_hours_min)


def _fit_values(slot: engine.Slot, typical: Typical) -> dict[str, object]:
    """The values `_FITS_SLOT` names, by name: the slot's in whole numbers where the listings'
    are, which spares the database a cast to numeric of each listing it walks past."""
    typical_hours, typical_weeks, typical_total = typical
    return {
        "hours": int(slot.weekly_hours),
        "weeks": slot.weeks,
        "capacity": int(slot.hours),
        "typical_hours": typical_hours,
        "typical_weeks": typical_weeks,
        "typical_total": typical_total,
    }


def _industry_first(aimed: Sequence[int], vendor: str) -> tuple[str, list]:
    """The ORDER BY term that puts listings in the aimed industries first."""
    if vendor == "postgresql":
        return "(c.industry_id = ANY(g.aimed)) DESC, ", []
    if not aimed:
        return "", []
    placeholders = ", ".join(["%s"] * len(aimed))
    return f"CASE WHEN c.industry_id IN ({placeholders}) THEN 1 ELSE 0 END DESC, ", list(aimed)


def _skills_next(skill_ids: Sequence[int]) -> tuple[str, list]:
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
    typical = {f.slug: _typical(f) for f in cat.specs}
    groups, specs = [], []
    for k, wp in enumerate(plan.windows):
        for s in wp.suggestions:
            if s.format in cat.ids:
                aimed = [inputs.industry_ids[i] for i in s.industries if i in inputs.industry_ids]
                specs.append((cat.ids[s.format], _slot_of(s), typical[s.format], aimed))
                groups.append((k, s.format))
    return groups, specs


# Only ints, placeholders, our own SQL and the ORM's compiled SQL are put into the SQL text
# below; every value is a parameter.


def _ranked_union(
    eligible: _Eligible, specs: Sequence[Spec], skill_ids: Sequence[int], limit: int
) -> tuple[str, list]:
    """SQL ranking every suggestion of `specs`: one part per suggestion, joined by UNION ALL.
    Rows are (position in `specs`, rank, listing id), `limit` per suggestion at most."""
    skills_sql, skills_params = _skills_next(skill_ids)
    fits = _FITS_SLOT.format(t="w", **dict.fromkeys(_FITS_NAMES, "%s"))
    parts, params = [], []
    for group, (format_id, slot, typical, aimed) in enumerate(specs):
        industry_sql, industry_params = _industry_first(aimed, "sqlite")
        values = _fit_values(slot, typical)
        walk, walk_params = _walk(
            eligible,
            columns=_CANDIDATE_COLUMNS,
            format="%s",
            fits=fits,
            format_params=[format_id],
            fits_params=[values[name] for name in _FITS_NAMES],
        )
        ranked = _CANDIDATES_RANKED.format(order=industry_sql + skills_sql, walk=walk)
        parts.append(
            f"SELECT {int(group)} AS grp, r.rank, r.id FROM ({ranked}) r WHERE r.rank <= %s"  # noqa: S608 (see the comment above)
        )
        params += [*industry_params, *skills_params, *walk_params, limit]
    return " UNION ALL ".join(parts), params


# The VALUES row of one slot for PostgreSQL, with `_fit_values`' names as its columns.
_SLOT_COLUMNS = ("hours", "weeks", "capacity", "typical_hours", "typical_weeks", "typical_total")
_SLOT_CASTS = ("%s::int", "%s::numeric", "%s::int", "%s::int", "%s::numeric", "%s::int")


def _ranked_lateral(
    eligible: _Eligible, specs: Sequence[Spec], skill_ids: Sequence[int], limit: int
) -> tuple[str, list]:
    """`_ranked_union`'s rows for PostgreSQL, in one LATERAL join over a VALUES list of the
    suggestions: the same ranking written once, so planning it costs a third as much."""
    skills_sql, skills_params = _skills_next(skill_ids)
    rows, params = [], []
    for group, (format_id, slot, typical, aimed) in enumerate(specs):
        rows.append(f"(%s::int, %s::bigint, {', '.join(_SLOT_CASTS)}, %s::bigint[])")
        values = _fit_values(slot, typical)
        params += [group, format_id, *(values[name] for name in _SLOT_COLUMNS), list(aimed)]
    industry_sql, _ = _industry_first((), "postgresql")
    walk, walk_params = _walk(
        eligible,
        columns=_CANDIDATE_COLUMNS,
        format="g.format_id",
        fits=_FITS_SLOT.format(t="w", **{name: f"g.{name}" for name in _FITS_NAMES}),
    )
    ranked = _CANDIDATES_RANKED.format(order=industry_sql + skills_sql, walk=walk)
    sql = (
        f"SELECT g.grp, r.rank, r.id FROM (VALUES {', '.join(rows)}) "  # noqa: S608 (see the comment above)
        f"AS g(grp, format_id, {', '.join(_SLOT_COLUMNS)}, aimed) "
        f"CROSS JOIN LATERAL ({ranked}) r WHERE r.rank <= %s"
    )
    params += [*skills_params, *walk_params, limit]
    return sql, params


def _student_eligible(student: engine.StudentProfile, today: datetime.date | None):
    db = Opportunity.objects.db
    return _eligible(
        db,
        connections[db].vendor,
        today or timezone.localdate(),
        accepted_pay(student),
        tuple(student.work_modes),
    )


def _sample_sql(
    eligible: _Eligible, format_ids: Sequence[int], *, lateral: bool
) -> tuple[str, list]:
    """SQL for each format's sample (its `SUPPLY_SAMPLE` first open listings in the ranking's
    walk, see `_walk`), grouped by what the student's filters and a slot ask of a listing and by
    industry: rows of `_SAMPLE_GROUP` and a count. One walk per format: through a LATERAL join
    on PostgreSQL (`lateral`), a UNION ALL of one part per format elsewhere."""
    if lateral:
        walk, params = _walk(eligible, columns=_SAMPLE_COLUMNS, format="f.id", limit=SUPPLY_SAMPLE)
        source = f"unnest(%s::bigint[]) f(id) CROSS JOIN LATERAL ({walk}) c"
        params = [list(format_ids), *params]
    else:
        walks, params = [], []
        for format_id in format_ids:
            walk, walk_params = _walk(
                eligible,
                columns=_SAMPLE_COLUMNS,
                format="%s",
                format_params=[format_id],
                limit=SUPPLY_SAMPLE,
            )
            walks.append(f"SELECT * FROM ({walk}) f{len(walks)}")  # noqa: S608 (our SQL and the ORM's)
            params += walk_params
        source = f"({' UNION ALL '.join(walks)}) c"
    group = ", ".join(f"c.{name}" for name in _SAMPLE_GROUP)
    return f"SELECT {group}, COUNT(*) FROM {source} GROUP BY {group}", params  # noqa: S608 (as above)


_SAMPLE_GROUP = (
    "format_id",
    "work_mode",
    "is_remote",
    "compensation_type",
    "industry_id",
    "weekly_hours_min",
    "duration_weeks",
    "total_hours",
)
# What the student's filters read of a listing: (work mode, is remote, compensation type).
_Kind = tuple[str, bool, str]
# What a slot reads, and how many: (industry id, weekly hours min, weeks, total hours, count).
_SampleRow = tuple[int | None, int | None, float | None, int | None, int]
_Sample = Mapping[int, Mapping[_Kind, tuple[_SampleRow, ...]]]  # by format id, then kind
EVERY_WORK_MODE = tuple(mode for mode in WorkMode.values if mode)
# The sample each process keeps; a listing saved or deleted here clears it.
_kept_sample = Kept("advising-sample", Opportunity)


def _open_sample(alias: str, today: datetime.date, format_ids: tuple[int, ...]) -> _Sample:
    """Each format's sample of open listings, the same for every student, read at most
    `catalogue.TTL` seconds ago by this process (one query when it is not)."""
    key = (alias, today, format_ids, SUPPLY_SAMPLE)
    return _kept_sample.get(key, lambda: _read_sample(alias, today, format_ids))


def _read_sample(alias: str, today: datetime.date, format_ids: tuple[int, ...]) -> _Sample:
    connection = connections[alias]
    every_listing = _eligible(alias, connection.vendor, today, None, EVERY_WORK_MODE)
    sql, params = _sample_sql(every_listing, format_ids, lateral=connection.vendor == "postgresql")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    grouped: dict[int, dict[_Kind, list[_SampleRow]]] = {}
    for format_id, mode, remote, pay, industry_id, hours, weeks, total, n in rows:
        kinds = grouped.setdefault(format_id, {})
        kinds.setdefault((mode, bool(remote), pay), []).append(
            (industry_id, hours, weeks, total, int(n))
        )
    return {
        format_id: {kind: tuple(found) for kind, found in kinds.items()}
        for format_id, kinds in grouped.items()
    }


clear_samples = _kept_sample.clear


def _takes(kind: _Kind, pay: tuple[str, ...] | None, work_modes: tuple[str, ...]) -> bool:
    """Whether a student who accepts `pay` (`accepted_pay`) and `work_modes` may take a listing
    of `kind`: `_eligible`'s filters on them (`_in_work_modes`) in Python (a test holds the two
    to the same answers)."""
    mode, remote, compensation = kind
    if pay is not None and compensation not in pay:
        return False
    if mode in work_modes:
        return True
    if mode != WorkMode.NOT_STATED:
        return False
    return set(work_modes) >= set(EVERY_WORK_MODE) or (WorkMode.REMOTE in work_modes and remote)


def _fits(row: _SampleRow, fit: Mapping[str, object]) -> bool:
    """Whether a listing of `row`'s shape fits the slot of `fit` (`_fit_values`): `_FITS_SLOT`
    in Python (a test holds the two to the same answers)."""
    _, hours, weeks, total, _ = row
    least = fit["typical_hours"] if hours is None else hours
    if least > fit["hours"]:
        return False
    if total is not None and total > fit["capacity"]:
        return False
    if weeks is not None:
        return weeks <= fit["weeks"] and weeks * least <= fit["capacity"]
    return total is not None or (
        fit["typical_weeks"] <= fit["weeks"] and fit["typical_total"] <= fit["capacity"]
    )


def listing_supply(
    inputs: StudentInputs,
    slots: Mapping[tuple[int, str], engine.Slot],
    cat: Catalogue,
    *,
    today: datetime.date | None = None,
) -> dict[tuple[int, str], engine.Supply]:
    """For each slot the engine could book (keyed (window index, format slug)), how many open
    listings the student may take fit it, and how many of those are in each target industry.

    Counted over each format's sample: its `SUPPLY_SAMPLE` first open listings in the
    ranking's walk, of which those the student may take (work mode and pay, `_takes`) are a
    prefix of the listings the ranking starts from, so a count never exceeds what it can show.
    The sample is the same for every student: read in one query that reads at most that many
    index entries per format, whatever the catalogue's size, and kept by the process for
    `catalogue.TTL` seconds (a listing saved or deleted through the ORM clears it at once; an
    import or the nightly closing shows within the TTL, like the catalogue's terms). Each slot
    is counted in Python (`_fits`, what the ranking's SQL asks). A slot no listing fits is
    absent (none open).
    """
    wanted = [(key, slot) for key, slot in slots.items() if key[1] in cat.ids]
    if not wanted:
        return {}
    sample = _open_sample(
        Opportunity.objects.db, today or timezone.localdate(), tuple(sorted(cat.ids.values()))
    )
    pay, work_modes = accepted_pay(inputs.profile), tuple(inputs.profile.work_modes)
    taken: dict[int, list[tuple[_SampleRow, ...]]] = {}
    name_of = {pk: name for name, pk in inputs.industry_ids.items()}
    typical = {f.slug: _typical(f) for f in cat.specs}
    supply = {}
    for key, slot in wanted:
        format_id = cat.ids[key[1]]
        if format_id not in taken:
            kinds = sample.get(format_id, {})
            taken[format_id] = [
                rows for kind, rows in kinds.items() if _takes(kind, pay, work_modes)
            ]
        fit = _fit_values(slot, typical[key[1]])
        found: dict[int | None, int] = {}
        for rows in taken[format_id]:
            for row in rows:
                if _fits(row, fit):
                    found[row[0]] = found.get(row[0], 0) + row[4]
        if not found:
            continue
        aimed = tuple(sorted((name_of[pk], n) for pk, n in found.items() if pk in name_of))
        supply[key] = engine.Supply(sum(found.values()), sum(n for _, n in aimed), aimed)
    return supply


@dataclass(frozen=True)
class _Match:
    pk: int
    version: datetime.datetime
    industry_id: int | None
    deadline: datetime.date | None


def matching_listings(
    inputs: StudentInputs,
    plan: engine.Plan,
    cat: Catalogue,
    *,
    limit: int = LISTINGS_PER_SUGGESTION,
    today: datetime.date | None = None,
) -> dict[tuple[int, str], list[_Match]]:
    """The best open listings for every suggestion of `plan`, keyed (window index, format slug),
    best first.

    Hard filters, never just ranking: open (published, deadline not passed or not stated), a
    work mode the student accepts (`_in_work_modes`), paid when the student needs pay (academic
    credit only when they said credit will do; pay not stated is not paid), never paid when
    they may not take paid work (nor pay not stated), of the suggested format, and fitting the
    suggestion's slot (its hours a week, weeks and total hours; what a listing does not state,
    judged by its format's typical minimums). Among the `CANDIDATES_PER_SUGGESTION`
    soonest-closing listings that pass them (real listings before demo ones, stated deadlines
    before none), ranked real before demo, then by whether the listing's industry is one the
    suggestion aims at, then how many of the student's skills to build it trains, then the
    earliest deadline (none last).

    One query whatever the number of windows, suggestions, skills or listings ranks every
    suggestion's candidates with ROW_NUMBER() and keeps `limit` of each (`advise` reads those
    few listings when they are needed): a LATERAL join on PostgreSQL, a UNION ALL elsewhere.
    The filters on the listing alone are the ORM's (`open()` and the rest), compiled once per
    process for each combination (see `_eligible`); the slot's fit and the ranking are written
    in SQL around them. Written in SQL rather than built with the ORM's Window() and union():
    that query cost 15–30 ms of Python per student to compile, more than the database takes to
    run it.
    """
    eligible = _student_eligible(inputs.profile, today)
    groups, specs = _specs(inputs, plan, cat)
    if not specs or limit <= 0:
        return {}
    db = Opportunity.objects.db
    ranking = _ranked_lateral if connections[db].vendor == "postgresql" else _ranked_union
    sql, params = ranking(eligible, specs, inputs.skill_ids, limit)
    table = connections[db].ops.quote_name(Opportunity._meta.db_table)
    # Each winner's `updated_at` comes with it, so kept listing lines need no listing row.
    sql = (
        f"SELECT u.grp, u.rank, u.id, o.updated_at, o.industry_id, o.deadline FROM ({sql}) u "  # noqa: S608 (our SQL and a quoted table name)
        f"INNER JOIN {table} o ON o.id = u.id"
    )
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = sorted(cursor.fetchall())
    matched: dict[tuple[int, str], list[_Match]] = {}
    for group, _, pk, version, industry_id, deadline in rows:
        matched.setdefault(groups[group], []).append(_Match(pk, version, industry_id, deadline))
    return matched


def _in_field(
    s: engine.Suggestion, found: list[_Match], industry_ids: Mapping[str, int]
) -> tuple[list[_Match], tuple[str, ...]]:
    """The listings to show for `s`: those in the industries it aims at when there are some
    (never filled up with others), else the nearest, said plainly."""
    aimed = {industry_ids[name] for name in s.industries if name in industry_ids}
    if not aimed or not found:
        return found, ()
    inside = [m for m in found if m.industry_id in aimed]
    if inside:
        return inside, ()
    where = " or ".join(s.industries)
    return found, (f"No open {s.name} in {where} fits this slot right now; these are the nearest.",)


def _deadline_note(s: engine.Suggestion, found: list[_Match], spec: engine.FormatSpec | None):
    deadlines = [m.deadline for m in found if m.deadline is not None]
    if spec is None or spec.application_process < 3 or not deadlines:
        return ()
    first = min(deadlines)
    return (f"Apply early: the first of these closes on {first.day} {first:%b %Y}.",)


def advise(
    inputs: StudentInputs,
    *,
    cat: Catalogue | None = None,
    policy: engine.Policy | None = None,
    limit: int = LISTINGS_PER_SUGGESTION,
    today: datetime.date | None = None,
) -> Advice:
    """The engine's plan for `inputs`, each suggestion with its matching listings.

    Three queries at most: each format's sample of open listings, counted for each slot (the
    engine books no more runs than there are; kept by the process, see `listing_supply`), the
    ranking, and the listings matched when a suggestion's `listings` is first read (the formats
    and the policy come from what each process keeps, unless given).
    """
    today = today or timezone.localdate()
    cat = cat or catalogue()
    policy = policy or advising_policy.current()
    supply = listing_supply(
        inputs, engine.slots(inputs.profile, cat.specs, policy), cat, today=today
    )
    plan = engine.suggest(inputs.profile, cat.specs, policy, supply=supply, today=today)
    matched = matching_listings(inputs, plan, cat, limit=limit, today=today)
    specs = {spec.slug: spec for spec in cat.specs}
    shown: dict[tuple[int, str], tuple[list[_Match], tuple[str, ...]]] = {}
    for k, wp in enumerate(plan.windows):
        for s in wp.suggestions:
            found, notes = _in_field(s, matched.get((k, s.format), []), inputs.industry_ids)
            shown[(k, s.format)] = (found, notes + _deadline_note(s, found, specs.get(s.format)))
    rows = _ListingRows(m.pk for found, _ in shown.values() for m in found)
    windows = tuple(
        WindowAdvice(
            wp,
            inputs.window_ids[k] if k < len(inputs.window_ids) else None,
            tuple(
                MatchedSuggestion(
                    s,
                    tuple((m.pk, m.version) for m in shown[(k, s.format)][0]),
                    rows,
                    shown[(k, s.format)][1],
                )
                for s in wp.suggestions
            ),
        )
        for k, wp in enumerate(plan.windows)
    )
    return Advice(windows, plan.notes, inputs.assumptions, plan.year_notes, plan.load, policy)


def advise_student(
    profile: StudentProfile,
    *,
    overrides: Mapping[str, object] | None = None,
    limit: int = LISTINGS_PER_SUGGESTION,
    today: datetime.date | None = None,
    loaded: Loaded | None = None,
) -> Advice:
    """Suggestion and matching listings for a stored student, in six queries at most.

    Three to read the profile's windows, experiences and the ids of the rest (none when the
    caller passes what `inputs.load_student` read), three to sample (see `listing_supply`),
    rank and load the listings; the formats and the policy come from what each process keeps.
    """
    inputs = engine_profile(profile, overrides, today=today, loaded=loaded)
    return advise(inputs, limit=limit, today=today)
