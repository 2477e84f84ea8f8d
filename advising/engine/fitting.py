"""Fit, room and slots: whether a format fits a window's time, what the policy and the student's
commitments leave a plan in each week, and the run (`Slot`) each format would take there."""

import datetime
import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .numbers import plain
from .specs import (
    LOAD_WEEKS,
    SHORT_FORMAT_MAX_WEEKS,
    Commitment,
    FormatSpec,
    Policy,
    Slot,
    StudentProfile,
    Window,
)
from .validation import _check_format, _check_policy, _check_profile, _check_window
from .wording import _has, _weeks


def fits(fmt: FormatSpec, window: Window) -> str | None:
    """None when `fmt` fits the time `window` states, else why not (its minimums against the
    window). Whether a plan may book it there also depends on the policy (see `slots`)."""
    _check_format(fmt)
    _check_window(window)
    return _why_not(fmt, window)


def _why_not(fmt: FormatSpec, window: Window) -> str | None:
    capacity = window.weeks * window.weekly_hours
    if capacity <= 0:  # zero weeks or zero weekly hours
        return f"This window has no time available ({_has(window)}), so {fmt.name} cannot fit."
    if window.weeks < fmt.weeks_min or window.weekly_hours < fmt.weekly_hours_min:
        return (
            f"{fmt.name} needs at least {_weeks(fmt.weeks_min)} at "
            f"{plain(fmt.weekly_hours_min)} h/week; this window has {_has(window)}."
        )
    if capacity < fmt.total_hours_min:
        return (
            f"{fmt.name} needs at least {plain(fmt.total_hours_min)} h in total; "
            f"this window has {plain(capacity)} h ({_has(window)})."
        )
    return None


def _is_short(fmt: FormatSpec) -> bool:
    return fmt.weeks_max <= SHORT_FORMAT_MAX_WEEKS


def _pace(fmt: FormatSpec, weeks: float, room: float) -> tuple[int, float, float]:
    """(whole hours a week, weeks, most hours) one run of `fmt` may take in `weeks` weeks
    with `room` hours a week free.

    Whole hours a week (listings state whole hours): as many as the format and the room allow.
    A multi-week format runs for as many of the window's weeks as it may last; a short one may
    spread over a whole week even when it is shorter (the room is counted by the week), and is
    booked at its typical (middle) total effort, never more than it can do at that pace.
    """
    weekly = math.floor(min(fmt.weekly_hours_max, room) + 1e-9)
    if _is_short(fmt):
        span = min(max(fmt.weeks_max, 1.0), weeks)
        most = min(span * weekly, (fmt.total_hours_min + fmt.total_hours_max) / 2)
    else:
        span = min(fmt.weeks_max, weeks)
        most = span * weekly
    return weekly, span, min(most, fmt.total_hours_max)


def _slot(fmt: FormatSpec, weeks: float, room: float) -> Slot | None:
    """One run of `fmt` in `weeks` weeks with `room` hours a week free; None if it can't fit."""
    weekly, span, most = _pace(fmt, weeks, room)
    hours = math.floor(most + 1e-9)
    if weekly <= 0 or weekly < fmt.weekly_hours_min or span < fmt.weeks_min or span <= 0:
        return None
    if hours <= 0 or hours < fmt.total_hours_min:
        return None
    return Slot(span, weekly, hours)


