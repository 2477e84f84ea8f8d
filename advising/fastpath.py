"""The advising app's fast paths: every place where it steps past the plain ORM for speed, and
why. Nothing else in `advising` writes raw SQL, compiles a query by hand or writes Django's
private attributes (tests/test_architecture.py fails when it does).

Each trick, its gain re-measured for issue 16 (in-process on SQLite, the bench's quick tier;
CPU time, each variant alternated with the other in one process), the query budgets of
tests/perf/test_query_budgets.py, and the tests that pin it:

1. **Relations stored as if prefetched** (`store_prefetched`). `inputs.load_student` reads a
   profile in three queries: windows, experiences, and one UNION ALL of the ids in the four
   link tables and the accepted recommendation lines (`links_sql`, written from the models'
   names: built with the ORM it cost a millisecond per page to compile).
   `recommendations.shared_recommendations` reads the shared recommendations with their lines
   and formats in one LEFT JOIN. Both store the rows where `prefetch_related()` would, so
   `profile.skills.all()` and `recommendation.items.all()` read nothing again. Django has no
   public API that takes rows already read: `prefetch_related_objects` and
   `Prefetch(queryset=...)` cost a query per relation. Measured: the windows and three link
   tables through `prefetch_related_objects`, 4 queries and 7.5 ms, against the whole profile
   here, 3 queries and 1.5 ms; the shared recommendations through `Prefetch`, 2 queries and
   1.34 ms against 1 and 1.26 ms, which takes the student's dashboard from 8 queries (its
   budget) to 9. The windows are stored the same way: `prefetch_related_objects` reads nothing
   for a profile whose windows were read before (test_matching_cost.py's
   `test_the_query_count_is_constant` reuses one). Pinned by test_inputs.py, test_summary.py's
   `test_logged_experiences_reads_a_profile_in_two_queries`, test_matching_cost.py and the
   dashboard, suggestion and advisor page budgets in tests/perf/test_query_budgets.py.
2. **The listing filters compiled once per process** (`eligible`, an `lru_cache` keyed on the
   database, its vendor, today's date, the pay and the work modes: a few dozen entries a day).
   Compiling them costs 0.75–0.82 ms, a hit 0.1 µs; a suggestion's CPU time with the cache
   p50 7.6 ms, p95 17.8 ms, without it 8.5 ms and 19.1 ms (200 students, four rounds). Pinned by
   test_matching_counts.py's `test_the_filters_in_python_give_the_orms_answers`.
3. **The listing match in SQL written by hand around the ORM's filters** (`ranked`,
   `sample_sql`, `with_versions`, `run`): one query ranks every suggestion
   with ROW_NUMBER(), a LATERAL join on PostgreSQL, a UNION ALL of ordered, limited index walks
   elsewhere. The same query built with the ORM's Window() and union() cost 15–30 ms of Python
   per student to compile (issue 9's measure; the whole suggestion takes 7–9 ms of CPU at
   p50). Tables and columns are named from the models' `_meta` (Options API): `$name` below
   is `Opportunity`'s column for that field. Pinned by test_matching_counts.py (the SQL and
   its Python mirrors give the same answers), test_matching_cost.py (the LATERAL and UNION ALL
   forms give the same rows on PostgreSQL; the query count is constant) and the budgets.

Kept per process by `opportunities.fastpath.Kept` (that module says why), and so not repeated
here: the policy (`policy.py`) and the counts' sample (`matching.listing_supply`: one query per
process a minute instead of a count per student, about 2 ms of the engine's p95, issue 15).
The listing lines are kept in Django's cache (`opportunities.fragments`). The reasons' markup,
written with `html.escape` and `mark_safe` before issue 16, is `format_html_join` now (0.26 →
0.51 ms for ninety reasons, the most a page shows: 1 % of the advisor's student page).
"""

from __future__ import annotations

import datetime
import functools
import string
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, connections
from django.db.models import Q

from opportunities.models import Opportunity

