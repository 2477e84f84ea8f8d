"""How good the advice is, in figures: the persona suite's students (tests/advising/personas.py)
run through `suggest_mix`'s inputs and the listing match on a fresh SQLite database, measured
on what issue 15 found wrong.

    .venv/bin/python -m bench.advice_quality [--json FILE]

It runs under any tree that has the personas module and this file, so the same measures can be
taken of an older engine (copy both into it): the documents it feeds an older tree leave out
what its contract did not take (window kinds and dates, the paid-work answer, commitments).

The measures, over all personas:
- in-field share: of the listings shown to students with target industries, the share in one;
- load share: planned hours over stated hours per window (mean, and the largest);
- engagements per window: the runs booked (mean; the most in a term window and in a break);
- counts over listings: suggestions booking more runs than they show listings;
- hours mismatch: suggestions whose commitment reason quotes other hours than one run books;
- listings off the slot: listings shown that need more hours than the run books;
- alike triples: windows whose suggestions share family, exposure and industries;
- topped-up internships: windows with a full-time internship and anything beside it;
- paid to a student who may not be paid: paid listings shown to one;
- overlap load: the hours a week planned across the two windows that overlap at 55 h/week
  stated (each window's planned hours over its weeks, added up).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path


def setup(directory: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(directory) / 'quality.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careercenter.settings")
    os.environ["DEBUG"] = "1"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


COMMITMENT = (
    re.compile(r"One run takes (\d+(?:\.\d+)?) h at"),  # this tree
    re.compile(r"One run takes (?:about|up to) (\d+(?:\.\d+)?) of your"),  # before issue 15
)


def quoted_hours(reasons) -> float | None:
    for reason in reasons:
        if reason.criterion != "commitment":
            continue
        for pattern in COMMITMENT:
            found = pattern.search(reason.text)
            if found:
                return float(found.group(1))
    return None


def measure() -> dict:
    from django.utils import timezone

    from advising import engine
    from advising.contract import inputs_from_json
    from advising.matching import advise
    from opportunities.models import Format
    from tests.advising.personas import PERSONAS, contract_document, seed_listings

    older = not hasattr(engine, "Policy")
    today = timezone.localdate()
    seed_listings(today)
    exposure = dict(Format.objects.values_list("slug", "exposure_depth"))
    shown = targeted_shown = in_field = 0
    loads, term_runs, break_runs, runs = [], [], [], []
    counts_over = mismatched = off_slot = alike = topped = paid_to_unpaid = 0
    overlap_peak = 0.0
    for persona in PERSONAS:
        document = contract_document(persona, today, older=older)
        advice = advise(inputs_from_json(document), today=today)
        targets = set(persona["profile"].get("target_industries", []))
        for window, spec in zip(advice.windows, persona["windows"], strict=True):
            plan = window.plan
            stated = plan.window.weeks * plan.window.weekly_hours
            loads.append(plan.planned_hours / stated if stated else 0)
            booked = sum(m.suggestion.count for m in window.suggestions)
            runs.append(booked)
            (term_runs if spec["kind"] != "break" else break_runs).append(booked)
            keys = [
                (m.suggestion.family, exposure[m.suggestion.format], m.suggestion.industries)
                for m in window.suggestions
            ]
            alike += len(keys) != len(set(keys))
            weekly = {
                m.suggestion.format: getattr(m.suggestion, "weekly_hours", 0)
                or m.suggestion.hours_each / max(plan.window.weeks, 1)
                for m in window.suggestions
            }
            if (
                any(
                    m.suggestion.family == "internship" and weekly[m.suggestion.format] >= 30
                    for m in window.suggestions
                )
                and len(window.suggestions) > 1
            ):
                topped += 1
            for matched in window.suggestions:
                s = matched.suggestion
                listings = matched.listings
                counts_over += s.count > len(listings)
                hours = quoted_hours(s.reasons)
                mismatched += hours is not None and abs(hours - s.hours_each) > 0.01
                for listing in listings:
                    shown += 1
                    targeted_shown += bool(targets)
                    in_field += bool(targets) and listing.industry.slug in targets
                    least = listing.total_hours or float(listing.duration_weeks or 0) * (
                        listing.weekly_hours_min or 0
                    )
                    off_slot += least > s.hours_each + 0.01
                    if persona["profile"].get("can_be_paid") is False:
                        paid_to_unpaid += listing.is_paid
        if persona["id"] == "overlapping-windows-55-hours":
            overlap_peak = sum(
                w.plan.planned_hours / max(w.plan.window.weeks, 1) for w in advice.windows
            )
    return {
        "engine": "before issue 15" if older else "issue 15",
        "personas": len(PERSONAS),
        "in_field_share": round(in_field / targeted_shown, 2) if targeted_shown else None,
        "load_share_mean": round(statistics.mean(loads), 2),
        "load_share_max": round(max(loads), 2),
        "engagements_mean": round(statistics.mean(runs), 2),
        "engagements_max_term": max(term_runs),
        "engagements_max_break": max(break_runs),
        "counts_over_listings": counts_over,
        "hours_mismatch": mismatched,
        "listings_off_slot": off_slot,
        "listings_shown": shown,
        "alike_triples": alike,
        "topped_up_internships": topped,
        "paid_to_student_who_may_not_be_paid": paid_to_unpaid,
        "overlap_55_weekly": round(overlap_peak, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    sys.path.insert(0, str(Path.cwd()))
    with tempfile.TemporaryDirectory() as directory:
        setup(directory)
        report = measure()
    width = max(map(len, report))
    for key, value in report.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
