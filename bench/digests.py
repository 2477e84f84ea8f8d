"""The saved-search alert run at scale, on PostgreSQL: time and SQL queries per 1 000 saved
searches.

    python -m bench.digests [--searches 20000] [--new 2000] [--reseed]

Seeds (or reuses) a database of its own, `careercenter_bench_digest`, with the system tier's
shape (100 000 open listings, 500 000 students; bench/seed.py), then gives `--searches`
students one saved search each with a daily alert, drawn from the filters students use
(formats, a family, work mode, pay, an industry, skills, hours, a search word). Each scenario
resets the alert state, marks `--new` open listings as published in the last day (the rest
earlier), and times one whole daily run (`opportunities.alerts.process_run`): finding the
searches with new matches, making their notifications and e-mails, and sending the e-mails
(Django's dummy backend: the outbox's own work, no mail server). Scenarios:

* nothing new: no listing published since the last run;
* a day: `--new` listings published (about what 100 000 open listings that stay up 50 days
  bring);
* a week: seven times as many (a weekly digest).

Prints a table and writes bench/results/digests-<date>.json.
"""

import argparse
import dataclasses
import json
import random
import secrets
import time
from datetime import timedelta
from pathlib import Path

from bench import seed

TIER = "digest"
SEARCH_SEED = 17  # the number
WORDS = ["data", "marketing", "research", "design", "health", "policy", "energy", "survey"]
RESULTS = Path(__file__).resolve().parent / "results"


def _queries(rng: random.Random, catalogue) -> str:
    """One saved search's query string, as students build them on /opportunities/."""
    formats = [f.slug for f in catalogue.formats]
    industries = [i.slug for i in catalogue.industries]
    skills = [s.slug for s in catalogue.skills]
    pick = rng.random()
    if pick < 0.25:
        return "&".join(f"format={f}" for f in rng.sample(formats, rng.choice([1, 1, 2])))
    if pick < 0.45:
        return f"q={rng.choice(WORDS)}"
    if pick < 0.60:
        return f"paid=1&industry={rng.choice(industries)}"
    if pick < 0.70:
        return "work_mode=remote&paid=1"
    if pick < 0.80:
        return f"skill={rng.choice(skills)}"
    if pick < 0.90:
        return f"family=micro&max_weekly_hours={rng.choice([5, 10, 15])}"
    return (
        f"format={rng.choice(formats)}&work_mode={rng.choice(['remote', 'hybrid', 'onsite'])}"
        f"&industry={rng.choice(industries)}"
    )