from . import engine
from .hard_filters import eligible_listings
from .models import Experience, Recommendation, RecommendationItem, StudentProfile

# Listings ranked per suggestion: the soonest-closing ones that pass every hard filter. Bounds
# the work per student whatever the size of the catalogue (see `matching_listings`).
CANDIDATES_PER_SUGGESTION = 200
# How many of each format's first open listings the counts read (`listing_supply`), whatever
# the student's filters: those the student may take are a prefix of the walk the ranking starts
# from, and no more than it ranks, so a count never promises more than the ranking can find.
SUPPLY_SAMPLE = 200


def store_prefetched(instance, name: str, rows) -> None:
    """Store `rows` as the prefetched `instance.<name>.all()`, as prefetch_related() does."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset


def run(alias: str, sql: str, params: Sequence) -> list[tuple]:
    """The rows of `sql` on the database `alias`."""
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@functools.lru_cache(maxsize=4)
def links_sql(alias: str) -> str:
    """SQL for the ids in a profile's link tables, as rows of (kind, owner, id, count): target
    industries (1), skills (2) and skills to build (3) with owner 0, each experience's skills (4)
    with the experience's id, and the lines of accepted recommendations that name a window (5)
    as (5, window id, format id, count). Parameters: the profile's id for each part, then the
    accepted status.

    Written in SQL from the models' table and column names: the same UNION ALL built with the
    ORM cost a millisecond per page to compile.
    """
    qn = connections[alias].ops.quote_name
    parts = [
        f"SELECT {kind}, 0, {qn(m2m.m2m_reverse_name())}, 0 FROM {qn(m2m.m2m_db_table())} "  # noqa: S608 (quoted names from the models; the id is a parameter)
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
        f"SELECT 4, l.{qn(logged.m2m_column_name())}, l.{qn(logged.m2m_reverse_name())}, 0 "  # noqa: S608 (as above)
        f"FROM {qn(logged.m2m_db_table())} l INNER JOIN {qn(Experience._meta.db_table)} e "
        f"ON e.id = l.{qn(logged.m2m_column_name())} WHERE e.{qn(profile_column)} = %s"
    )
    item = {
        name: qn(RecommendationItem._meta.get_field(name).column)
        for name in ("window", "format", "recommendation", "count")
    }
    recommendation = {
        name: qn(Recommendation._meta.get_field(name).column) for name in ("profile", "status")
    }
    parts.append(
        f"SELECT 5, i.{item['window']}, i.{item['format']}, i.{item['count']} "  # noqa: S608 (as above)
        f"FROM {qn(RecommendationItem._meta.db_table)} i "
        f"INNER JOIN {qn(Recommendation._meta.db_table)} r ON r.id = i.{item['recommendation']} "
        f"WHERE r.{recommendation['profile']} = %s AND r.{recommendation['status']} = %s "
        f"AND i.{item['window']} IS NOT NULL"
    )
    return " UNION ALL ".join(parts)


# --- the listing match ----------------------------------------------------------------------

# Each listing column the SQL below names, by field (attname): quoted, from the Options API.
_COLUMNS = {f.attname: connection.ops.quote_name(f.column) for f in Opportunity._meta.fields}


def _sql(text: str) -> str:
    """`text` with each `$name` replaced by `Opportunity`'s column for the field `name`."""
    return string.Template(text).substitute(_COLUMNS)


