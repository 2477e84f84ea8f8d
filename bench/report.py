"""The harness's arithmetic and its report: medians over slices, ratios to the floor, the
budgets, the table printed at the end of a run, and the growth between two runs (--compare)."""

import json
import os
import platform
import statistics
import subprocess
from pathlib import Path

from .seed import ROOT

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
