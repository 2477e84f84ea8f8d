"""Deterministic benchmark data in tiers, bulk-loaded once and cached between runs.

    python -m bench.seed --tier campus [--force]

Each tier lives in its own database (PostgreSQL `careercenter_bench_<tier>`, or a SQLite file
for the quick tier) with a `bench_marker` row saying which tier, seed and schema built it. A run
reuses the database when the marker matches and re-seeds from scratch when it does not.

The data is drawn from fixed seeds, one random stream per table, so changing how one table is
drawn leaves the others alone. Listings are the demo's (opportunities.demo.draw_listing) at the
tier's scale, with the benchmark's own organizations and schedule. What the benchmark needs
from its shape:
* a common search term ("data", the demo's data topics) in ~15 % of open listings, a selective
  one ("hydrology") in ~0.3 %;
* a few organizations own most listings (Zipf), as on real job boards;
* a few power users with 60 saved listings, 55 experiences and several recommendations;
* profiles with availability windows, goals and histories across the engine's archetypes;
* ~2 000 students per advisor on the campus tier.
"""

import argparse
import hashlib
import itertools
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from bench.draw import Draw, read_sources

# Every file the drawn rows depend on: the cached database is stale when any of them changes.
SEED_FILES = (
    "bench/seed.py",
    "bench/draw.py",
    "bench/vocabulary.py",
    "opportunities/demo/generator.py",
    "opportunities/demo/sources.py",
    "opportunities/demo/vocabulary.py",
)

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / "cache"
SEED = 8  # the number; change SEED_VERSION instead to force every cache to rebuild
SEED_VERSION = 1
MAX_AGE_DAYS = 20  # open listings' deadlines start 21 days after seeding: none expires in a cache
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


@dataclass(frozen=True)
class Tier:
    name: str
    open_listings: int
    closed_listings: int  # closed, expired and draft listings that browse must skip
    students: int
    advisors: int
    organizations: int
    power_users: int = 5


TIERS = {
    "quick": Tier("quick", 2_000, 1_000, 2_000, 2, 200),
    "campus": Tier("campus", 10_000, 30_000, 60_000, 30, 1_500),
    "system": Tier("system", 100_000, 50_000, 500_000, 250, 8_000),
}


def database_url(tier: str) -> str:
    if tier == "quick":
        return f"sqlite:///{CACHE / 'quick.sqlite3'}"
    return f"{POSTGRES}/careercenter_bench_{tier}"


# --- loading -----------------------------------------------------------------------------------


def table_specs() -> dict[str, tuple[str, list[str], list]]:
    """Table key -> (table, columns, fields), in the order `Draw` yields each row's values."""
    from django.contrib.auth import get_user_model

    from advising import models as a
    from opportunities import models as o

    def model(m, *names):
        fields = [m._meta.get_field(n) for n in names]
        return m._meta.db_table, [f.column for f in fields], fields

    def m2m(m, name):
        field = m._meta.get_field(name)
        table = field.remote_field.through._meta.db_table
        return table, [field.m2m_column_name(), field.m2m_reverse_name()], []

    User = get_user_model()
    return {
        "organization": model(o.Organization, "id", "name", "slug", "website", "description",
                              "industry", "is_verified", "created_at", "name_key", "is_demo"),
        "opportunity": model(
            o.Opportunity, "id", "title", "slug", "organization", "format", "industry",
            "summary", "description", "work_mode", "locations", "weekly_hours_min",
            "weekly_hours_max", "duration_weeks", "total_hours", "start_date", "deadline",
            "compensation_type", "compensation_amount", "apply_url", "apply_instructions",
            "status", "published_at", "closed_at", "created_at", "updated_at", "is_remote",
            "terms", "sponsorship", "posted_at", "source_updated_at", "external_source",
            "external_id", "content_hash", "is_demo",
        ),
        "opportunity_skills": m2m(o.Opportunity, "skills"),
        "user": model(User, "id", "password", "last_login", "is_superuser", "first_name",
                      "last_name", "email", "is_staff", "is_active", "date_joined"),
        "user_groups": m2m(User, "groups"),
        "profile": model(
            a.StudentProfile, "id", "user", "advisor", "programme", "level",
            "expected_graduation", "career_clarity", "learning_goal", "needs_pay", "credit_ok",
            "work_modes", "networking_goal", "application_ready", "directory_hold", "legal_hold",
            "deletion_requested_at", "created_at", "updated_at",
        ),
        "profile_target_industries": m2m(a.StudentProfile, "target_industries"),
        "profile_skills": m2m(a.StudentProfile, "skills"),
        "profile_skills_to_build": m2m(a.StudentProfile, "skills_to_build"),
        "window": model(a.AvailabilityWindow, "id", "profile", "label", "kind", "starts_on",
                        "ends_on", "weeks", "weekly_hours"),
        "experience": model(a.Experience, "id", "profile", "title", "organization_name",
                            "format", "industry", "hours", "started_on", "ended_on",
                            "reflection", "opportunity", "created_at"),
        "experience_skills": m2m(a.Experience, "skills"),
        "saved": model(o.SavedOpportunity, "user", "opportunity", "created_at"),
        "recommendation": model(a.Recommendation, "id", "profile", "advisor", "status", "notes",
                                "next_step", "follow_up_on", "shared_at", "response_comment",
                                "responded_at", "created_at", "updated_at"),
        "recommendation_item": model(a.RecommendationItem, "id", "recommendation", "window",
                                     "window_label", "format", "count", "rationale"),
    }  # fmt: skip


