"""Time the advising engine in-process on the current database (a seeded benchmark tier).

    DATABASE_URL=postgres://…/careercenter_bench_campus python manage.py bench_engine

For 200 students across the archetypes (career clarity, blank profiles, power users with long
histories) it times one suggestion per student and prints p50/p95, SQL queries per call and the
peak memory one call allocates. `make bench` runs it after the HTTP benchmark.
"""

import json
import statistics
import time
import tracemalloc
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count, Prefetch

from advising import engine
from advising.models import CareerClarity, Experience, StudentProfile
from opportunities.models import Format, Opportunity

# Whether suggest_for_student also ranks matching listings (it will once it calls the service).
MATCHES_LISTINGS = False


def format_specs() -> list[engine.FormatSpec]:
    return [
        engine.FormatSpec(
            slug=f.slug,
            name=f.name,
            family=f.family,
            weeks_min=float(f.weeks_min),
            weeks_max=float(f.weeks_max),
            weekly_hours_min=f.weekly_hours_min,
            weekly_hours_max=f.weekly_hours_max,
            total_hours_min=f.total_hours_min,
            total_hours_max=f.total_hours_max,
            schedule_flexibility=f.schedule_flexibility,
            exposure_depth=f.exposure_depth,
            learning_scope=f.learning_scope,
            application_process=f.application_process,
            compensation_model=f.compensation_model,
            networking_style=f.networking_style,
            display_order=f.display_order,
        )
        for f in Format.objects.active()
    ]


def engine_profile(profile: StudentProfile) -> engine.StudentProfile:
    """The engine's view of a profile; blank answers take the engine's neutral defaults."""
    history = tuple(
        engine.PastExperience(e.format.slug, e.industry.slug if e.industry else None, e.hours)
        for e in profile.experiences.all()
        if e.format
    )
    return engine.StudentProfile(
        windows=tuple(
            engine.Window(w.label, float(w.weeks), w.weekly_hours) for w in profile.windows.all()
        ),
        career_clarity=profile.career_clarity or CareerClarity.EXPLORING,
        learning_goal=profile.learning_goal or "broad",
        target_industries=tuple(i.slug for i in profile.target_industries.all()),
        skills_to_build=tuple(s.name for s in profile.skills_to_build.all()),
        needs_pay=bool(profile.needs_pay),
        credit_ok=profile.credit_ok is not False,
        work_modes=tuple(profile.accepted_work_modes) or engine.WORK_MODES,
        networking_goal=profile.networking_goal or "broad",
        application_ready=bool(profile.application_ready),
        history=history,
    )


def suggest_for_student(pk: int) -> engine.Plan:
    """One student's suggestion, built from the database as the advisor's page needs it.

    This is the call to time. When advising/services.py lands, its body becomes the service's
    suggestion function (which also ranks the matching listings in SQL), and MATCHES_LISTINGS
    becomes True; until then it runs the engine alone on the rows.
    """
    experiences = Experience.objects.select_related("format", "industry")
    profile = StudentProfile.objects.prefetch_related(
        "windows",
        "target_industries",
        "skills_to_build",
        Prefetch("experiences", queryset=experiences),
    ).get(pk=pk)
    return engine.suggest(engine_profile(profile), format_specs())


def sample(count: int) -> list[int]:
    """Students spread over the archetypes: each career clarity, blank profiles, power users."""
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


class Command(BaseCommand):
    help = "Time the advising engine for students across archetypes (p50/p95, queries, memory)."

    def add_arguments(self, parser):
        parser.add_argument("--students", type=int, default=200)
        parser.add_argument("--json", help="also write the figures to this file")

    def handle(self, *args, students, **options):
        pks = sample(students)
        if not pks:
            self.stderr.write("No student profiles in this database: seed a tier first.")
            return
        for pk in pks[:10]:  # warm-up: imports, connection, query compilation
            suggest_for_student(pk)

        times, queries = [], []
        for pk in pks:
            count = 0

            def counter(execute, sql, params, many, context):
                nonlocal count
                count += 1
                return execute(sql, params, many, context)

            with connection.execute_wrapper(counter):
                started = time.perf_counter()
                suggest_for_student(pk)
                times.append(1000 * (time.perf_counter() - started))
            queries.append(count)

        peaks = []  # a separate pass: tracemalloc slows the code it watches
        for pk in pks:
            tracemalloc.start()
            suggest_for_student(pk)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()

        times.sort()
        report = {
            "students": len(pks),
            "listings_open": Opportunity.objects.open().count(),
            "matches_listings": MATCHES_LISTINGS,
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
            "max_ms": round(times[-1], 2),
            "queries_median": statistics.median_low(queries),
            "queries_max": max(queries),
            "peak_kb": round(max(peaks) / 1024),
        }
        what = "suggestion + listing match" if MATCHES_LISTINGS else "suggestion only"
        self.stdout.write(
            f"engine ({what}): {report['students']} students, "
            f"{report['listings_open']:,} open listings\n"
            f"  p50 {report['p50_ms']} ms, p95 {report['p95_ms']} ms, max {report['max_ms']} ms\n"
            f"  SQL queries per call: median {report['queries_median']}, "
            f"max {report['queries_max']}\n"
            f"  peak memory per call: {report['peak_kb']} kB (tracemalloc)"
        )
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(report, indent=2))
