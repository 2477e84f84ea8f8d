"""Planning one window: the best formats booked while the room, the engagement cap and the open
listings allow, then scheduled week by week."""

import datetime
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .fitting import _is_short, _modes_ok, _pace, _Room, _room_slot, _why_not
from .history import _Past
from .numbers import plain
from .scoring import _Context, _depth, _made_for_here, _score, _stance, _weights
from .specs import (
    MAX_COUNT,
    MAX_SUGGESTIONS,
    Exclusion,
    FormatSpec,
    Policy,
    Reason,
    Slot,
    StudentProfile,
    Suggestion,
    Supply,
    Window,
    WindowPlan,
)
from .wording import _MODE_NAMES, _and, _or, _weeks


@dataclass
class _Pick:
    fmt: FormatSpec
    slot: Slot
    score: float
    reasons: tuple[Reason, ...]
    industries: tuple[str, ...]
    cap: int  # runs the open listings allow (MAX_COUNT when unknown)
    count: int = 1


@dataclass(frozen=True)
class _Window:
    """Inputs to one window's plan that depend on the rest of the year."""

    index: int
    room: _Room
    overlap: tuple[float, ...]  # hours a week earlier windows' plans book in each week
    overlap_notes: tuple[str, ...]
    prepares_for: str | None


def _cap_of(supply: Supply | None, targets: Sequence[str]) -> int:
    if supply is None:
        return MAX_COUNT
    return supply.in_targets if targets and supply.in_targets else supply.fitting


def _schedule(
    picks: Sequence[_Pick], room: _Room, overlap: Sequence[float]
) -> tuple[float, ...] | None:
    """The hours a week `picks` book in each of the window's weeks, or None if they do not fit.

    Multi-week formats run side by side from the first week, each for its weeks; short runs
    follow one another (the most hours a week first), each in the earliest weeks that have room
    for its pace beside them. A week's load never passes the room the policy and the
    commitments leave in it, less what earlier overlapping windows' plans book there.
    """
    free = [f - o for f, o in zip(room.free, overlap, strict=True)]
    starts = [sum(room.lengths[:k]) for k in range(len(room.lengths))]
    hours = [0.0] * len(free)
    for p in picks:
        if _is_short(p.fmt):
            continue
        for k, start in enumerate(starts):
            if start < p.slot.weeks - 1e-9:
                free[k] -= p.slot.weekly_hours
                hours[k] += p.slot.weekly_hours * room.lengths[k]
    if any(f < -1e-9 for f in free):
        return None
    used = [0.0] * len(free)  # the part of each week short runs already take
    runs = sorted(
        (p.slot.weekly_hours, p.slot.hours)
        for p in picks
        if _is_short(p.fmt)
        for _ in range(p.count)
    )[::-1]
    for weekly, total in runs:
        time = total / weekly
        for k, length in enumerate(room.lengths):
            if time <= 1e-9:
                break
            if free[k] + 1e-9 < weekly or used[k] >= length - 1e-9:
                continue
            take = min(length - used[k], time)
            used[k] += take
            time -= take
            hours[k] += take * weekly
        if time > 1e-9:
            return None
    return tuple(round(h / n, 2) for h, n in zip(hours, room.lengths, strict=True))


def _next_target(targets: Sequence[str], turn: int, supply: Supply | None) -> tuple[str, int]:
    """The next target industry in turn that has open listings of this format (any, when the
    open listings are not known or none has), and the turn after it."""
    stocked = dict(supply.by_industry) if supply is not None else {}
    for k in range(len(targets)):
        name = targets[(turn + k) % len(targets)]
        if supply is None or stocked.get(name):
            return name, turn + k + 1
    return targets[turn % len(targets)], turn + 1


def _differs(industries: tuple[str, ...], fmt: FormatSpec, picks: Sequence[_Pick]) -> bool:
    """A suggestion must differ from each one before it in family, exposure or industry."""
    return all(
        fmt.family != p.fmt.family
        or fmt.exposure_depth != p.fmt.exposure_depth
        or industries != p.industries
        for p in picks
    )


