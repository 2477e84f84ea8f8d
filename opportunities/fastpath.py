"""Every performance trick of the opportunities app, and nothing else.

Each one steps outside the plain ORM for a measured reason. Product code elsewhere in the app
calls these functions and never uses raw SQL, the compiler or private attributes itself
(a static-check test keeps it so). Figures re-measured for issue 16 on this
project's 2-core machine, PostgreSQL 15, on 20 000 demo listings (16 191 open) made by
`demo.seed_listings(count=20000)`; how each was measured is said with its figures.

1. `distinct_terms(queryset)`: the terms a set of listings is offered for, unnested in the
   database (`jsonb_array_elements_text` / `json_each` over the queryset's own SQL), so
   only the distinct terms come back, never every listing's list. Browse's term filter reads
   it for all open listings (once a minute per process, `catalogue.current()`).
   All open listings, median of 15: 23.6 ms, against 43.0 ms for `values_list("terms")` and
   a set in Python (which also loads every listing's list). Kept.
   Pinned by tests/opportunities/test_browse.py
   (test_term_choices_come_from_open_listings_in_calendar_order) and test_demo.py.

2. `update_search_vector(queryset, config=...)`: one UPDATE … FROM a grouped join of
   organization and skill names, because the ORM's UPDATE cannot join (with `SearchVector`
   over related fields it would be two correlated subqueries per row).
   All 20 000 listings, median of 3: 2.95 s, against 4.91 s for the ORM's `update()` with
   `SearchVector` over `Subquery`s of the organization's name and a `StringAgg` of the skills
   (the same vectors). Kept.
   Pinned by tests/opportunities/test_search.py and test_search_everywhere.py (PostgreSQL).

3. `copy_rows(model, rows)`: PostgreSQL's COPY for the demo's bulk listings, ids drawn from
   the sequence first because COPY returns none; the instances are then marked saved
   (`_state.adding = False`) as `bulk_create()` would.
   `seed_listings(count=20000)`: 8.9 s, against 21.2 s with `bulk_create()`. Kept.
   Pinned by tests/opportunities/test_demo.py (test_demo_listings_are_searchable on
   PostgreSQL; the others with bulk_create on SQLite).

4. `vacuum_analyze(*models)`: VACUUM ANALYZE after the demo's bulk load, so the first searches
   do not wade through the dead row versions the search-column UPDATE leaves behind.
   Right after `seed_listings(count=20000)` with autovacuum off, a search for "data": first
   8.5 ms with it, 80.7 ms without; median of the next five 15.6 ms against 52.4 ms. Kept.
   Pinned by tests/opportunities/test_demo.py (it runs there; the gain is measured only).

5. `Kept`: a value kept per process for `TTL` seconds, cleared by the ORM's save and delete
   signals: the catalogue (`opportunities.catalogue.current()`), and, in advising, the
   policy row and the counts' sample.
   `catalogue.current()` kept: under 0.01 ms and no query; read: 81.8 ms and 5 queries
   (median of 20, the terms of 16 191 open listings included) on every page that shows
   filters, the engine's formats or a student's skills. Kept.
   Pinned by tests/opportunities/test_catalogue.py and tests/perf/test_query_budgets.py.
"""

from __future__ import annotations

import threading
import time

from django.db import connections
from django.db.models.signals import post_delete, post_save

TTL = 60.0  # seconds a worker may show a catalogue edit made in another worker late


# 1. Distinct terms ---------------------------------------------------------------------------


def distinct_terms(queryset) -> list[str]:
    """The distinct non-empty elements of the `terms` JSON lists of `queryset`'s rows, unsorted.

    A value that is not a list counts as an empty one."""
    connection = connections[queryset.db]
    sql, params = queryset.order_by().values("terms").query.sql_with_params()
    if connection.vendor == "postgresql":
        elements = (
            "jsonb_array_elements_text(CASE WHEN jsonb_typeof(listing.terms) = 'array' "
            "THEN listing.terms ELSE '[]'::jsonb END) AS element(value)"
        )
    else:
        elements = (
            "json_each(CASE WHEN json_type(listing.terms) = 'array' "
            "THEN listing.terms ELSE '[]' END) AS element"
        )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT element.value FROM ({sql}) AS listing, {elements}",  # noqa: S608 (the ORM's compiled SQL)
            params,
        )
        return [term for (term,) in cursor.fetchall() if term]