# The fields of `eligible` that the SQL below reads.
_ELIGIBLE_FIELDS = (
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


@dataclass(frozen=True)
class Eligible:
    """The open listings a student may take, as compiled SQL and parameters, in the two index
    ranges `open()` covers: those stating a deadline (not passed), and those stating none."""

    dated: tuple[str, tuple]
    undated: tuple[str, tuple]


@functools.lru_cache(maxsize=256)
def eligible(
    alias: str,
    vendor: str,
    today: datetime.date,
    pay: tuple[str, ...] | None,
    work_modes: tuple[str, ...],
) -> Eligible:
    """`hard_filters.eligible_listings`, each half with a condition the match index can start
    from (a deadline from today, or none), so that a walk skips the published listings whose
    deadline has passed.

    Compiled once per process for each combination (a few dozen a day, whatever the number of
    students; `vendor` keeps SQLite's and PostgreSQL's apart): compiling it took a millisecond
    of each suggestion.
    """
    listings = eligible_listings(alias, today, pay, work_modes)
    halves = []
    for half in (Q(deadline__gte=today), Q(deadline__isnull=True)):
        query = listings.filter(half).order_by().values_list(*_ELIGIBLE_FIELDS).query
        sql, params = query.get_compiler(alias).as_sql()
        halves.append((sql, tuple(params)))
    return Eligible(*halves)


# One part of a walk: the listings of one format, real or demo, with or without a deadline,
# in the match index's order (`opportunity_match_idx`: format, status, is_demo, deadline, id),
# as many as the walk takes at most.
_WALK_PART = _sql(
    "SELECT * FROM (SELECT {columns} FROM ({eligible}) w WHERE w.$format_id = {format}"
    " AND w.$is_demo = {demo} AND {fits} ORDER BY w.$is_demo, w.$deadline, w.$id LIMIT %s) p{n}"
)
_WALK_ORDER = _sql("ORDER BY x.$is_demo, x.$deadline NULLS LAST, x.$id LIMIT %s")


def _walk(
    eligible: Eligible,
    *,
    columns: str,
    format: str,
    fits: str = "TRUE",
    format_params: Sequence = (),
    fits_params: Sequence = (),
    limit: int | None = None,
) -> tuple[str, list]:
    """SQL for the `limit` (`CANDIDATES_PER_SUGGESTION`) first open listings of one format
    (`format`, SQL) that pass `fits` (SQL), real ones before demo ones, soonest deadline first,
    no deadline last: four index ranges, each read only as far as the walk needs, merged.
    `columns` (SQL over the alias `w`) must include is_demo and deadline."""
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
    sql = f"SELECT * FROM ({' UNION ALL '.join(parts)}) x {_WALK_ORDER}"  # noqa: S608 (our SQL and the ORM's)
    return sql, [*params, limit]


# A listing fits a slot (its most hours a week, weeks and total hours): SQL over `eligible`'s
# columns (table alias `t`), with the slot and its format's typical minimum hours a week, weeks
# and total hours as SQL (placeholders or columns). A listing's least effort (its weeks at its
# fewest hours a week) must fit the slot's hours too. What a listing does not state is judged
# by its format's typical minimums: hours a week when it states none, weeks and total hours
# when it states neither.
_FITS_SLOT = _sql(
    "COALESCE({t}.$weekly_hours_min, {typical_hours}) <= {hours}"
    " AND ({t}.$duration_weeks IS NULL OR {t}.$duration_weeks <= {weeks})"
    " AND ({t}.$total_hours IS NULL OR {t}.$total_hours <= {capacity})"
    " AND ({t}.$duration_weeks IS NULL"
    " OR {t}.$duration_weeks * COALESCE({t}.$weekly_hours_min, {typical_hours}) <= {capacity})"
    " AND ({t}.$duration_weeks IS NOT NULL OR {t}.$total_hours IS NOT NULL"
    " OR ({typical_weeks} <= {weeks} AND {typical_total} <= {capacity}))"
)
# The slot's and the format's values `_FITS_SLOT` names, in the order they appear in it.
_FITS_NAMES = tuple(
    name for _, name, _, _ in string.Formatter().parse(_FITS_SLOT) if name and name != "t"
)

# A format's typical minimum hours a week, weeks and total hours, whole hours rounded up:
# what a listing that does not state them is judged by.
Typical = tuple[int, float, int]
# What the ranking ranks: one (format id, slot, typical, aimed industry ids) per suggestion.
Spec = tuple[int, engine.Slot, Typical, Sequence[int]]


def fit_values(slot: engine.Slot, typical: Typical) -> dict[str, object]:
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


# A suggestion's listings: among the first CANDIDATES_PER_SUGGESTION of a walk over its format's
# listings that fit its slot (`walk`, see `_walk`), numbered best first by `order` (SQL ending in
# ", ") within real and demo, and then by deadline (none last).
_CANDIDATES_RANKED = _sql(
    "SELECT c.$id, ROW_NUMBER() OVER ("
    "ORDER BY c.$is_demo, {order}c.$deadline NULLS LAST, c.$id) AS rank FROM ({walk}) c"
)
_CANDIDATE_COLUMNS = _sql("w.$id, w.$industry_id, w.$is_demo, w.$deadline")

# The columns of one format's sample for the counts: the SUPPLY_SAMPLE open listings the
# ranking's walk starts from, whatever the student's filters and whether or not they fit.
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
_SAMPLE_COLUMNS = ", ".join(
    f"w.{_COLUMNS[name]}" for name in (*_SAMPLE_GROUP, "is_demo", "deadline", "id")
)


def _industry_first(aimed: Sequence[int], vendor: str) -> tuple[str, list]:
    """The ORDER BY term that puts listings in the aimed industries first."""
    industry = _COLUMNS["industry_id"]
    if vendor == "postgresql":
        return f"(c.{industry} = ANY(g.aimed)) DESC, ", []
    if not aimed:
        return "", []
    placeholders = ", ".join(["%s"] * len(aimed))
    return f"CASE WHEN c.{industry} IN ({placeholders}) THEN 1 ELSE 0 END DESC, ", list(aimed)


def _skills_next(skill_ids: Sequence[int]) -> tuple[str, list]:
    """The ORDER BY term that puts listings training more of `skill_ids` first."""
    if not skill_ids:
        return "", []
    qn = connections[Opportunity.objects.db].ops.quote_name
    trains = Opportunity.skills.field
    placeholders = ", ".join(["%s"] * len(skill_ids))
    return (
        f"(SELECT COUNT(*) FROM {qn(trains.m2m_db_table())} s "  # noqa: S608 (quoted names from the models, placeholders)
        f"WHERE s.{qn(trains.m2m_column_name())} = c.{_COLUMNS['id']} "
        f"AND s.{qn(trains.m2m_reverse_name())} IN ({placeholders})) DESC, ",
        list(skill_ids),
    )


# Only ints, placeholders, our own SQL, quoted names from the models and the ORM's compiled SQL
# are put into the SQL text below; every value is a parameter.
def ranked(
    eligible: Eligible,
    specs: Sequence[Spec],
    skill_ids: Sequence[int],
    limit: int,
    candidates: int = CANDIDATES_PER_SUGGESTION,
    *,
    lateral: bool = False,
) -> tuple[str, list]:
    """SQL ranking every suggestion of `specs` among its `candidates` first listings, the
    listings training more of `skill_ids` first. Rows are (position in `specs`, rank, listing
    id), `limit` per suggestion at most. One part per suggestion joined by UNION ALL, or on
    PostgreSQL (`lateral`) one LATERAL join over a VALUES list of the suggestions: the same
    ranking written once, so planning it costs a third as much."""
    ranking = _ranked_lateral if lateral else _ranked_union
    return ranking(eligible, specs, _skills_next(skill_ids), limit, candidates)


def _ranked_union(eligible, specs, skills, limit, candidates) -> tuple[str, list]:
    skills_sql, skills_params = skills
    fits_sql = _FITS_SLOT.format(t="w", **dict.fromkeys(_FITS_NAMES, "%s"))
    parts, params = [], []
    for group, (format_id, slot, typical, aimed) in enumerate(specs):
        industry_sql, industry_params = _industry_first(aimed, "sqlite")
        values = fit_values(slot, typical)
        walk, walk_params = _walk(
            eligible,
            columns=_CANDIDATE_COLUMNS,
            format="%s",
            fits=fits_sql,
            format_params=[format_id],
            fits_params=[values[name] for name in _FITS_NAMES],
            limit=candidates,
        )
        ranked = _CANDIDATES_RANKED.format(order=industry_sql + skills_sql, walk=walk)
        parts.append(
            f"SELECT {int(group)} AS grp, r.rank, r.{_COLUMNS['id']} "  # noqa: S608 (see the comment above)
            f"FROM ({ranked}) r WHERE r.rank <= %s"
        )
        params += [*industry_params, *skills_params, *walk_params, limit]
    return " UNION ALL ".join(parts), params


# The VALUES row of one slot for PostgreSQL, with `fit_values`' names as its columns.
_SLOT_COLUMNS = ("hours", "weeks", "capacity", "typical_hours", "typical_weeks", "typical_total")
_SLOT_CASTS = ("%s::int", "%s::numeric", "%s::int", "%s::int", "%s::numeric", "%s::int")


def _ranked_lateral(eligible, specs, skills, limit, candidates) -> tuple[str, list]:
    skills_sql, skills_params = skills
    rows, params = [], []
    for group, (format_id, slot, typical, aimed) in enumerate(specs):
        rows.append(f"(%s::int, %s::bigint, {', '.join(_SLOT_CASTS)}, %s::bigint[])")
        values = fit_values(slot, typical)
        params += [group, format_id, *(values[name] for name in _SLOT_COLUMNS), list(aimed)]
    industry_sql, _ = _industry_first((), "postgresql")
    walk, walk_params = _walk(
        eligible,
        columns=_CANDIDATE_COLUMNS,
        format="g.format_id",
        fits=_FITS_SLOT.format(t="w", **{name: f"g.{name}" for name in _FITS_NAMES}),
        limit=candidates,
    )
    ranked = _CANDIDATES_RANKED.format(order=industry_sql + skills_sql, walk=walk)
    sql = (
        f"SELECT g.grp, r.rank, r.{_COLUMNS['id']} FROM (VALUES {', '.join(rows)}) "  # noqa: S608 (see the comment above)
        f"AS g(grp, format_id, {', '.join(_SLOT_COLUMNS)}, aimed) "
        f"CROSS JOIN LATERAL ({ranked}) r WHERE r.rank <= %s"
    )
    params += [*skills_params, *walk_params, limit]
    return sql, params


_WITH_VERSIONS = _sql(
    "SELECT u.grp, u.rank, u.$id, o.$updated_at, o.$industry_id, o.$deadline "
    "FROM ({ranked}) u INNER JOIN {table} o ON o.$id = u.$id"
)


def with_versions(alias: str, ranked: str) -> str:
    """`ranked`'s rows (group, rank, id) with each listing's `updated_at`, industry and
    deadline, so kept listing lines need no listing row."""
    table = connections[alias].ops.quote_name(Opportunity._meta.db_table)
    return _WITH_VERSIONS.format(ranked=ranked, table=table)


def sample_sql(
    eligible: Eligible, format_ids: Sequence[int], *, lateral: bool, limit: int = SUPPLY_SAMPLE
) -> tuple[str, list]:
    """SQL for each format's sample (its `limit` first open listings in the ranking's walk, see
    `_walk`), grouped by what the student's filters and a slot ask of a listing and by
    industry: rows of `_SAMPLE_GROUP` and a count. One walk per format: through a LATERAL join
    on PostgreSQL (`lateral`), a UNION ALL of one part per format elsewhere."""
    if lateral:
        walk, params = _walk(eligible, columns=_SAMPLE_COLUMNS, format="f.id", limit=limit)
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
                limit=limit,
            )
            walks.append(f"SELECT * FROM ({walk}) f{len(walks)}")  # noqa: S608 (our SQL and the ORM's)
            params += walk_params
        source = f"({' UNION ALL '.join(walks)}) c"
    group = ", ".join(f"c.{_COLUMNS[name]}" for name in _SAMPLE_GROUP)
    return f"SELECT {group}, COUNT(*) FROM {source} GROUP BY {group}", params  # noqa: S608 (as above)
