"""Engine plan in, listings out: the open listings that match each of the engine's suggestions
(`advise`; `advise_student` for a stored student), as `Advice`. Filters, ranking and the limit
per suggestion run in the database, in hand-written SQL for either database around the ORM's
listing filters (`fastpath`): first how many open listings fit each format's slot in each
window (`listing_supply`, the engine's `Supply`: a count never exceeds what is open; counted
over each format's first open listings, one sample for every student that each process reads
at most once a minute), then the best listings for each suggestion the engine booked
(`matching_listings`); the few listings shown are loaded in one more query, only when first
read (`_ListingRows`). A stored student's whole suggestion takes six queries at most (five when
the process keeps the sample), fewer when the profile's relations are loaded.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import connections
from django.utils import timezone

from opportunities.fastpath import Kept
from opportunities.models import Opportunity

from . import engine, fastpath
from . import policy as advising_policy
from .fastpath import (  # noqa: F401 (also named here for the tests that pin them)
    _FITS_NAMES,
    _FITS_SLOT,
    CANDIDATES_PER_SUGGESTION,
    SUPPLY_SAMPLE,
    Spec,
    Typical,
)
from .fastpath import eligible as _eligible
from .fastpath import fit_values as _fit_values
from .fastpath import sample_sql as _sample_sql
from .hard_filters import EVERY_WORK_MODE, Kind, accepted_pay
from .hard_filters import takes as _takes
from .inputs import ActiveFormats, Loaded, StudentInputs, catalogue, engine_profile
from .models import StudentProfile

LISTINGS_PER_SUGGESTION = 5  # enough to choose from in a meeting; more belongs to search


class _ListingRows:
    """The listings matched for one piece of advice, read in one query the first time any
    suggestion's `listings` is asked for. A page that takes each listing's line from the
    fragment cache (the `listing_lines` tag) reads none of them."""

    def __init__(self, ids):
        self._ids = set(ids)
        self._found = None

    def get(self) -> dict[int, Opportunity]:
        if self._found is None:
            self._found = (
                Opportunity.objects.select_related("format", "industry", "organization")
                .short()
                .in_bulk(self._ids)
            )
        return self._found


@dataclass(frozen=True)
class MatchedSuggestion:
    suggestion: engine.Suggestion
    # Each matched listing's id and `updated_at` (a version for cache keys), best first.
    versions: tuple[tuple[int, datetime.datetime], ...] = ()
    rows: _ListingRows | None = dataclasses.field(default=None, repr=False, compare=False)
    notes: tuple[str, ...] = ()  # e.g. none of the listings is in the student's field

    @property
    def listings(self) -> tuple[Opportunity, ...]:
        """The matched listings, best first (a listing deleted since the match is left out)."""
        if not self.versions:
            return ()
        found = self.rows.get()
        return tuple(found[pk] for pk, _ in self.versions if pk in found)


@dataclass(frozen=True)
class WindowAdvice:
    plan: engine.WindowPlan
    window_id: int | None
    suggestions: tuple[MatchedSuggestion, ...]


@dataclass(frozen=True)
class Advice:
    windows: tuple[WindowAdvice, ...]
    notes: tuple[str, ...]
    assumptions: tuple[str, ...]
    year_notes: tuple[str, ...] = ()
    load: tuple[engine.LoadSpan, ...] = ()
    policy: engine.Policy | None = None

    @property
    def is_empty(self) -> bool:
        return not any(w.suggestions for w in self.windows)


def _slot_of(s: engine.Suggestion) -> engine.Slot:
    return engine.Slot(s.weeks, s.weekly_hours, int(s.hours_each))


def _typical(fmt: engine.FormatSpec) -> Typical:
    return math.ceil(fmt.weekly_hours_min), fmt.weeks_min, math.ceil(fmt.total_hours_min)


def _specs(
    inputs: StudentInputs, plan: engine.Plan, cat: ActiveFormats
) -> tuple[list[tuple[int, str]], list[Spec]]:
    """What to rank for each suggestion of `plan` whose format is active: its (window index,
    format slug) and its `Spec`, in the same order."""
    typical = {f.slug: _typical(f) for f in cat.specs}
    groups, specs = [], []
    for k, wp in enumerate(plan.windows):
        for s in wp.suggestions:
            if s.format in cat.ids:
                aimed = [inputs.industry_ids[i] for i in s.industries if i in inputs.industry_ids]
                specs.append((cat.ids[s.format], _slot_of(s), typical[s.format], aimed))
                groups.append((k, s.format))
    return groups, specs


def _student_eligible(student: engine.StudentProfile, today: datetime.date | None):
    db = Opportunity.objects.db
    return _eligible(
        db,
        connections[db].vendor,
        today or timezone.localdate(),
        accepted_pay(student),
        tuple(student.work_modes),
    )


# What a slot reads of a sampled listing, and how many: (industry id, weekly hours min, weeks,
# total hours, count).
_SampleRow = tuple[int | None, int | None, float | None, int | None, int]
_Sample = Mapping[int, Mapping[Kind, tuple[_SampleRow, ...]]]  # by format id, then kind
# The sample each process keeps; a listing saved or deleted here clears it.
# The two forms of the ranking, by name for the test that holds them to the same rows.
_ranked_union = functools.partial(fastpath.ranked, lateral=False)
_ranked_lateral = functools.partial(fastpath.ranked, lateral=True)
_kept_sample = Kept("advising-sample", Opportunity)


def _open_sample(alias: str, today: datetime.date, format_ids: tuple[int, ...]) -> _Sample:
    """Each format's sample of open listings, the same for every student, read at most
    `catalogue.TTL` seconds ago by this process (one query when it is not)."""
    key = (alias, today, format_ids, SUPPLY_SAMPLE)
    return _kept_sample.get(key, lambda: _read_sample(alias, today, format_ids))


def _read_sample(alias: str, today: datetime.date, format_ids: tuple[int, ...]) -> _Sample:
    connection = connections[alias]
    every_listing = _eligible(alias, connection.vendor, today, None, EVERY_WORK_MODE)
    sql, params = _sample_sql(
        every_listing, format_ids, lateral=connection.vendor == "postgresql", limit=SUPPLY_SAMPLE
    )
    rows = fastpath.run(alias, sql, params)
    grouped: dict[int, dict[Kind, list[_SampleRow]]] = {}
    for format_id, mode, remote, pay, industry_id, hours, weeks, total, n in rows:
        kinds = grouped.setdefault(format_id, {})
        kinds.setdefault((mode, bool(remote), pay), []).append(
            (industry_id, hours, weeks, total, int(n))
        )
    return {
        format_id: {kind: tuple(found) for kind, found in kinds.items()}
        for format_id, kinds in grouped.items()
    }


clear_samples = _kept_sample.clear


def _fits(row: _SampleRow, fit: Mapping[str, object]) -> bool:
    """Whether a listing of `row`'s shape fits the slot of `fit` (`_fit_values`): `_FITS_SLOT`
    in Python (a test holds the two to the same answers)."""
    _, hours, weeks, total, _ = row
    least = fit["typical_hours"] if hours is None else hours
    if least > fit["hours"]:
        return False
    if total is not None and total > fit["capacity"]:
        return False
    if weeks is not None:
        return weeks <= fit["weeks"] and weeks * least <= fit["capacity"]
    return total is not None or (
        fit["typical_weeks"] <= fit["weeks"] and fit["typical_total"] <= fit["capacity"]
    )


def listing_supply(
    inputs: StudentInputs,
    slots: Mapping[tuple[int, str], engine.Slot],
    cat: ActiveFormats,
    *,
    today: datetime.date | None = None,
) -> dict[tuple[int, str], engine.Supply]:
    """For each slot the engine could book (keyed (window index, format slug)), how many open
    listings the student may take fit it, and how many of those are in each target industry.

    Counted over each format's sample: its `SUPPLY_SAMPLE` first open listings in the
    ranking's walk, of which those the student may take (work mode and pay, `_takes`) are a
    prefix of the listings the ranking starts from, so a count never exceeds what it can show.
    The sample is the same for every student: read in one query that reads at most that many
    index entries per format, whatever the catalogue's size, and kept by the process for
    `catalogue.TTL` seconds (a listing saved or deleted through the ORM clears it at once; an
    import or the nightly closing shows within the TTL, like the catalogue's terms). Each slot
    is counted in Python (`_fits`, what the ranking's SQL asks). A slot no listing fits is
    absent (none open).
    """
    wanted = [(key, slot) for key, slot in slots.items() if key[1] in cat.ids]
    if not wanted:
        return {}
    sample = _open_sample(
        Opportunity.objects.db, today or timezone.localdate(), tuple(sorted(cat.ids.values()))
    )
    pay, work_modes = accepted_pay(inputs.profile), tuple(inputs.profile.work_modes)
    taken: dict[int, list[tuple[_SampleRow, ...]]] = {}
    name_of = {pk: name for name, pk in inputs.industry_ids.items()}
    typical = {f.slug: _typical(f) for f in cat.specs}
    supply = {}
    for key, slot in wanted:
        format_id = cat.ids[key[1]]
        if format_id not in taken:
            kinds = sample.get(format_id, {})
            taken[format_id] = [
                rows for kind, rows in kinds.items() if _takes(kind, pay, work_modes)
            ]
        fit = _fit_values(slot, typical[key[1]])
        found: dict[int | None, int] = {}
        for rows in taken[format_id]:
            for row in rows:
                if _fits(row, fit):
                    found[row[0]] = found.get(row[0], 0) + row[4]
        if not found:
            continue
        aimed = tuple(sorted((name_of[pk], n) for pk, n in found.items() if pk in name_of))
        supply[key] = engine.Supply(sum(found.values()), sum(n for _, n in aimed), aimed)
    return supply


@dataclass(frozen=True)
class _Match:
    pk: int
    version: datetime.datetime
    industry_id: int | None
    deadline: datetime.date | None


def matching_listings(
    inputs: StudentInputs,
    plan: engine.Plan,
    cat: ActiveFormats,
    *,
    limit: int = LISTINGS_PER_SUGGESTION,
    today: datetime.date | None = None,
) -> dict[tuple[int, str], list[_Match]]:
    """The best open listings for every suggestion of `plan`, keyed (window index, format slug),
    best first.

    Hard filters, never just ranking: open (published, deadline not passed or not stated), a
    work mode the student accepts (`hard_filters`), paid when the student needs pay (academic
    credit only when they said credit will do; pay not stated is not paid), never paid when
    they may not take paid work (nor pay not stated), of the suggested format, and fitting the
    suggestion's slot (its hours a week, weeks and total hours; what a listing does not state,
    judged by its format's typical minimums). Among the `CANDIDATES_PER_SUGGESTION`
    soonest-closing listings that pass them (real listings before demo ones, stated deadlines
    before none), ranked real before demo, then by whether the listing's industry is one the
    suggestion aims at, then how many of the student's skills to build it trains, then the
    earliest deadline (none last).

    One query whatever the number of windows, suggestions, skills or listings ranks every
    suggestion's candidates with ROW_NUMBER() and keeps `limit` of each (`advise` reads those
    few listings when they are needed): a LATERAL join on PostgreSQL, a UNION ALL elsewhere.
    The filters on the listing alone are the ORM's (`open()` and the rest), compiled once per
    process for each combination (see `fastpath.eligible`); the slot's fit and the ranking are
    written in SQL around them (`fastpath`: the ORM's Window() and union() cost 15–30 ms of
    Python per student to compile, more than the database takes to run it).
    """
    eligible = _student_eligible(inputs.profile, today)
    groups, specs = _specs(inputs, plan, cat)
    if not specs or limit <= 0:
        return {}
    db = Opportunity.objects.db
    sql, params = fastpath.ranked(
        eligible,
        specs,
        inputs.skill_ids,
        limit,
        CANDIDATES_PER_SUGGESTION,
        lateral=connections[db].vendor == "postgresql",
    )
    # Each winner's `updated_at` comes with it, so kept listing lines need no listing row.
    rows = sorted(fastpath.run(db, fastpath.with_versions(db, sql), params))
    matched: dict[tuple[int, str], list[_Match]] = {}
    for group, _, pk, version, industry_id, deadline in rows:
        matched.setdefault(groups[group], []).append(_Match(pk, version, industry_id, deadline))
    return matched


def _in_field(
    s: engine.Suggestion, found: list[_Match], industry_ids: Mapping[str, int]
) -> tuple[list[_Match], tuple[str, ...]]:
    """The listings to show for `s`: those in the industries it aims at when there are some
    (never filled up with others), else the nearest, said plainly."""
    aimed = {industry_ids[name] for name in s.industries if name in industry_ids}
    if not aimed or not found:
        return found, ()
    inside = [m for m in found if m.industry_id in aimed]
    if inside:
        return inside, ()
    where = " or ".join(s.industries)
    return found, (f"No open {s.name} in {where} fits this slot right now; these are the nearest.",)


def _deadline_note(s: engine.Suggestion, found: list[_Match], spec: engine.FormatSpec | None):
    deadlines = [m.deadline for m in found if m.deadline is not None]
    if spec is None or spec.application_process < 3 or not deadlines:
        return ()
    first = min(deadlines)
    return (f"Apply early: the first of these closes on {first.day} {first:%b %Y}.",)


def advise(
    inputs: StudentInputs,
    *,
    cat: ActiveFormats | None = None,
    policy: engine.Policy | None = None,
    limit: int = LISTINGS_PER_SUGGESTION,
    today: datetime.date | None = None,
) -> Advice:
    """The engine's plan for `inputs`, each suggestion with its matching listings.

    Three queries at most: each format's sample of open listings, counted for each slot (the
    engine books no more runs than there are; kept by the process, see `listing_supply`), the
    ranking, and the listings matched when a suggestion's `listings` is first read (the formats
    and the policy come from what each process keeps, unless given).
    """
    today = today or timezone.localdate()
    cat = cat or catalogue()
    policy = policy or advising_policy.current()
    supply = listing_supply(
        inputs, engine.slots(inputs.profile, cat.specs, policy), cat, today=today
    )
    plan = engine.suggest(inputs.profile, cat.specs, policy, supply=supply, today=today)
    matched = matching_listings(inputs, plan, cat, limit=limit, today=today)
    specs = {spec.slug: spec for spec in cat.specs}
    shown: dict[tuple[int, str], tuple[list[_Match], tuple[str, ...]]] = {}
    for k, wp in enumerate(plan.windows):
        for s in wp.suggestions:
            found, notes = _in_field(s, matched.get((k, s.format), []), inputs.industry_ids)
            shown[(k, s.format)] = (found, notes + _deadline_note(s, found, specs.get(s.format)))
    rows = _ListingRows(m.pk for found, _ in shown.values() for m in found)
    windows = tuple(
        WindowAdvice(
            wp,
            inputs.window_ids[k] if k < len(inputs.window_ids) else None,
            tuple(
                MatchedSuggestion(
                    s,
                    tuple((m.pk, m.version) for m in shown[(k, s.format)][0]),
                    rows,
                    shown[(k, s.format)][1],
                )
                for s in wp.suggestions
            ),
        )
        for k, wp in enumerate(plan.windows)
    )
    return Advice(windows, plan.notes, inputs.assumptions, plan.year_notes, plan.load, policy)


def advise_student(
    profile: StudentProfile,
    *,
    overrides: Mapping[str, object] | None = None,
    limit: int = LISTINGS_PER_SUGGESTION,
    today: datetime.date | None = None,
    loaded: Loaded | None = None,
) -> Advice:
    """Suggestion and matching listings for a stored student, in six queries at most.

    Three to read the profile's windows, experiences and the ids of the rest (none when the
    caller passes what `inputs.load_student` read), three to sample (see `listing_supply`),
    rank and load the listings; the formats and the policy come from what each process keeps.
    """
    inputs = engine_profile(profile, overrides, today=today, loaded=loaded)
    return advise(inputs, limit=limit, today=today)