def _room_slot(fmt: FormatSpec, window: Window, room: "_Room") -> Slot | None:
    """`fmt`'s slot in `window` within the plan's room there: a multi-week format gets the
    hours free all along, a short run those of the freest weeks (and only as many of them)."""
    if _is_short(fmt):
        return _slot(fmt, room.light_weeks, room.weekly_light)
    return _slot(fmt, window.weeks, room.weekly)


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _week_starts(starts_on: datetime.date, ends_on: datetime.date) -> list[datetime.date]:
    """The Mondays of the weeks from `starts_on` to `ends_on` (both days included)."""
    first, last = _monday(starts_on), _monday(ends_on)
    count = min((last - first).days // 7 + 1, LOAD_WEEKS)
    return [first + datetime.timedelta(weeks=k) for k in range(count)]


def _covers(starts_on: datetime.date, ends_on: datetime.date, monday: datetime.date) -> bool:
    """Whether the days from `starts_on` to `ends_on` meet the week that starts on `monday`."""
    return starts_on <= monday + datetime.timedelta(days=6) and ends_on >= monday


def _active(c: Commitment, monday: datetime.date) -> bool:
    return _covers(c.starts_on, c.ends_on, monday)


@dataclass(frozen=True)
class _Room:
    """What the policy and the student's commitments leave for one window's plan, week by week.

    The window's weeks are `lengths` long (1, the last one maybe part of a week); for a dated
    window each starts on its Monday in `mondays`. `committed` is what commitments take in
    each, in hours a week.
    """

    share: float
    weekly_ceiling: float
    lengths: tuple[float, ...]
    committed: tuple[float, ...]
    mondays: tuple[datetime.date, ...]  # empty for an undated window
    weekly_linked: float  # accepted recommendation lines, spread over the window
    committed_labels: tuple[str, ...]
    max_engagements: int
    engagements_taken: int  # accepted recommendation lines' runs in this window
    unplaced: tuple[str, ...]  # dated commitments that an undated window could not place

    @functools.cached_property
    def free(self) -> tuple[float, ...]:
        return tuple(max(0.0, self.weekly_ceiling - c) for c in self.committed)

    @functools.cached_property
    def weekly(self) -> float:
        """Hours a week free all along the window: what a multi-week format may take."""
        return min(self.free, default=0.0)

    @functools.cached_property
    def weekly_light(self) -> float:
        """Hours a week free in the freest weeks, where short runs may go."""
        return max(self.free, default=0.0)

    @functools.cached_property
    def light_weeks(self) -> float:
        light = self.weekly_light - 1e-9
        return sum(n for n, f in zip(self.lengths, self.free, strict=True) if f >= light)

    @property
    def weekly_committed(self) -> float:
        return max(self.committed, default=0.0)

    @property
    def committed_hours(self) -> float:
        return round(sum(n * c for n, c in zip(self.lengths, self.committed, strict=True)), 2)


def _lengths(weeks: float) -> tuple[float, ...]:
    whole = math.floor(weeks + 1e-9)
    rest = round(weeks - whole, 4)
    return (1.0,) * whole + ((rest,) if rest > 1e-9 else ())


def _linked(
    profile: StudentProfile, by_slug: Mapping[str, FormatSpec], policy: Policy, i: int
) -> tuple[float, list[str], int]:
    """What window `i`'s accepted recommendation lines take: (hours a week over the window,
    their labels, their runs)."""
    window = profile.windows[i]
    share = policy.term_load_share if window.kind == "term" else policy.break_load_share
    weekly, labels, runs = 0.0, [], 0
    for c in profile.commitments:
        if c.window != i:
            continue
        fmt = by_slug.get(c.format or "")
        slot = _slot(fmt, window.weeks, share * window.weekly_hours) if fmt else None
        if slot and window.weeks > 0:
            weekly += c.count * slot.hours / window.weeks
        labels.append(c.label)
        runs += c.count
    return weekly, labels, runs


def _rooms(
    profile: StudentProfile, by_slug: Mapping[str, FormatSpec], policy: Policy
) -> list[_Room]:
    dated = [c for c in profile.commitments if c.window is None]
    linked = [_linked(profile, by_slug, policy, i) for i in range(len(profile.windows))]
    rooms = []
    for i, window in enumerate(profile.windows):
        is_term = window.kind == "term"
        share = policy.term_load_share if is_term else policy.break_load_share
        cap = policy.term_max_engagements if is_term else policy.break_max_engagements
        lengths = _lengths(min(window.weeks, LOAD_WEEKS))
        weekly, labels, taken = linked[i][0], list(linked[i][1]), linked[i][2]
        mondays, unplaced = (), ()
        committed = [weekly] * len(lengths)
        if window.starts_on is not None:
            mondays = tuple(_week_starts(window.starts_on, window.ends_on))[: len(lengths)]
            for k, monday in enumerate(mondays):
                active = [c for c in dated if _active(c, monday)]
                committed[k] += sum(c.weekly_hours for c in active)
                labels.extend(c.label for c in active if c.label not in labels)
                for j, other in enumerate(profile.windows):  # other windows' accepted lines
                    if (
                        j != i
                        and linked[j][0]
                        and other.starts_on is not None
                        and _covers(other.starts_on, other.ends_on, monday)
                    ):
                        committed[k] += linked[j][0]
                        labels.extend(lab for lab in linked[j][1] if lab not in labels)
        else:
            unplaced = tuple(c.label for c in dated)
        rooms.append(
            _Room(
                share,
                share * window.weekly_hours,
                lengths,
                tuple(committed),
                mondays,
                weekly,
                tuple(labels),
                cap,
                taken,
                unplaced,
            )
        )
    return rooms


def slots(
    profile: StudentProfile, formats: Sequence[FormatSpec], policy: Policy
) -> dict[tuple[int, str], Slot]:
    """Each format's slot in each window of `profile`, keyed (window index, slug): the runs a
    plan could book there (callers count the open listings that fit them, see `Supply`). A
    format with no slot in a window is never booked there."""
    _check_profile(profile)
    _check_policy(policy)
    for fmt in formats:
        _check_format(fmt)
    by_slug = {fmt.slug: fmt for fmt in formats}
    found = {}
    rooms = _rooms(profile, by_slug, policy)
    for i, (window, room) in enumerate(zip(profile.windows, rooms, strict=True)):
        for fmt in formats:
            if _why_not(fmt, window) is None and _modes_ok(fmt, profile):
                slot = _room_slot(fmt, window, room)
                if slot is not None:
                    found[(i, fmt.slug)] = slot
    return found


def _modes_ok(fmt: FormatSpec, profile: StudentProfile) -> bool:
    return any(mode in profile.work_modes for mode in fmt.work_modes)