def _plan_window(
    profile: StudentProfile,
    policy: Policy,
    catalogue: Sequence[FormatSpec],
    window: Window,
    frame: _Window,
    past: _Past,
    supply: Mapping[tuple[int, str], Supply] | None,
    today: datetime.date | None,
) -> WindowPlan:
    room = frame.room
    targets = tuple(dict.fromkeys(profile.target_industries))
    busy = window.kind == "term" and room.weekly_light < policy.busy_weekly_hours
    depth = _depth(profile, policy, window, room.weekly, past)
    ctx = _Context(
        profile,
        policy,
        window,
        frame.index,
        room.weekly_light,
        depth,
        busy,
        _stance(depth, profile.career_clarity),
        past,
        targets,
        supply,
        frame.prepares_for,
        today,
    )
    weights = _weights(ctx)
    excluded, ranked = [], []
    for fmt in catalogue:
        why_not = _why_not(fmt, window)
        slot = None
        if why_not is None and not _modes_ok(fmt, profile):
            why_not = (
                f"{fmt.name} is done {_or([_MODE_NAMES[m] for m in fmt.work_modes])} only; "
                f"you accept {_or([_MODE_NAMES[m] for m in profile.work_modes])} work."
            )
        if why_not is None:
            slot = _room_slot(fmt, window, room)
            if slot is None:
                why_not = _no_room(fmt, window, room)
        if why_not is None and supply is not None:
            found = supply.get((frame.index, fmt.slug))
            if found is None or found.fitting == 0:
                why_not = f"No open {fmt.name} listing fits this window right now."
        if why_not is None:
            ranked.append((*_score(fmt, slot, ctx, weights), fmt, slot))
        else:
            excluded.append(Exclusion(fmt.slug, fmt.name, why_not))
    # Best first; a short format an earlier window already books comes after the others, so
    # that a later term with the same time tries something new before repeating itself.
    planned = {slug for slug, _ in past.planned_short}
    ranked.sort(key=lambda r: (r[2].slug in planned, -r[0], r[2].display_order, r[2].slug))

    spread = len(targets) >= 2 and depth <= 0.5
    picks: list[_Pick] = []
    turn = 0
    engagements = room.engagements_taken

    def candidate(score, reasons, fmt, slot, base, turn):
        """`fmt` as a pick beside `base` (its industry the next in `turn` when runs spread over
        the targets) and the turn after it, or None if the policy rules it out there."""
        anchors = [p for p in base if p.fmt.family == "internship"]
        if any(p.slot.weekly_hours >= policy.full_time_weekly_hours for p in anchors):
            return None  # a full-time internship is the whole window: no second employer
        multi_week = ("internship", "hybrid")
        if (
            fmt.family in multi_week
            and any(p.fmt.family in multi_week for p in base)
            and (anchors or fmt.family == "internship")
        ):
            return None  # an internship is the only multi-week employer in its window
        if (
            base
            and fmt.family == "internship"
            and slot.weekly_hours >= (policy.full_time_weekly_hours)
        ):
            return None  # a full-time internship is not stacked on other engagements
        found = supply.get((frame.index, fmt.slug)) if supply is not None else None
        industries, after = targets, turn
        if spread:
            name, after = _next_target(targets, turn, found)
            industries = (name,)
        if not _differs(industries, fmt, base):
            return None
        pick = _Pick(fmt, slot, score, reasons, industries, _cap_of(found, targets))
        if _schedule([*base, pick], room, frame.overlap) is None:
            return None
        return pick, after

    for score, reasons, fmt, slot in ranked:
        if len(picks) == MAX_SUGGESTIONS or engagements >= room.max_engagements:
            break
        found = candidate(score, reasons, fmt, slot, picks, turn)
        if found is not None:
            picks.append(found[0])
            engagements += 1
            turn = found[1]
    # The catalogue's distinctions show: a format made for exactly this situation (a break, a
    # busy term, a first try) is offered whenever it can be booked, in place of the lowest
    # ranked micro formats that are not (never in place of an internship or a hybrid).
    order = {r[2].slug: k for k, r in enumerate(ranked)}
    for score, reasons, fmt, slot in ranked:
        if not _made_for_here(fmt, slot, ctx) or any(p.fmt.slug == fmt.slug for p in picks):
            continue
        removable = [
            p
            for p in reversed(picks)
            if p.fmt.family == "micro" and not _made_for_here(p.fmt, p.slot, ctx)
        ]
        bases = [[p for p in picks if p not in removable[:k]] for k in range(len(removable) + 1)]
        if len(picks) == MAX_SUGGESTIONS or engagements >= room.max_engagements:
            bases = bases[1:]
        found = next(
            (
                (base, found)
                for base in bases
                for offset in range(max(1, len(targets) if spread else 1))
                if (found := candidate(score, reasons, fmt, slot, base, turn + offset))
            ),
            None,
        )
        if found is not None:
            base, (pick, turn) = found
            picks = sorted([*base, pick], key=lambda p: order[p.fmt.slug])
            engagements = room.engagements_taken + len(picks)
    grew = True
    while grew:  # repeat short formats one after another, in rank order, while room allows
        grew = False
        for pick in picks:
            if (
                _is_short(pick.fmt)
                and pick.count < min(MAX_COUNT, pick.cap)
                and engagements < room.max_engagements
            ):
                pick.count += 1
                if _schedule(picks, room, frame.overlap) is not None:
                    engagements += 1
                    grew = True
                    if spread:
                        found = supply.get((frame.index, pick.fmt.slug)) if supply else None
                        name, turn = _next_target(targets, turn, found)
                        pick.industries = tuple(dict.fromkeys((*pick.industries, name)))
                else:
                    pick.count -= 1

    suggestions = tuple(
        Suggestion(
            p.fmt.slug,
            p.fmt.name,
            p.fmt.family,
            p.count,
            float(p.slot.hours),
            round(p.score, 2),
            p.reasons,
            p.industries,
            p.slot.weekly_hours,
            p.slot.weeks,
        )
        for p in picks
    )
    notes = list(frame.overlap_notes)
    if profile.career_clarity == "decided" and not any(p.fmt.family == "internship" for p in picks):
        passed = next((r for r in ranked if r[2].family == "internship"), None)
        if passed is not None:
            against = min(passed[1], key=lambda r: r.weight)
            notes.append(f"{passed[2].name} fits this window too but ranks lower: {against.text}")
    if room.committed_labels:
        notes.append(
            f"Already taking time here: {_and(room.committed_labels)} (up to "
            f"{plain(round(room.weekly_committed, 1))} h/week); the plan adds to that."
        )
    if room.unplaced:
        notes.append(
            f"This window has no dates, so {_and(room.unplaced)} could not be placed in it: "
            "give its dates to have them counted."
        )
    if room.engagements_taken >= room.max_engagements:
        notes.append(
            f"The accepted recommendations already fill the {room.max_engagements} engagements "
            "a window may hold."
        )
    planned = round(sum(s.hours_each * s.count for s in suggestions), 2)
    load = _schedule(picks, room, frame.overlap) or ()
    taken = max((c + o for c, o in zip(room.committed, frame.overlap, strict=True)), default=0)
    ceiling = round(room.weekly_ceiling * window.weeks, 2)
    committed = room.committed_hours
    return WindowPlan(
        window,
        suggestions,
        tuple(excluded),
        planned,
        round(window.weeks * window.weekly_hours, 2),
        ceiling,
        committed,
        round(room.weekly_ceiling, 2),
        round(taken, 2),
        room.max_engagements,
        tuple(notes),
        load,
    )


def _no_room(fmt: FormatSpec, window: Window, room: _Room) -> str:
    """Why a format that fits the window's stated time has no slot within the plan's room."""
    kind = "term time" if window.kind == "term" else "a break"
    limit = (
        f"the plan keeps {kind} to {round(room.share * 100)}% of your "
        f"{plain(window.weekly_hours)} h/week ({plain(round(room.weekly_ceiling, 1))} h/week)"
    )
    short = _is_short(fmt)
    free, weeks = (room.weekly_light, room.light_weeks) if short else (room.weekly, window.weeks)
    if free < room.weekly_ceiling:
        taken = plain(round(room.weekly_ceiling - free, 1))
        limit += f", and commitments take {taken} h/week of it"
    weekly, span, most = _pace(fmt, weeks, free)
    if weekly <= 0 or weekly < fmt.weekly_hours_min:
        return f"{fmt.name} needs at least {plain(fmt.weekly_hours_min)} h/week; {limit}."
    return (
        f"{fmt.name} needs at least {plain(fmt.total_hours_min)} h in total, and at "
        f"{weekly} h/week over {_weeks(span)} a run can take {plain(math.floor(most + 1e-9))} h; "
        f"{limit}."
    )
