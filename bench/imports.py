"""Import throughput: SimplifyJobs-shaped feeds imported on PostgreSQL, timed, memory measured.

    python -m bench.imports [--rows 6000 100000] [--seed 14]

For each size: a fresh database (`careercenter_bench_import`, `careercenter_bench_import100k`
past 50 000 rows), migrated; a feed of that many rows drawn from a fixed seed in the real
shape of SimplifyJobs' listings.json (companies in a Zipf distribution, one to three
locations, several terms, sponsorship statements, inactive rows, a few very long links); then
`manage.py import_listings` run as cron would run it, each time in a process of its own:

1. the first import (every listing created);
2. the same file again (every listing unchanged);
3. a dry run of the next day's feed (checks and counts only: what the admin's preview does);
4. the next day's feed (some rows changed, some gone inactive, some removed, some new).

Each step prints its wall time, rows per second, the importer's peak memory (its process's
maximum resident set) and the counts it printed. Budgets (issue 14): 6 000 rows imported in
under 15 s, 100 000 in under 3 minutes; memory "flat": the peak at 100 000 rows within 2× the
peak at 6 000 (the file is streamed, never held as model instances). Results are also written
to bench/results/imports-<date>-<commit>.json.
"""

import argparse
import json
import os
import random
import resource
import secrets
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / "cache"
RESULTS = ROOT / "bench" / "results"
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
SOURCE = "simplify-bench"
SEED = 14  # the number
BUDGETS = {6_000: 15.0, 100_000: 180.0}  # seconds for the first import
MEMORY_GROWTH = 2.0  # peak memory at the largest size over the smallest, at most

# fmt: off
CITIES = (
    "New York, NY", "San Francisco, CA", "Seattle, WA", "Austin, TX", "Chicago, IL",
    "Boston, MA", "Los Angeles, CA", "Atlanta, GA", "Denver, CO", "Washington, DC",
    "San Jose, CA", "Mountain View, CA", "Redmond, WA", "Pittsburgh, PA", "Toronto, ON, Canada",
    "Dallas, TX", "Houston, TX", "Phoenix, AZ", "Philadelphia, PA", "Minneapolis, MN",
    "Detroit, MI", "Columbus, OH", "Raleigh, NC", "Charlotte, NC", "Salt Lake City, UT",
    "Miami, FL", "Tampa, FL", "Nashville, TN", "Madison, WI", "Ann Arbor, MI", "McLean, VA",
    "Plano, TX", "Irvine, CA", "San Diego, CA", "Portland, OR", "Vancouver, BC, Canada",
    "Waterloo, ON, Canada", "Montreal, QC, Canada", "NYC", "SF", "Palo Alto, CA",
)
REMOTE = ("Remote", "Remote in USA", "Remote in Canada")
ROLES = (
    "Software Engineer", "Software Engineering", "Data Science", "Data Analyst", "Machine Learning",
    "Quantitative Research", "Quantitative Trader", "Product Management", "Product Design",
    "Hardware Engineering", "Firmware", "Security Engineering", "Site Reliability",
    "Business Analyst",
    "Investment Banking", "UX Research", "Embedded Software", "Backend", "Full Stack", "Frontend",
    "Mobile", "Cloud Infrastructure", "Research Scientist", "Robotics", "Data Engineering",
)
SUFFIXES = ("Intern", "Internship", "Co-op", "Summer Intern", "Intern - Summer 2025")
TEAMS = ("", "", "", " - Payments", " - Platform", " - AI", " - Risk", " - Core", " - Search")
TERMS = ("Summer 2025", "Fall 2025", "Winter 2025", "Spring 2026", "Summer 2026")
SPONSORSHIP = (
    ("Other", 45),
    ("Offers Sponsorship", 20),
    ("Does Not Offer Sponsorship", 25),
    ("U.S. Citizenship is Required", 10),
)
NAME_PARTS = (
    "Capital", "Labs", "Systems", "Technologies", "Health", "Robotics", "Analytics", "Partners",
    "Networks", "Energy", "Bio", "Financial", "Group", "Dynamics", "Software", "Security",
)
SYLLABLES = ("ak", "un", "ver", "to", "ra", "qu", "lin", "mo", "sa", "tel", "zen", "or", "ix", "pa")
# fmt: on
POSTED = (1_717_200_000, 1_748_736_000)  # June 2024 to June 2025


def company_names(n: int, rng: random.Random) -> list[str]:
    names, seen = [], set()
    while len(names) < n:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
        name = f"{stem} {rng.choice(NAME_PARTS)}" if rng.random() < 0.7 else stem
        if name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names


def listing(rng: random.Random, company: str, long_link: bool) -> dict:
    title = f"{rng.choice(ROLES)} {rng.choice(SUFFIXES)}{rng.choice(TEAMS)}"
    if rng.random() < 0.03:
        title += " "  # the real feed has trailing spaces
    if rng.random() < 0.12:
        places = [rng.choice(REMOTE)]
    else:
        places = rng.sample(CITIES, rng.choice((1, 1, 1, 2, 3)))
    terms = ["Summer 2025"] if rng.random() < 0.8 else rng.sample(TERMS, rng.randint(1, 3))
    slug = company.replace(" ", "-")
    link = f"https://boards.greenhouse.io/{slug.lower()}/jobs/{rng.randint(10**6, 10**10)}"
    if long_link:  # 28 of 6 000 real links are over 200 characters
        link = "https://careers.example.com/job/" + "x" * rng.randint(200, 900) + "?gh_jid=1"
    posted = rng.randint(*POSTED)
    sponsorship = rng.choices([s for s, _ in SPONSORSHIP], [w for _, w in SPONSORSHIP])[0]
    return {
        "source": "Simplify",
        "company_name": company,
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "title": title,
        "active": rng.random() < 0.55,
        "terms": terms,
        "date_updated": posted + rng.randint(0, 90 * 86400),
        "date_posted": posted,
        "url": link,
        "locations": places,
        "company_url": f"https://simplify.jobs/c/{slug}" if rng.random() < 0.7 else "",
        "is_visible": rng.random() < 0.97,
        "sponsorship": sponsorship,
        "season": "Summer",
    }


