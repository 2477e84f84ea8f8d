"""The harness's arithmetic: medians over slices, ratios to the floor, budgets, growth."""

import json

import pytest

from bench import report as harness
from bench import run


def slice_(requests=1000, seconds=2.0, cpu_s=1.0, p50=1.0, errors=0):
    return {
        "requests": requests,
        "seconds": seconds,
        "cpu_s": cpu_s,
        "errors": errors,
        "status_errors": 0,
        "p50_ms": p50,
        "p95_ms": 2 * p50,
        "p99_ms": 3 * p50,
    }


def result(cpu_ms, rps=100.0):
    return {"status": "ok", "cpu_ms": cpu_ms, "rps": rps}


def test_summary_takes_the_median_slice_so_one_noisy_slice_does_not_move_it():
    slices = [slice_(cpu_s=1.0), slice_(cpu_s=1.1), slice_(cpu_s=9.0, p50=50)]

    summary = harness.summarize(slices)

    assert summary["cpu_ms"] == pytest.approx(1.1)
    assert summary["p50_ms"] == 1.0
    assert summary["rps"] == 500
    assert summary["requests"] == 3000


def test_summary_of_no_requests_is_empty():
    assert harness.summarize([slice_(requests=0)]) == {}


def test_cpu_share_is_the_floor_cpu_over_the_endpoint_cpu():
    results = {"floor": result(0.5, rps=2000), "detail": result(2.5, rps=400)}

    harness.add_ratios(results)

    assert results["detail"]["cpu_share"] == 0.2
    assert results["detail"]["rps_ratio"] == 0.2
    assert results["floor"]["cpu_share"] == 1.0


def verdicts(results, memory=None):
    harness.add_ratios(results)
    return {b["budget"]: b["verdict"] for b in harness.check_budgets(results, memory)}


def test_share_budgets_pass_and_fail_at_their_limits():
    results = {"floor": result(1.0), "detail": result(1 / 0.15), "advisor-student": result(40.0)}

    found = verdicts(results)

    assert found["listing detail ≥ 0.15 of the floor"] == "PASS"
    assert found["advisor's student page ≥ 0.03 of the floor"] == "FAIL"
    assert found["browse, filters only ≥ 0.10 of the floor"] == "n/a"


def test_a_budget_over_several_endpoints_holds_only_if_each_does():
    results = {
        "floor": result(1.0),
        "browse": result(5.0),
        "browse-format": result(5.0),
        "browse-3-filters": result(12.0),
        "browse-deep": result(6.0),
    }

    found = verdicts(results)

    assert found["browse, filters only ≥ 0.10 of the floor"] == "FAIL"
    assert found["browse deep page ≤ 2× page 1"] == "PASS"


def test_growth_budgets_compare_cpu_per_request():
    results = {"floor": result(1.0), "caseload": result(4.0), "caseload-deep": result(5.2)}

    found = verdicts(results)

    assert found["caseload deep page ≤ 1.25× page 1"] == "FAIL"


def test_memory_budget():
    label = "worker memory after the run ≤ 1.5× warmed up"

    assert verdicts({}, {"warm_kb": 100, "after_kb": 150})[label] == "PASS"
    assert verdicts({}, {"warm_kb": 100, "after_kb": 151})[label] == "FAIL"


def test_targets_fill_each_endpoint_from_the_tiers_fixtures():
    fixtures = {
        "format": "micro-internship",
        "common_term": ["data", 0.14],
        "selective_term": ["hydrology", 0.003],
        "listings_open": 10_000,
        "caseload": 2000,
        "listings": [[7, "a-b"], [9, "c"]],
        "advisees": [3, 4],
    }

    paths = run.targets(fixtures, "/static/css/site.123.css")

    assert paths["browse-q-broad"] == ["/opportunities/?q=data"]
    assert paths["detail"] == ["/opportunities/7/a-b/", "/opportunities/9/c/"]
    assert paths["advisor-student"] == ["/advising/students/3/", "/advising/students/4/"]
    assert paths["browse-deep"] == ["/opportunities/?page=50"]  # the last of the 1 000-match cap
    assert paths["caseload-deep"] == ["/advising/?page=80"]
    assert paths["static"] == ["/static/css/site.123.css"]


def report(tmp_path, name, listings, floor_ms, broad_ms, engine_p95):
    endpoints = {"floor": result(floor_ms), "browse-q-broad": result(broad_ms)}
    harness.add_ratios(endpoints)
    data = {
        "tier": name,
        "date": "2026-09-01",
        "fixtures": {"listings_open": listings},
        "endpoints": endpoints,
        "engine": {"p95_ms": engine_p95},
    }
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_compare_normalizes_each_run_by_its_own_floor(tmp_path, capsys):
    # The system run's machine was twice as slow overall: the floor absorbs that.
    a = report(tmp_path, "campus", 10_000, floor_ms=0.5, broad_ms=5.0, engine_p95=10.0)
    b = report(tmp_path, "system", 100_000, floor_ms=1.0, broad_ms=15.0, engine_p95=60.0)

    harness.compare(a, b)

    out = capsys.readouterr().out
    assert "PASS  browse, broad term: B ≤ 2× A  (1.50)" in out
    assert "FAIL  engine p95: B ≤ 2× A  (6.00)" in out
    assert "FAIL  engine p95 in B < 50 ms  (60.00)" in out


def test_only_keeps_the_floor_and_the_named_endpoints_in_the_harness_order():
    assert [ep.name for ep in run.endpoints("advisor-student,detail")] == [
        "floor",
        "detail",
        "advisor-student",
    ]
    assert run.endpoints(None) == list(run.ENDPOINTS)


def test_only_refuses_a_name_it_does_not_know():
    with pytest.raises(SystemExit, match="unknown endpoints: detial"):
        run.endpoints("detial")