def _batches(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _write(connection, table: str, columns: list[str], fields: list, rows: Iterable) -> int:
    """COPY on PostgreSQL (psycopg 3), batched executemany on SQLite; returns the row count."""
    qn = connection.ops.quote_name
    names = ", ".join(qn(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {qn(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        adapt = {  # SQLite stores dates and aware datetimes as text, as Django writes them
            "DateField": connection.ops.adapt_datefield_value,
            "DateTimeField": connection.ops.adapt_datetimefield_value,
        }
        types = [f.get_internal_type() for f in fields]
        adapters = [(i, adapt[t]) for i, t in enumerate(types) if t in adapt]
        sql = f"INSERT INTO {qn(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        for batch in _batches(rows, 5000):
            if adapters:
                batch = [list(row) for row in batch]
                for row in batch:
                    for i, fn in adapters:
                        row[i] = fn(row[i])
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def load(tier: Tier, *, seed: int = SEED, today: date) -> dict:
    """Draw and bulk-load `tier` into the (freshly migrated, empty) default database.

    Returns the fixtures the harness needs: who to log in as, which listings to open, row
    counts, the measured share of each search term and the seconds each phase took.
    """
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from opportunities.models import Opportunity

    specs = table_specs()
    postgres = connection.vendor == "postgresql"
    seconds, clock = {}, time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal clock
        seconds[phase] = round(time.perf_counter() - clock, 1)
        clock = time.perf_counter()

    with transaction.atomic(), connection.cursor() as cursor:
        catalogue = read_sources()
        draw = Draw(tier, catalogue, seed=seed, today=today)
        if postgres:
            # Foreign keys are triggers: off while loading rows that are consistent by
            # construction. Secondary indexes are rebuilt once, after the rows are in.
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            indexes = _drop_indexes(cursor, {spec[0] for spec in specs.values()})
        counts = {key: _write(connection, *specs[key], rows) for key, rows in draw.tables()}
        models = {f.model for _, _, fields in specs.values() for f in fields}
        for sql in connection.ops.sequence_reset_sql(no_style(), sorted(models, key=str)):
            cursor.execute(sql)
        lap("rows")
        refresh_search_vectors()
        lap("search_vectors")
        for sql in indexes if postgres else ():
            cursor.execute(sql)
        lap("indexes")
        picks = [pk for pk, _ in draw.fixtures["listings"]]
        draw.fixtures["listings"] = [  # with the slugs as the database holds them
            list(row)
            for row in Opportunity.objects.filter(pk__in=picks)
            .order_by("pk")
            .values_list("pk", "slug")
        ]
    if postgres and not connection.in_atomic_block:  # VACUUM cannot run in a transaction
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    lap("vacuum_analyze")
    return draw.fixtures | {"rows": counts, "phases": seconds}


def refresh_search_vectors() -> None:
    """Fill the listings' full-text column, as the opportunities app keeps it (one UPDATE).

    COPY bypasses model saves (and, with replication role set, triggers), so the seeder calls
    the queryset method itself once the rows are in, before the GIN index is rebuilt.
    """
    from opportunities.models import Opportunity

    Opportunity.objects.all().update_search_vector()


def _drop_indexes(cursor, tables: set[str]) -> list[str]:
    """Drop the secondary indexes of `tables` (not primary keys or constraints); return DDL."""
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relname = ANY(%s) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY 1
        """,
        [sorted(tables)],
    )
    found = cursor.fetchall()
    for name, _ in found:
        cursor.execute(f"DROP INDEX {name}")
    return [ddl for _, ddl in found]


# --- the cache ---------------------------------------------------------------------------------


def git_blob_hash(path: Path) -> str:
    """What `git hash-object` prints for the file (so uncommitted edits count too)."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def schema_hash() -> str:
    """Changes whenever a migration is added or edited: the cached database is then stale."""
    digest = hashlib.sha1(usedforsecurity=False)
    for path in sorted(ROOT.glob("*/migrations/[0-9]*.py")):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def fingerprint(tier: str) -> dict:
    return {
        "tier": tier,
        "seed": SEED,
        "seed_version": SEED_VERSION,
        "seed_hash": hashlib.sha1(
            "".join(git_blob_hash(ROOT / name) for name in SEED_FILES).encode(),
            usedforsecurity=False,
        ).hexdigest(),
        "schema_hash": schema_hash(),
    }


def read_marker(tier: str) -> dict | None:
    """The marker of the tier's cached database, or None if there is no complete one."""
    import psycopg

    try:
        if tier == "quick":
            path = CACHE / "quick.sqlite3"
            if not path.exists():
                return None
            with sqlite3.connect(path) as conn:
                row = conn.execute("SELECT info FROM bench_marker").fetchone()
        else:
            with psycopg.connect(database_url(tier), connect_timeout=5) as conn:
                row = conn.execute("SELECT info FROM bench_marker").fetchone()
    except (sqlite3.Error, psycopg.Error):  # no database yet, or seeding never finished
        return None
    return json.loads(row[0]) if row else None


def is_current(marker: dict | None, tier: str, today: date) -> bool:
    if marker is None:
        return False
    same = all(marker.get(k) == v for k, v in fingerprint(tier).items())
    age = (today - date.fromisoformat(marker["seeded_on"])).days
    return same and 0 <= age <= MAX_AGE_DAYS


def _reset_database(tier: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    if tier == "quick":
        CACHE.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-journal", "-wal", "-shm"):
            (CACHE / f"quick.sqlite3{suffix}").unlink(missing_ok=True)
        return
    name = database_url(tier).rsplit("/", 1)[1]
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def ensure(tier: str, *, force: bool = False, log=print) -> dict:
    """Reuse the tier's cached database if its marker matches, else build it; return the marker.

    Django must already be set up against `database_url(tier)` (see `environment`).
    """
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    wanted = dj_name(database_url(tier))
    if str(settings.DATABASES["default"]["NAME"]) != wanted:
        raise RuntimeError(
            f"refusing to seed {settings.DATABASES['default']['NAME']}: not {wanted}"
        )
    today = timezone.localdate()
    marker = read_marker(tier)
    if not force and is_current(marker, tier, today):
        seeded = f"seeded {marker['seeded_on']} in {marker['seconds']} s"
        log(f"Reusing the cached {tier} tier ({seeded}).")
        return marker
    log(f"Seeding the {tier} tier from scratch ({asdict(TIERS[tier])})…")
    started = time.perf_counter()
    _reset_database(tier)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    migrated = round(time.perf_counter() - started, 1)
    fixtures = load(TIERS[tier], today=today)
    fixtures["phases"] = {"migrate": migrated} | fixtures["phases"]
    seconds = round(time.perf_counter() - started, 1)
    marker = fingerprint(tier) | {"seeded_on": today.isoformat(), "seconds": seconds} | fixtures
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_marker (info TEXT NOT NULL)")
        cursor.execute("INSERT INTO bench_marker (info) VALUES (%s)", [json.dumps(marker)])
    phases = ", ".join(f"{k} {v} s" for k, v in fixtures["phases"].items())
    log(f"  {sum(fixtures['rows'].values()):,} rows in {seconds} s ({phases})")
    return marker


def dj_name(url: str) -> str:
    """The database NAME Django's settings hold for `url`."""
    import dj_database_url

    return str(dj_database_url.parse(url)["NAME"])


def environment(tier: str, secret_key: str) -> dict[str, str]:
    """Production settings against the tier's database, for the seeder, the server and the engine.

    No TLS on loopback, so no HTTPS redirect; connections kept for the whole run so that each
    worker keeps one PostgreSQL backend whose CPU time can be read.
    """
    return {
        "DJANGO_SETTINGS_MODULE": "careercenter.settings",
        "DEBUG": "0",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url(tier),
        "CONN_MAX_AGE": "600",
        "BENCH_FLOOR": "1",
        "LOG_LEVEL": "WARNING",
    }


def setup(tier: str, secret_key: str) -> None:
    """Point this process's Django at the tier's database, with the production settings."""
    import django

    os.environ.update(environment(tier, secret_key))
    django.setup()


def main() -> None:
    import secrets

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tier", choices=TIERS, default="campus")
    parser.add_argument("--force", action="store_true", help="re-seed even if the cache matches")
    args = parser.parse_args()
    setup(args.tier, secrets.token_urlsafe(50))
    ensure(args.tier, force=args.force)


if __name__ == "__main__":
    main()
