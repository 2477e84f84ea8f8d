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
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import seed
from .proc import children, cpu_seconds, cpu_ticks, memory_kb
from .report import add_ratios, check_budgets, compare, git_commit, machine, print_table, summarize

ROOT = seed.ROOT
RESULTS = ROOT / "bench" / "results"
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


def engine(tmp: Path) -> dict | None:
    """The engine in-process (python -m bench.engine), after the server has stopped."""
    out = tmp / "engine.json"
    command = [sys.executable, "-m", "bench.engine", "--json", str(out)]
    result = subprocess.run(command, cwd=ROOT, env=os.environ, text=True, check=False)
    return json.loads(out.read_text()) if result.returncode == 0 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tier", choices=seed.TIERS, default="campus")
    parser.add_argument("--slice", type=int, default=3, help="seconds per slice (default 3)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all endpoints")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections (default 4)")
    parser.add_argument("--reseed", action="store_true", help="re-seed even if the cache matches")
    parser.add_argument("--no-engine", action="store_true", help="skip python -m bench.engine")
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
