"""Load-test the product's pages on a seeded tier, served exactly as in production.

    python -m bench.run --tier campus [--slice 3] [--rounds 3] [--connections 4]
    python -m bench.run --compare bench/results/A.json bench/results/B.json

One run: seed or reuse the tier's database (bench/seed.py), collect static files into a temp
directory, start gunicorn with the production gunicorn.conf.py and production settings on a free
loopback port, check that our own server answers, log in the accounts the pages need, then
drive every endpoint with wrk in short slices, interleaved over several rounds. Around each
slice it reads the CPU time of the gunicorn processes and of the PostgreSQL backends serving
them from /proc, so the figure that matters, CPU milliseconds per request, does not depend on
what else the machine is doing. Every figure is also given as a ratio to the floor: a minimal
view through the whole middleware stack, measured in the same run.
"""

import argparse
import http.client
import json
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import seed

ROOT = seed.ROOT
RESULTS = ROOT / "bench" / "results"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# The list pages' page sizes and caps (opportunities.views, advising.advisor_views): browse
# counts at most 1 000 matches (50 pages of 20), so its deep page is page 50, the last one;
# the caseload pages through every student of the advisor (25 a page), so its deep page is the
# last one.
BROWSE_PAGE_SIZE = 20
BROWSE_DEEP_PAGE = 50
CASELOAD_PAGE_SIZE = 25


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str  # filled from the tier's fixtures (see `targets`)
    user: str | None = None  # fixtures key of the account to log in as
    each: str | None = None  # fixtures key of a list: wrk rotates through one path per item


ENDPOINTS = (
    # The floor and references that exist on every branch.
    Endpoint("floor", "/bench/floor/"),
    Endpoint("static", "{static}"),
    Endpoint("home", "/"),
    Endpoint("login", "/accounts/login/"),
    Endpoint("home-student", "/", user="light_student"),
    # Listings (opportunities app).
    Endpoint("browse", "/opportunities/"),
    Endpoint("browse-format", "/opportunities/?format={format}"),
    Endpoint("browse-q-broad", "/opportunities/?q={common}"),
    Endpoint("browse-q-selective", "/opportunities/?q={selective}"),
    Endpoint("browse-3-filters", "/opportunities/?format={format}&paid=1&max_weekly_hours=20"),
    Endpoint("browse-deep", "/opportunities/?page={browse_deep}"),
    Endpoint("detail", "/opportunities/{0}/{1}/", each="listings"),
    # Students and advisors (advising app).
    Endpoint("dashboard-light", "/me/", user="light_student"),
    Endpoint("dashboard-heavy", "/me/", user="heavy_student"),
    Endpoint("advisor-student", "/advising/students/{0}/", user="advisor", each="advisees"),
    Endpoint("caseload", "/advising/", user="advisor"),
    Endpoint("caseload-deep", "/advising/?page={caseload_deep}", user="advisor"),
)

BROWSE_FILTERS = ("browse", "browse-format", "browse-3-filters", "browse-deep")
# (label, kind, endpoints, limit). "share": floor CPU / endpoint CPU per request, at least
# `limit`; "growth": CPU per request of the second endpoint over the first, at most `limit`.
BUDGETS = (
    ("listing detail ≥ 0.15 of the floor", "share", ("detail",), 0.15),
    ("browse, filters only ≥ 0.10 of the floor", "share", BROWSE_FILTERS, 0.10),
    ("browse, broad term ≥ 0.05 of the floor (at 100 000)", "share", ("browse-q-broad",), 0.05),
    ("advisor's student page ≥ 0.03 of the floor", "share", ("advisor-student",), 0.03),
    ("browse deep page ≤ 2× page 1", "growth", ("browse", "browse-deep"), 2.0),
    ("caseload deep page ≤ 1.25× page 1", "growth", ("caseload", "caseload-deep"), 1.25),
)
MEMORY_BUDGET = 1.5  # worker RSS after the run over RSS after warm-up
GROWTH_BUDGET = 2.0  # browse with a broad term, and the engine, at 100 000 vs 10 000 listings
ENGINE_P95_MS = 50.0  # per student at 100 000 listings

