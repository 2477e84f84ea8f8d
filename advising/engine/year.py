"""The year: windows planned in order (what each books comes off the room of later windows that
overlap it), the week-by-week load, and the entry points `suggest` and `plan_to_dict`."""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import asdict

from .fitting import _active, _modes_ok, _monday, _Room, _room_slot, _rooms, _why_not
from .history import _past
from .notes import _notes, _year_notes
from .planning import _plan_window, _Window
from .specs import (
    LOAD_WEEKS,
    EngineError,
    FormatSpec,
    LoadSpan,
    Plan,
    Policy,
    StudentProfile,
    Suggestion,
    Supply,
    Window,
    WindowPlan,
)
from .validation import _check_format, _check_policy, _check_profile, _check_supply
from .wording import _day


def _frames(
    profile: StudentProfile,
    catalogue: Sequence[FormatSpec],
    rooms: Sequence[_Room],
    supply: Mapping[tuple[int, str], Supply] | None,
) -> list[str | None]:
    """For each window, the label of a later window where an internship can be booked and
    needs a formal application the student is not ready for (what to prepare for), or None."""
    if profile.application_ready or profile.career_clarity == "exploring":
        return [None] * len(profile.windows)  # ready, or not heading for an internship yet
    needing = []
    for j, window in enumerate(profile.windows):
        for fmt in catalogue:
            if fmt.family != "internship" or fmt.application_process < 3:
                continue
            if _why_not(fmt, window) is None and _modes_ok(fmt, profile):
                slot = _room_slot(fmt, window, rooms[j])
                found = supply.get((j, fmt.slug)) if supply is not None else None
                if slot is not None and (supply is None or (found and found.fitting)):
                    needing.append(j)
                    break
    labels = []
    for i in range(len(profile.windows)):
        later = [j for j in needing if j > i]
        labels.append(profile.windows[later[0]].label if later else None)
    return labels


def _overlap(
    window: Window, room: _Room, plans: Sequence[WindowPlan], booked: Mapping[datetime.date, float]
) -> tuple[tuple[float, ...], list[str]]:
    """What earlier windows' plans book in each of `window`'s weeks (`booked`, by Monday), and
    a note for each earlier window it overlaps."""
    overlap = tuple(booked.get(monday, 0.0) for monday in room.mondays)
    overlap += (0.0,) * (len(room.lengths) - len(overlap))
    notes = []
    if window.starts_on is not None:
        for plan in plans:
            other = plan.window
            if other.starts_on is None:
                continue
            if other.starts_on > window.ends_on or window.starts_on > other.ends_on:
                continue
            start, end = max(window.starts_on, other.starts_on), min(window.ends_on, other.ends_on)
            notes.append(
                f"Overlaps {other.label} from {_day(start)} to {_day(end)}: those weeks are "
                f"planned together, so what {other.label}'s plan books there comes off this "
                "window's room."
            )
    return overlap, notes


