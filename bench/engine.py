"""Time the advising engine in-process on the current database (a seeded benchmark tier).

    DATABASE_URL=postgres://…/careercenter_bench_campus python -m bench.engine [--json out.json]

For 200 students across the archetypes (career clarity, blank profiles, power users with long
histories) it times one suggestion per student and prints p50/p95, SQL queries per call and the
peak memory one call allocates. `make bench` runs it after the HTTP benchmark (bench/run.py).
"""

import argparse
import json
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path


def suggest_for_student(pk: int):
    """One student's suggestion with its matching listings, as the advisor's page gets it.

    The call to time: the profile row, then `advising.matching.advise_student` (the engine on
    the stored profile, and the listing match ranked in SQL), then the matched listings' rows
    (read on first use: a page that keeps each listing's line rendered skips them, but
    the JSON contract and the recommendation form read them). Its queries are counted per call.
    Returns the `advising.matching.Advice`.
    """
    from advising.matching import advise_student
    from advising.models import StudentProfile

    advice = advise_student(StudentProfile.objects.get(pk=pk))
    for window in advice.windows:
        for matched in window.suggestions:
            matched.listings  # noqa: B018 (reads the rows, as every caller but the page does)
    return advice


def sample(count: int) -> list[int]:
    """Students spread over the archetypes: each career clarity, blank profiles, power users."""
    from django.db.models import Count

    from advising.models import CareerClarity, Experience, StudentProfile

    heaviest = (
        Experience.objects.values("profile")
        .annotate(n=Count("id"))
        .order_by("-n", "profile")
        .values_list("profile", flat=True)[:5]
    )
    pks = list(heaviest)
    clarities = ["", *CareerClarity.values]
    each = -(-(count - len(pks)) // len(clarities))
    for clarity in clarities:
        found = StudentProfile.objects.filter(career_clarity=clarity).order_by("pk")
        pks += [pk for pk in found.values_list("pk", flat=True)[: each + 5] if pk not in pks][:each]
    return pks[:count]


def measure(pks: list[int]) -> dict:
    """p50/p95/max of one suggestion per student, its SQL queries and its peak memory."""
    from opportunities.models import Opportunity

    from .floor import counting_queries

    for pk in pks[:10]:  # warm-up: imports, connection, query compilation
        suggest_for_student(pk)

    times, queries = [], []
    for pk in pks:
        with counting_queries() as count:
            started = time.perf_counter()
            suggest_for_student(pk)
            times.append(1000 * (time.perf_counter() - started))
        queries.append(count[0])

    peaks = []  # a separate pass: tracemalloc slows the code it watches
    for pk in pks:
        tracemalloc.start()
        suggest_for_student(pk)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()

    times.sort()
    return {
        "students": len(pks),
        "listings_open": Opportunity.objects.open().count(),
        "matches_listings": True,
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
        "max_ms": round(times[-1], 2),
        "queries_median": statistics.median_low(queries),
        "queries_max": max(queries),
        "peak_kb": round(max(peaks) / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careercenter.settings")
    django.setup()

    pks = sample(args.students)
    if not pks:
        sys.exit("No student profiles in this database: seed a tier first.")
    report = measure(pks)
    print(
        f"engine (suggestion + listing match): {report['students']} students, "
        f"{report['listings_open']:,} open listings\n"
        f"  p50 {report['p50_ms']} ms, p95 {report['p95_ms']} ms, max {report['max_ms']} ms\n"
        f"  SQL queries per call: median {report['queries_median']}, "
        f"max {report['queries_max']}\n"
        f"  peak memory per call: {report['peak_kb']} kB (tracemalloc)"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