WRK_SCRIPT = """
local paths, i = {}, 0
function init(args)
  for _, path in ipairs(args) do paths[#paths + 1] = path end
end
function request()
  i = i % #paths + 1
  return wrk.format(nil, paths[i])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "us": %d, "errors": %d, "status_errors": %d, ' ..
    '"p50": %d, "p95": %d, "p99": %d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


# --- /proc ---------------------------------------------------------------------------------------


def parse_stat(text: str) -> tuple[int, int, int]:
    """(parent pid, utime, stime) from a /proc/<pid>/stat line; the name may hold ") "."""
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[1]), int(fields[11]), int(fields[12])


def read_stat(pid: int) -> tuple[int, int, int] | None:
    try:
        return parse_stat(Path(f"/proc/{pid}/stat").read_text())
    except (FileNotFoundError, ProcessLookupError):  # the process has gone
        return None


def cpu_ticks(pids) -> dict[int, int]:
    """utime + stime in clock ticks, per pid still alive."""
    ticks = {}
    for pid in pids:
        stat = read_stat(pid)
        if stat:
            ticks[pid] = stat[1] + stat[2]
    return ticks


def cpu_seconds(before: dict[int, int], after: dict[int, int]) -> float:
    """CPU used between two readings; a process first seen in `after` counts whole."""
    return sum(t - before.get(pid, 0) for pid, t in after.items()) / CLOCK_TICKS


def children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = read_stat(int(entry.name))
            if stat and stat[0] == parent:
                found.append(int(entry.name))
    return sorted(found)


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak RSS) of a process, in kB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0])
    return values


# --- ratios and budgets --------------------------------------------------------------------------


def summarize(slices: list[dict]) -> dict:
    """Median over the slices of one endpoint: robust to one slice hit by a noisy neighbour."""
    done = [s for s in slices if s["requests"]]
    if not done:
        return {}

    def median(key):
        return round(statistics.median(s[key] for s in done), 3)

    for s in done:
        s["rps"] = s["requests"] / s["seconds"]
        s["cpu_ms"] = 1000 * s["cpu_s"] / s["requests"]
    return {
        "requests": sum(s["requests"] for s in done),
        "rps": median("rps"),
        "p50_ms": median("p50_ms"),
        "p95_ms": median("p95_ms"),
        "p99_ms": median("p99_ms"),
        "cpu_ms": median("cpu_ms"),
        "failed": sum(s["errors"] + s["status_errors"] for s in done),
    }


def add_ratios(results: dict[str, dict]) -> None:
    """Each endpoint against the floor: throughput ratio and CPU share (floor CPU / its CPU)."""
    floor = results.get("floor", {})
    for r in results.values():
        if floor.get("cpu_ms") and r.get("cpu_ms"):
            r["rps_ratio"] = round(r["rps"] / floor["rps"], 3)
            r["cpu_share"] = round(floor["cpu_ms"] / r["cpu_ms"], 3)


def check_budgets(results: dict[str, dict], memory: dict | None) -> list[dict]:
    verdicts = []
    for label, kind, names, limit in BUDGETS:
        measured = [results.get(n, {}) for n in names]
        if not all(m.get("cpu_ms") for m in measured):
            missing = [n for n, m in zip(names, measured, strict=True) if not m.get("cpu_ms")]
            verdicts.append({"budget": label, "verdict": "n/a", "detail": f"no {missing}"})
            continue
        if kind == "share":
            value = min(m["cpu_share"] for m in measured)
            ok = value >= limit
        else:
            value = measured[1]["cpu_ms"] / measured[0]["cpu_ms"]
            ok = value <= limit
        verdict = "PASS" if ok else "FAIL"
        verdicts.append({"budget": label, "verdict": verdict, "value": round(value, 3)})
    if memory:
        value = memory["after_kb"] / memory["warm_kb"]
        verdict = "PASS" if value <= MEMORY_BUDGET else "FAIL"
        label = f"worker memory after the run ≤ {MEMORY_BUDGET}× warmed up"
        verdicts.append({"budget": label, "verdict": verdict, "value": round(value, 3)})
    return verdicts


# --- the server ----------------------------------------------------------------------------------


def free_port() -> int:
    """A port nothing listens on now (gunicorn cannot bind port 0 and report it back)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, cookie: str = "") -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def start_server(port: int, token: str, log_path: Path) -> subprocess.Popen:
    env = os.environ | {
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        # Recycling would hide a leak from the memory budget and lose a worker's CPU time.
        "GUNICORN_MAX_REQUESTS": "0",
        "BENCH_TOKEN": token,
        # A parallel query's helper processes live and die within one query, between two
        # /proc readings: their CPU time would go uncounted. One backend per request instead.
        "PGOPTIONS": "-c max_parallel_workers_per_gather=0",
    }
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {log_path.read_text()[-2000:]}")
        try:
            response = get(port, "/bench/floor/")
        except OSError:
            time.sleep(0.2)
            continue
        # Our server, not another one on a recycled port: the run's token, our master's pid.
        if response.getheader("X-Bench-Token") != token:
            raise RuntimeError(f"port {port} is answered by another server")
        if response.getheader("X-Bench-Master") != str(server.pid):
            raise RuntimeError(f"port {port}: worker of another gunicorn master")
        return server
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