def feeds(rows: int, seed: int) -> tuple[Path, Path]:
    """The day's feed and the next day's, written once per size and seed (bench/cache/)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    first = CACHE / f"simplify-{rows}-{seed}.json"
    second = CACHE / f"simplify-{rows}-{seed}-next.json"
    if first.exists() and second.exists():
        return first, second
    rng = random.Random(f"{seed}-{rows}")
    companies = company_names(max(rows * 4 // 10, 1), rng)  # ~1 300 used by 6 000 rows
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(companies))]
    long_links = set(rng.sample(range(rows), max(rows * 28 // 6000, 1)))
    items = [listing(rng, rng.choices(companies, weights)[0], i in long_links) for i in range(rows)]
    first.write_text(json.dumps(items, indent=4))
    # The next day: 5 % changed, 3 % gone inactive, 2 % removed, 2 % new.
    later = []
    for item in items:
        roll = rng.random()
        if roll < 0.02:
            continue
        item = dict(item)
        if roll < 0.07:
            item["title"] = item["title"].strip() + " (Updated)"
            item["date_updated"] += 86400
        elif roll < 0.10 and item["active"]:
            item["active"] = False
        later.append(item)
    later += [listing(rng, rng.choices(companies, weights)[0], False) for _ in range(rows // 50)]
    second.write_text(json.dumps(later, indent=4))
    return first, second


def database(rows: int) -> str:
    name = "careercenter_bench_import" + ("100k" if rows > 50_000 else "")
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{POSTGRES}/{name}"


def manage(url: str, *args: str) -> tuple[float, int, str]:
    """Run a management command in a process of its own: (seconds, peak RSS in kB, output)."""
    # Production settings: with DEBUG on, Django keeps the SQL of the last 9 000 queries.
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe()}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{output}")
    return seconds, usage.ru_maxrss, (output.strip().splitlines() or [""])[-1]


def bench(rows: int, seed: int) -> list[dict]:
    first, second = feeds(rows, seed)
    url = database(rows)
    print(f"\n{rows:,} rows: migrating a fresh database…", flush=True)
    manage(url, "migrate", "--noinput", "-v0")
    steps = (
        ("first import", first, ()),
        ("same file again", first, ()),
        ("next day, dry run", second, ("--dry-run",)),
        ("next day's feed", second, ()),
    )
    results = []
    for name, path, extra in steps:
        seconds, peak_kb, counts = manage(
            url, "import_listings", str(path), "--source", SOURCE, *extra
        )
        results.append(
            {
                "rows": rows,
                "step": name,
                "seconds": round(seconds, 2),
                "rows_per_s": round(rows / seconds),
                "peak_mb": round(peak_kb / 1024, 1),
                "counts": counts,
                "file_mb": round(path.stat().st_size / 2**20, 1),
            }
        )
        print(
            f"  {name:<18} {seconds:7.1f} s {rows / seconds:8,.0f} rows/s "
            f"peak {peak_kb / 1024:6.0f} MB   {counts}",
            flush=True,
        )
    return results


def check(results: list[dict]) -> list[str]:
    verdicts = []
    for rows, limit in BUDGETS.items():
        for r in results:
            if r["rows"] == rows and r["step"] == "first import":
                ok = r["seconds"] < limit
                verdicts.append(
                    f"{'PASS' if ok else 'FAIL'}  {rows:,} rows imported in under {limit:g} s: "
                    f"{r['seconds']:.1f} s"
                )
    peaks = {r["rows"]: r["peak_mb"] for r in results if r["step"] == "first import"}
    if len(peaks) > 1:
        low, high = min(peaks), max(peaks)
        growth = peaks[high] / peaks[low]
        verdicts.append(
            f"{'PASS' if growth <= MEMORY_GROWTH else 'FAIL'}  memory flat: peak at {high:,} rows "
            f"{peaks[high]:.0f} MB = {growth:.2f}× the peak at {low:,} ({peaks[low]:.0f} MB), "
            f"at most {MEMORY_GROWTH:g}×"
        )
    return verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[6_000, 100_000])
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    print("Import throughput (manage.py import_listings on PostgreSQL, one process per step)")
    results = [r for rows in args.rows for r in bench(rows, args.seed)]
    verdicts = check(results)
    print("\n" + "\n".join(verdicts))
    RESULTS.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"imports-{stamp}-{commit}.json"
    path.write_text(
        json.dumps(
            {
                "commit": commit,
                "date": stamp,
                "cpus": os.cpu_count(),
                "results": results,
                "verdicts": verdicts,
                "self_max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            },
            indent=2,
        )
    )
    print(f"Written to {path.relative_to(ROOT)}")
    if any(v.startswith("FAIL") for v in verdicts):
        sys.exit(1)


if __name__ == "__main__":
    main()