def ensure_searches(count: int) -> int:
    """`count` students with one daily saved search each (made once, then reused)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from careercenter.roles import STUDENT
    from opportunities import catalogue
    from opportunities.alerts import normalized_query
    from opportunities.models import SavedSearch

    if SavedSearch.objects.count() == count:
        return count
    SavedSearch.objects.all().delete()
    rng = random.Random(SEARCH_SEED)
    rows = catalogue.current()
    students = get_user_model().objects.filter(groups__name=STUDENT).order_by("pk")
    now = timezone.now()
    SavedSearch.objects.bulk_create(
        (
            SavedSearch(
                user_id=pk,
                name="My search",
                query=normalized_query(_queries(rng, rows)),
                cadence="daily",
                alerts_from=now - timedelta(days=30),
            )
            for pk in students.values_list("pk", flat=True)[:count]
        ),
        batch_size=5000,
    )
    return SavedSearch.objects.count()


def reset(new: int, *, rng: random.Random) -> tuple:
    """Forget every alert, publish `new` open listings in the last day and the rest before;
    returns the (since, cutoff) of the run to time."""
    from django.db import connection
    from django.utils import timezone

    from notifications.models import Notification
    from opportunities.models import Opportunity, SearchAlertRun

    now = timezone.now()
    SearchAlertRun.objects.all().delete()
    Notification.objects.all().delete()  # and their e-mails
    open_ids = list(Opportunity.objects.open().values_list("pk", flat=True))
    fresh = rng.sample(open_ids, min(new, len(open_ids)))
    with connection.cursor() as cursor:
        table = Opportunity._meta.db_table
        cursor.execute(
            f"UPDATE {table} SET published_at = %s - (random() * interval '60 days') "
            "- interval '2 days' WHERE published_at IS NOT NULL",
            [now],
        )
        cursor.execute(
            f"UPDATE {table} SET published_at = %s - (random() * interval '23 hours') "
            "WHERE id = ANY(%s)",
            [now, fresh],
        )
        cursor.execute(f"ANALYZE {table}")
    return now - timedelta(days=1), now


def run_once(since, cutoff, *, batch_size: int) -> dict:
    from django.db import connection

    from notifications.models import Email, Notification
    from opportunities import alerts
    from opportunities.models import SavedSearch, SearchAlertRun

    run = SearchAlertRun.objects.create(
        cadence="daily", period=cutoff.date().isoformat(), since=since, cutoff=cutoff
    )
    counted = {"queries": 0, "matching": 0.0, "sending": 0.0}

    def count(execute, sql, params, many, context):
        counted["queries"] += 1
        return execute(sql, params, many, context)

    def timed(name, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                counted[name] += time.perf_counter() - started

        return wrapper

    # Split the run's time: finding the matches, sending the e-mails, and the rest (making the
    # notifications and e-mails, the checkpoints).
    new_matches, send_email = alerts.new_matches, alerts.send_email
    alerts.new_matches = timed("matching", new_matches)
    alerts.send_email = timed("sending", send_email)
    started = time.perf_counter()
    try:
        with connection.execute_wrapper(count):
            made = alerts.process_run(run, batch_size=batch_size)
    finally:
        alerts.new_matches, alerts.send_email = new_matches, send_email
    seconds = time.perf_counter() - started
    searches = SavedSearch.objects.count()
    per_1000 = 1000 / searches
    return {
        "matching_ms_per_1000": round(counted["matching"] * 1000 * per_1000, 1),
        "sending_ms_per_1000": round(counted["sending"] * 1000 * per_1000, 1),
        "searches": searches,
        "alerted": made,
        "emails": Email.objects.count(),
        "notifications": Notification.objects.count(),
        "seconds": round(seconds, 2),
        "queries": counted["queries"],
        "ms_per_1000": round(seconds * 1000 / (searches / 1000), 1),
        "queries_per_1000": round(counted["queries"] / (searches / 1000), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--searches", type=int, default=20_000)
    parser.add_argument("--new", type=int, default=2_000, help="listings published in a day")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()

    seed.TIERS[TIER] = dataclasses.replace(seed.TIERS["system"], name=TIER)
    seed.setup(TIER, secrets.token_urlsafe(50))
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    seed.ensure(TIER, force=args.reseed)
    searches = ensure_searches(args.searches)
    print(f"{searches:,} saved searches (daily) over the system tier's 500 000 students.")

    rng = random.Random(SEARCH_SEED)
    results = {}
    for name, new in (("nothing new", 0), ("a day", args.new), ("a week", 7 * args.new)):
        since, cutoff = reset(new, rng=rng)
        results[name] = {"new_listings": new} | run_once(since, cutoff, batch_size=args.batch_size)

    print(
        f"{'scenario':<12} {'new':>6} {'alerted':>8} {'s':>7} {'ms/1000':>8} "
        f"{'matching':>9} {'sending':>8} {'q/1000':>7}"
    )
    for name, r in results.items():
        print(
            f"{name:<12} {r['new_listings']:>6} {r['alerted']:>8} {r['seconds']:>7} "
            f"{r['ms_per_1000']:>8} {r['matching_ms_per_1000']:>9} "
            f"{r['sending_ms_per_1000']:>8} {r['queries_per_1000']:>7}"
        )
    print("ms and queries per 1 000 saved searches; matching and sending are parts of ms/1000.")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"digests-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"searches": searches, "scenarios": results}, indent=2))
    print(f"Written to {out}")


if __name__ == "__main__":
    main()