class Backends:
    """The PostgreSQL backends connected to the bench database (the workers' connections)."""

    def __init__(self, url: str | None):
        import psycopg

        self.conn = psycopg.connect(url, autocommit=True) if url else None

    def pids(self) -> list[int]:
        if self.conn is None:  # SQLite: the work happens inside the gunicorn workers
            return []
        rows = self.conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        ).fetchall()
        return [pid for (pid,) in rows]


# --- the run -------------------------------------------------------------------------------------


def targets(fixtures: dict, static: str) -> dict[str, list[str]]:
    """Each endpoint's path(s), filled from what the seeder recorded."""
    values = {
        "static": static,
        "format": fixtures["format"],
        "common": fixtures["common_term"][0],
        "selective": fixtures["selective_term"][0],
        "browse_deep": min(BROWSE_DEEP_PAGE, max(1, fixtures["listings_open"] // BROWSE_PAGE_SIZE)),
        "caseload_deep": max(1, -(-fixtures["caseload"] // CASELOAD_PAGE_SIZE)),
    }
    paths = {}
    for ep in ENDPOINTS:
        if ep.each:
            items = [item if isinstance(item, list) else [item] for item in fixtures[ep.each]]
            paths[ep.name] = [ep.path.format(*item) for item in items]
        else:
            paths[ep.name] = [ep.path.format(**values)]
    return paths


def login_cookies(fixtures: dict) -> dict[str, str]:
    """A real session for each account the endpoints use, in the database the server reads."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connections
    from django.test import Client

    cookies = {}
    for key in sorted({ep.user for ep in ENDPOINTS if ep.user}):
        client = Client()
        user = get_user_model().objects.get(email=fixtures[key])
        client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[-1])
        cookies[key] = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    connections.close_all()  # the harness's own connection must not look like a backend
    return cookies


def probe(port: int, paths: list[str], cookie: str) -> tuple[str, int | None]:
    """The endpoint's status ("ok", "missing" or why not) and its SQL queries per request."""
    responses = [get(port, paths[0], cookie) for _ in range(3)]
    last = responses[-1]
    if last.status == 404:
        return "missing", None
    if last.status != 200:
        where = last.getheader("Location")
        return f"HTTP {last.status}" + (f" → {where}" if where else ""), None
    queries = last.getheader("X-Bench-Queries")
    return "ok", int(queries) if queries is not None else None


def wrk(port: int, paths: list[str], cookie: str, seconds: float, connections: int, script: Path):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(script)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command += [f"http://127.0.0.1:{port}", "--", *paths]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("BENCH "))
    raw = json.loads(line[6:])
    return {
        "requests": raw["requests"],
        "seconds": raw["us"] / 1e6,
        "errors": raw["errors"],
        "status_errors": raw["status_errors"],
        "p50_ms": raw["p50"] / 1000,
        "p95_ms": raw["p95"] / 1000,
        "p99_ms": raw["p99"] / 1000,
    }


def endpoints(only: str | None) -> list[Endpoint]:
    """All endpoints, or the floor and those named in `only` (comma-separated)."""
    if not only:
        return list(ENDPOINTS)
    names = {"floor", *only.split(",")}
    unknown = names - {ep.name for ep in ENDPOINTS}
    if unknown:
        raise SystemExit(f"unknown endpoints: {', '.join(sorted(unknown))}")
    return [ep for ep in ENDPOINTS if ep.name in names]


def measure(args, port: int, server: subprocess.Popen, marker: dict, static: str, tmp: Path):
    paths = targets(marker, static)
    cookies = login_cookies(marker)
    backends = Backends(None if args.tier == "quick" else seed.database_url(args.tier))
    script = tmp / "bench.lua"
    script.write_text(WRK_SCRIPT)

    results = {}
    for ep in endpoints(args.only):
        cookie = cookies.get(ep.user, "")
        status, queries = probe(port, paths[ep.name], cookie)
        results[ep.name] = {"path": paths[ep.name][0], "status": status, "queries": queries}
    live = [ep for ep in endpoints(args.only) if results[ep.name]["status"] == "ok"]
    print(f"Measuring {len(live)} of {len(results)} endpoints on port {port}…", flush=True)

    workers = children(server.pid)
    for ep in live:  # warm-up: code paths, template caches and connections
        wrk(port, paths[ep.name], cookies.get(ep.user, ""), 1, args.connections, script)
    warm_kb = sum(memory_kb(pid)["VmRSS"] for pid in workers)

    slices = {ep.name: [] for ep in live}
    for round_ in range(args.rounds):
        shift = round_ % len(live)
        for ep in live[shift:] + live[:shift]:  # a different neighbour order every round
            pids = [server.pid, *workers]
            before = cpu_ticks(pids + backends.pids())
            s = wrk(
                port, paths[ep.name], cookies.get(ep.user, ""), args.slice, args.connections, script
            )
            after = cpu_ticks(pids + backends.pids())
            s["cpu_s"] = cpu_seconds(before, after)
            s["processes"] = len(after)  # gunicorn master and workers, and their backends
            slices[ep.name].append(s)
        print(f"  round {round_ + 1}/{args.rounds} done", flush=True)

    if children(server.pid) != workers:
        print("  warning: the set of workers changed during the run (a worker restarted)")
    memory = {
        "workers": len(workers),
        "warm_kb": warm_kb,
        "after_kb": sum(memory_kb(pid)["VmRSS"] for pid in workers),
        "peak_kb": max(memory_kb(pid)["VmHWM"] for pid in workers),
    }
    for name, runs in slices.items():
        results[name] |= summarize(runs) | {"slices": runs}
    add_ratios(results)
    return results, memory


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next(
        (ln.split(":", 1)[1].strip() for ln in cpuinfo.splitlines() if ln.startswith("model name")),
        platform.processor(),
    )
    meminfo = Path("/proc/meminfo").read_text().split()
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": round(int(meminfo[meminfo.index("MemTotal:") + 1]) / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
    }


def git_commit() -> str:
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout

    commit = git("rev-parse", "HEAD").strip() or "unknown"
    return commit + ("-dirty" if git("status", "--porcelain").strip() else "")


def engine(tmp: Path) -> dict | None:
    """The engine in-process (manage.py bench_engine), after the server has stopped."""
    out = tmp / "engine.json"
    command = [sys.executable, "manage.py", "bench_engine", "--json", str(out)]
    result = subprocess.run(command, cwd=ROOT, env=os.environ, text=True, check=False)
    return json.loads(out.read_text()) if result.returncode == 0 else None


# --- output --------------------------------------------------------------------------------------


def fmt(value, spec: str = ".2f") -> str:
    return "—" if value is None else format(value, spec)


COLUMNS = (  # header, key, format, width
    ("req/s", "rps", ".0f", 8),
    ("×floor", "rps_ratio", ".3f", 8),
    ("p50", "p50_ms", ".2f", 8),
    ("p95", "p95_ms", ".2f", 8),
    ("p99", "p99_ms", ".2f", 8),
    ("CPU ms", "cpu_ms", ".3f", 9),
    ("share", "cpu_share", ".3f", 8),
    ("SQL", "queries", "d", 5),
)


def print_table(report: dict) -> None:
    print(
        f"\n{report['tier']} tier · {report['machine']['cpu']} × {report['machine']['cores']}"
        f" · commit {report['commit'][:12]} · {report['date']}"
    )
    print(f"{'endpoint':<20}{'status':<10}" + "".join(f"{h:>{w}}" for h, _, _, w in COLUMNS))
    for name, r in report["endpoints"].items():
        cells = "".join(f"{fmt(r.get(key), spec):>{w}}" for _, key, spec, w in COLUMNS)
        failed = f"  ({r['failed']} failed)" if r.get("failed") else ""
        print(f"{name:<20}{r['status'][:9]:<10}{cells}{failed}")
    print("latency in ms; CPU ms per request = gunicorn + PostgreSQL; share = floor CPU / CPU")
    m = report["memory"]
    if m:
        print(
            f"workers: {m['workers']}, RSS warmed up {m['warm_kb'] // 1024} MB, after the run "
            f"{m['after_kb'] // 1024} MB, peak per worker {m['peak_kb'] // 1024} MB"
        )
    if report.get("engine"):
        e = report["engine"]
        print(
            f"engine: {e['students']} students, p50 {e['p50_ms']} ms, p95 {e['p95_ms']} ms, "
            f"{e['queries_median']} queries per call, peak {e['peak_kb']} kB"
        )
    print("\nbudgets:")
    for b in report["budgets"]:
        print(f"  {b['verdict']:<5} {b['budget']}  ({b.get('value', b.get('detail'))})")


def compare(path_a: str, path_b: str) -> None:
    """Growth between two runs (e.g. campus then system), each normalized by its own floor."""
    a, b = (json.loads(Path(p).read_text()) for p in (path_a, path_b))
    ea, eb = a["endpoints"], b["endpoints"]
    print(f"A: {a['tier']} ({a['fixtures']['listings_open']} open listings), {a['date']}")
    print(f"B: {b['tier']} ({b['fixtures']['listings_open']} open listings), {b['date']}")
    print(f"{'endpoint':<20}{'A floors':>10}{'B floors':>10}{'B / A':>8}")
    growth = {}
    for name in ea:
        if ea[name].get("cpu_ms") and eb.get(name, {}).get("cpu_ms"):
            fa = ea[name]["cpu_ms"] / ea["floor"]["cpu_ms"]
            fb = eb[name]["cpu_ms"] / eb["floor"]["cpu_ms"]
            growth[name] = fb / fa
            print(f"{name:<20}{fa:>10.2f}{fb:>10.2f}{growth[name]:>8.2f}")
    print("(floors = CPU per request in units of that run's floor)\n\nbudgets:")
    checks = [("browse, broad term: B ≤ 2× A", growth.get("browse-q-broad"), GROWTH_BUDGET)]
    if a.get("engine") and b.get("engine"):
        checks.append(
            ("engine p95: B ≤ 2× A", b["engine"]["p95_ms"] / a["engine"]["p95_ms"], GROWTH_BUDGET)
        )
        checks.append(
            (f"engine p95 in B < {ENGINE_P95_MS:g} ms", b["engine"]["p95_ms"], ENGINE_P95_MS)
        )
    for label, value, limit in checks:
        verdict = "n/a" if value is None else "PASS" if value <= limit else "FAIL"
        print(f"  {verdict:<5} {label}  ({fmt(value)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tier", choices=seed.TIERS, default="campus")
    parser.add_argument("--slice", type=int, default=3, help="seconds per slice (default 3)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all endpoints")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections (default 4)")
    parser.add_argument("--reseed", action="store_true", help="re-seed even if the cache matches")
    parser.add_argument("--no-engine", action="store_true", help="skip manage.py bench_engine")
    parser.add_argument(
        "--only", metavar="NAMES", help="measure only these endpoints (and the floor), e.g. detail"
    )
    parser.add_argument("--compare", nargs=2, metavar="JSON", help="growth between two runs")
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return

    started = time.monotonic()
    commit = git_commit()  # the code the server is about to load, not whatever is checked out later
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["STATIC_ROOT"] = str(tmp / "static")
        seed.setup(args.tier, secrets.token_urlsafe(50))
        marker = seed.ensure(args.tier, force=args.reseed)

        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
        manifest = json.loads((tmp / "static" / "staticfiles.json").read_text())
        static = "/static/" + manifest["paths"]["css/site.css"]

        port = free_port()
        server = start_server(port, secrets.token_hex(16), tmp / "gunicorn.log")
        try:
            results, memory = measure(args, port, server, marker, static, tmp)
        finally:
            stop_server(server)
        engine_report = None if args.no_engine else engine(tmp)

    report = {
        "tier": args.tier,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": commit,
        "machine": machine(),
        "settings": {"slice_s": args.slice, "rounds": args.rounds, "connections": args.connections},
        "fixtures": {k: v for k, v in marker.items() if k not in ("listings", "advisees")},
        "endpoints": results,
        "memory": memory,
        "engine": engine_report,
        "budgets": check_budgets(results, memory),
        "seconds": round(time.monotonic() - started, 1),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"{args.tier}-{stamp}-{report['commit'][:8]}.json"
    out.write_text(json.dumps(report, indent=2))
    print_table(report)
    print(f"\n{out.relative_to(ROOT)} written in {report['seconds']} s")


if __name__ == "__main__":
    main()