def _load(
    profile: StudentProfile,
    plans: Sequence[WindowPlan],
    rooms: Sequence[_Room],
    booked: Mapping[datetime.date, float],
    policy: Policy,
) -> tuple[LoadSpan, ...]:
    dated = [p for p in plans if p.window.starts_on is not None]
    if not dated:
        return ()
    first = _monday(min(p.window.starts_on for p in dated))
    last = _monday(max(p.window.ends_on for p in dated))
    count = min((last - first).days // 7 + 1, LOAD_WEEKS)
    commitments = [c for c in profile.commitments if c.window is None]
    spans: list[LoadSpan] = []
    for k in range(count):
        monday = first + datetime.timedelta(weeks=k)
        covering = [
            (i, p)
            for i, p in enumerate(plans)
            if p.window.starts_on is not None and monday in rooms[i].mondays
        ]
        stated = sum(p.window.weekly_hours for _, p in covering)
        ceiling = max((p.weekly_ceiling for _, p in covering), default=0.0)
        committed = sum(c.weekly_hours for c in commitments if _active(c, monday))
        committed += sum(rooms[i].weekly_linked for i, _ in covering)
        row = (
            tuple(p.window.label for _, p in covering),
            round(stated, 1),
            round(ceiling, 1),
            round(committed, 1),
            round(booked.get(monday, 0.0), 1),
        )
        warning = max(stated, committed + row[-1]) >= policy.weekly_load_warning
        previous = spans[-1] if spans else None
        if (
            previous
            and previous.warning == warning
            and (
                previous.windows,
                previous.stated,
                previous.ceiling,
                previous.committed,
                previous.planned,
            )
            == row
        ):
            spans[-1] = LoadSpan(previous.starts_on, previous.weeks + 1, *row, warning)
        else:
            spans.append(LoadSpan(monday, 1, *row, warning))
    return tuple(spans)


def suggest(
    profile: StudentProfile,
    formats: Sequence[FormatSpec],
    policy: Policy,
    *,
    supply: Mapping[tuple[int, str], Supply] | None = None,
    today: datetime.date | None = None,
) -> Plan:
    """Plan every window of `profile` (in its order) from the catalogue `formats` (any order)
    under `policy`.

    `supply` counts, for each (window index, slug) of `slots()`, the open listings that fit the
    slot; when it is given, a format is booked in a window only if some do, and at most as many
    times as there are (in the student's target industries, when there are some there). `today`
    dates the sequencing notes (application deadlines).
    """
    _check_profile(profile)
    _check_policy(policy)
    _check_supply(supply)
    for fmt in formats:
        _check_format(fmt)
    catalogue = sorted(formats, key=lambda f: (f.display_order, f.slug))
    slugs = [fmt.slug for fmt in catalogue]
    if len(set(slugs)) != len(slugs):
        repeated = sorted({slug for slug in slugs if slugs.count(slug) > 1})
        raise EngineError(f"format slugs must be unique; repeated: {', '.join(repeated)}")
    by_slug = {fmt.slug: fmt for fmt in catalogue}
    rooms = _rooms(profile, by_slug, policy)
    prepares = _frames(profile, catalogue, rooms, supply)
    targets = set(profile.target_industries)
    start = past = _past(profile, {fmt.slug: fmt.family for fmt in catalogue})
    plans: list[WindowPlan] = []
    booked: dict[datetime.date, float] = {}  # what the plans so far book, by week
    for i, window in enumerate(profile.windows):
        overlap, overlap_notes = _overlap(window, rooms[i], plans, booked)
        frame = _Window(i, rooms[i], overlap, tuple(overlap_notes), prepares[i])
        plan = _plan_window(profile, policy, catalogue, window, frame, past, supply, today)
        plans.append(plan)
        past = past.with_plan(plan, targets)
        for monday, hours in zip(rooms[i].mondays, plan.weekly_load, strict=False):
            booked[monday] = booked.get(monday, 0.0) + hours
    load = _load(profile, plans, rooms, booked, policy)
    return Plan(
        tuple(plans),
        tuple(_notes(profile, catalogue, policy, plans, start)),
        tuple(_year_notes(profile, by_slug, policy, plans, load, today)),
        load,
    )


def plan_to_dict(plan: Plan) -> dict:
    """The plan as JSON-ready dicts and lists (reason weights stay internal)."""

    def suggestion(s: Suggestion) -> dict:
        reasons = [{"criterion": r.criterion, "text": r.text} for r in s.reasons]
        return asdict(s) | {"industries": list(s.industries), "reasons": reasons}

    def dated(value: datetime.date | None) -> str | None:
        return value.isoformat() if value else None

    windows = [
        asdict(wp.window)
        | {
            "starts_on": dated(wp.window.starts_on),
            "ends_on": dated(wp.window.ends_on),
            "capacity_hours": wp.capacity_hours,
            "ceiling_hours": wp.ceiling_hours,
            "committed_hours": wp.committed_hours,
            "planned_hours": wp.planned_hours,
            "suggestions": [suggestion(s) for s in wp.suggestions],
            "excluded": [asdict(e) for e in wp.excluded],
            "notes": list(wp.notes),
        }
        for wp in plan.windows
    ]
    load = [
        asdict(span) | {"starts_on": span.starts_on.isoformat(), "windows": list(span.windows)}
        for span in plan.load
    ]
    return {
        "windows": windows,
        "notes": list(plan.notes),
        "year_notes": list(plan.year_notes),
        "load": load,
    }