# 2. The search column ------------------------------------------------------------------------

# Placeholders in braces are quoted table names and the queryset's own SQL for the ids; values
# are passed as parameters.
_SEARCH_VECTOR_SQL = """
    UPDATE {listing} AS listing
    SET search_vector =
        setweight(to_tsvector(%s::regconfig, listing.title), 'A')
        || setweight(to_tsvector(%s::regconfig, texts.organization || ' ' || texts.skills), 'B')
        || setweight(to_tsvector(%s::regconfig, listing.summary), 'C')
        || setweight(to_tsvector(%s::regconfig, listing.description), 'D')
    FROM (
        SELECT l.id, o.name AS organization,
               coalesce(string_agg(s.name, ' ' ORDER BY s.name), '') AS skills
        FROM {listing} AS l
        JOIN {organization} AS o ON o.id = l.organization_id
        LEFT JOIN {listing_skill} AS ls ON ls.opportunity_id = l.id
        LEFT JOIN {skill} AS s ON s.id = ls.skill_id
        WHERE l.id IN ({ids})
        GROUP BY l.id, o.name
    ) AS texts
    WHERE listing.id = texts.id
"""


def update_search_vector(queryset, *, config: str) -> int:
    """Recompute the search column of `queryset`'s listings in one UPDATE (PostgreSQL only);
    returns the number of rows updated. Weights: title A, organization and skills B, summary C,
    description D."""
    connection = connections[queryset.db]
    listing = queryset.model
    skills = listing._meta.get_field("skills")
    tables = {
        "listing": listing,
        "organization": listing._meta.get_field("organization").related_model,
        "listing_skill": skills.remote_field.through,
        "skill": skills.related_model,
    }
    names = {key: connection.ops.quote_name(m._meta.db_table) for key, m in tables.items()}
    ids_sql, ids_params = queryset.order_by().values("pk").query.sql_with_params()
    sql = _SEARCH_VECTOR_SQL.format(ids=ids_sql, **names)
    with connection.cursor() as cursor:
        cursor.execute(sql, [config] * 4 + list(ids_params))
        return cursor.rowcount


# 3. and 4. Bulk loading ----------------------------------------------------------------------


def copy_rows(model, rows: list, *, using: str = "default") -> list:
    """PostgreSQL's COPY: the same rows as `bulk_create()`, faster (see the docstring's figures).

    Ids are taken from the table's sequence first, because COPY cannot return them."""
    if not rows:
        return rows
    connection = connections[using]
    quote = connection.ops.quote_name
    table = model._meta.db_table
    fields = model._meta.concrete_fields
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, model._meta.pk.column, len(rows)],
        )
        for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
            row.pk = row.pk or pk
        columns = ", ".join(quote(field.column) for field in fields)
        copy_sql = f"COPY {quote(table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(
                    [
                        field.get_db_prep_save(field.pre_save(row, True), connection)
                        for field in fields
                    ]
                )
    for row in rows:
        row._state.adding = False  # what bulk_create() does: the rows are saved
    return rows


def vacuum_analyze(*models, using: str = "default") -> None:
    """VACUUM ANALYZE the models' tables (PostgreSQL, outside a transaction; else nothing)."""
    connection = connections[using]
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


# 5. Values kept per process ------------------------------------------------------------------


class Kept:
    """One value each process keeps for `TTL` seconds: `get(key, read)` returns the value kept
    for `key`, or calls `read()` when none is, it is older than `TTL` or it was kept for another
    key; saving or deleting a row of `models` through the ORM clears it in this process
    (`clear()` for writes that send no signal)."""

    def __init__(self, name: str, *models) -> None:
        self._lock = threading.Lock()
        self._kept: tuple[object, float, object] | None = None
        for model in models:
            for signal, what in ((post_save, "save"), (post_delete, "delete")):
                uid = f"{name}-clear-{what}-{model.__name__}"
                signal.connect(self.clear, sender=model, weak=False, dispatch_uid=uid)

    def get(self, key, read):
        kept = self._kept
        if kept and kept[0] == key and time.monotonic() - kept[1] < TTL:
            return kept[2]
        value = read()
        with self._lock:
            self._kept = (key, time.monotonic(), value)
        return value

    def clear(self, **_ignored) -> None:
        with self._lock:
            self._kept = None
