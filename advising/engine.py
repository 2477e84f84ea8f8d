"""Suggestion engine: which work-exposure formats suit a student's availability windows, and why.

Pure standard-library Python (no Django): plain dataclasses in, plain dataclasses out. All it
knows about a format comes from its FormatSpec, and every number an advisor would tune comes
from the `Policy` (the career center's row, edited in the admin), so a format or a policy change
an admin makes is honoured with no code change.

How a year is planned, window by window in the order given (the callers give date order):

* **Room.** A window's plan keeps to a ceiling: a share of the hours the student stated (less
  in term time than in a break), minus what the student is already committed to in those weeks
  (experiences under way or planned, recommendations accepted) and, where windows overlap,
  minus what the earlier window's plan books in the shared weeks.
* **Slots.** Each format gets one slot per window: the weeks, whole hours a week and total
  hours one run of it would take within that room. A format whose minimums do not fit the room,
  that is offered only in work modes the student refuses, or (when the callers know the open
  listings) that has no open listing fitting its slot, is excluded, with the reason.
* **Score.** Each slot is judged on the reference's criteria plus history, industries and what
  the format is made for; the stance (breadth to depth) that most criteria measure against comes
  from career clarity, the window's time, history and readiness together.
* **Booking.** The best formats are booked while the room, the engagement cap and the open
  listings allow: never two internships, never a second multi-week employer beside an
  internship, nothing beside a full-time one, and each suggestion differs from the others in
  family, exposure or industry. Short formats may repeat, one after another.
* **Year.** Notes on sequencing (prepare the application for a later internship, apply before
  the deadline) and on load (week by week, against the policy's warning line).
"""

import datetime
import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass

FAMILIES = ("internship", "micro", "hybrid")
CLARITIES = ("exploring", "narrowing", "decided")
LEARNING_GOALS = ("broad", "targeted")
NETWORKING_GOALS = ("deep", "broad")
NETWORKING_STYLES = ("deep", "broad", "mixed")
COMPENSATION_MODELS = ("per_task", "paid", "paid_or_credit", "varies")
WORK_MODES = ("onsite", "remote", "hybrid")
WINDOW_KINDS = ("term", "break")
# What a format is made for, from the reference's distinctions ("" for nothing in particular).
MADE_FOR = ("", "break", "busy_term", "first_try", "proof_of_skill")
DASH = "\u2013"  # en dash, for ranges such as "2-10 h/week" in student-facing text

# The shape of the output, not policy: an admin tunes `Policy`, not these.
MAX_SUGGESTIONS = 3  # a short list an advisor can discuss in one meeting
MAX_COUNT = 4  # beyond four runs of one short format, repeats stop adding new exposure
MAX_WEEKS = 60.0  # more than a year is a typing error, not an availability window
MAX_WEEKLY_HOURS = 80.0  # more than 80 h/week is not a sustainable student workload
SHORT_FORMAT_MAX_WEEKS = 4.0  # formats lasting at most ~a month are task-shaped and repeatable
LOAD_WEEKS = 104  # the week-by-week load covers at most two years from the first dated window
CLARITY_DEPTH = {"exploring": 0.0, "narrowing": 0.5, "decided": 1.0}  # the stance's start
FAMILY_DEPTH = {"micro": 0.0, "hybrid": 0.5, "internship": 1.0}  # where each family sits
WEIGHTS = {  # relative importance of each criterion; also the order reasons are judged in
    "duration": 2.0,  # the reference's first axis: hours-to-days versus months
    "commitment": 2.0,  # the hours one run binds, and on what schedule
    "exposure": 2.0,  # depth of contact with the organisation
    "learning": 1.5,  # specific versus comprehensive skills
    "application": 1.5,  # a formal process needs a résumé and time; readiness decides
    "compensation": 1.0,  # only ranks here: pay is a hard filter on listings elsewhere
    "networking": 1.0,  # a secondary goal for most students
    "suitability": 2.0,  # the reference's own verdict on whom each family suits
    "history": 1.5,  # combining both families maximises exposure
    "industries": 1.5,  # open listings in the student's field, or breadth across fields
    "made_for": 3.0,  # the catalogue's distinctions: breaks, busy terms, first tries, proof
}
BUSY_COMMITMENT_WEIGHT = 3.5  # in a busy term a schedule the student can bend matters most
# A student's field matters more the surer they are of it.
INDUSTRY_WEIGHT = {"exploring": 1.5, "narrowing": 2.5, "decided": 4.0}
CRITERIA = tuple(WEIGHTS)


class EngineError(ValueError):
    """Invalid engine input; the message names the offending field."""


@dataclass(frozen=True)
class FormatSpec:
    slug: str
    name: str
    family: str  # "internship" | "micro" | "hybrid"
    weeks_min: float
    weeks_max: float
    weekly_hours_min: float
    weekly_hours_max: float
    total_hours_min: float
    total_hours_max: float
    schedule_flexibility: int  # 1 fixed, 2 partly flexible, 3 flexible / self-paced
    exposure_depth: int  # 1 targeted task, 2 focused project, 3 in-depth, immersive
    learning_scope: int  # 1 one specific skill, 2 a few related skills, 3 comprehensive
    application_process: int  # 1 simple, platform-based, 2 short, 3 formal with interviews
    compensation_model: str  # "per_task" | "paid" | "paid_or_credit" | "varies"
    networking_style: str  # "deep" | "broad" | "mixed"
    display_order: int = 0
    work_modes: tuple[str, ...] = WORK_MODES  # the ways its listings are done
    made_for: str = ""  # one of MADE_FOR


@dataclass(frozen=True)
class Policy:
    """The career center's advising policy (an admin-edited row): what a plan may book."""

    term_load_share: float  # share of a term window's stated hours a plan may book, 0-1
    break_load_share: float  # the same in a break or summer
    term_max_engagements: int  # separate engagements in one term window, at most
    break_max_engagements: int  # the same in a break or summer
    weekly_load_warning: float  # h/week of combined load at which the year view warns
    full_time_weekly_hours: float  # an internship at this many h/week is full-time
    busy_weekly_hours: float  # a term with less room than this a week is busy
    application_lead_weeks: float  # how long before a window formal applications close
    depth_history_hours: float  # internship hours in the student's field that count as depth
    breadth_history_hours: float  # short-format hours that count as having tried them


@dataclass(frozen=True)
class Window:
    label: str
    weeks: float
    weekly_hours: float
    kind: str = "term"  # "term" | "break" (breaks include summers)
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None  # the last day (dates are both or neither)


@dataclass(frozen=True)
class PastExperience:
    format: str  # a slug; one no longer in the catalogue is left out of the mix
    industry: str | None
    hours: float


@dataclass(frozen=True)
class Commitment:
    """Time the student has already given away: an experience under way or planned (dated, with
    its hours a week), or an accepted recommendation line for one of the windows (`window`, the
    index, with its `format` and `count`: booked at that format's slot)."""

    label: str
    weekly_hours: float = 0.0
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    window: int | None = None
    format: str | None = None
    count: int = 1


@dataclass(frozen=True)
class StudentProfile:
    windows: tuple[Window, ...]
    career_clarity: str  # "exploring" | "narrowing" | "decided"
    learning_goal: str  # "broad" | "targeted"
    target_industries: tuple[str, ...] = ()
    skills_to_build: tuple[str, ...] = ()
    needs_pay: bool = False
    credit_ok: bool = True
    work_modes: tuple[str, ...] = WORK_MODES
    networking_goal: str = "broad"  # "deep" | "broad"
    application_ready: bool = False
    history: tuple[PastExperience, ...] = ()
    can_be_paid: bool = True  # False: may not take paid work (e.g. a visa): credit or unpaid only
    commitments: tuple[Commitment, ...] = ()


@dataclass(frozen=True)
class Supply:
    """Open listings of one format that fit one window's slot for it (counted by the caller
    over a bounded sample), and how many of those are in the student's target industries."""

    fitting: int
    in_targets: int
    # (target industry name, count) for each target industry with some, for spreading runs.
    by_industry: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Slot:
    """One run of a format in a window: it lasts at most `weeks`, takes at most `weekly_hours`
    a week and is booked at `hours` in total. Listings shown for it fit these three."""

    weeks: float
    weekly_hours: int
    hours: int


@dataclass(frozen=True)
class Reason:
    criterion: str  # one of CRITERIA
    text: str
    weight: float  # signed contribution to the score


@dataclass(frozen=True)
class Suggestion:
    format: str
    name: str
    family: str
    count: int
    hours_each: float  # = the slot's hours: what one run books
    score: float
    reasons: tuple[Reason, ...]
    industries: tuple[str, ...]
    weekly_hours: int = 0  # the slot's hours a week, at most
    weeks: float = 0.0  # the slot's weeks, at most


@dataclass(frozen=True)
class Exclusion:
    format: str
    name: str
    reason: str


@dataclass(frozen=True)
class WindowPlan:
    window: Window
    suggestions: tuple[Suggestion, ...]  # in booking order, best first
    excluded: tuple[Exclusion, ...]  # every format that cannot be booked, in catalogue order
    planned_hours: float
    capacity_hours: float  # weeks × stated hours a week
    ceiling_hours: float = 0.0  # what the policy lets a plan book here, before commitments
    committed_hours: float = 0.0  # what commitments take in these weeks, in all
    weekly_ceiling: float = 0.0  # the policy's share of the stated hours a week
    weekly_committed: float = 0.0  # commitments and earlier overlapping plans, at their peak
    max_engagements: int = 0
    notes: tuple[str, ...] = ()
    # What the plan books in each of the window's weeks (h/week), as scheduled: multi-week
    # formats from the start, short runs one after another where there is room.
    weekly_load: tuple[float, ...] = ()

    @property
    def engagements(self) -> int:
        return sum(s.count for s in self.suggestions)

    @property
    def weekly_planned(self) -> float:
        """The plan's load in its busiest week."""
        return max(self.weekly_load, default=0.0)


@dataclass(frozen=True)
class LoadSpan:
    """Consecutive weeks with the same load: hours a week stated, the policy's ceiling, what
    commitments take and what the plan books (multi-week formats at their hours a week, short
    runs spread over their window)."""

    starts_on: datetime.date  # the Monday of the first week
    weeks: int
    windows: tuple[str, ...]  # the labels of the windows covering these weeks
    stated: float  # the hours a week the covering windows state, added up
    ceiling: float
    committed: float
    planned: float
    warning: bool  # stated or booked load at or above the policy's warning line

    @property
    def ends_on(self) -> datetime.date:
        """The Sunday of the last week."""
        return self.starts_on + datetime.timedelta(weeks=self.weeks, days=-1)

    @property
    def total(self) -> float:
        return round(self.committed + self.planned, 1)


@dataclass(frozen=True)
class Plan:
    windows: tuple[WindowPlan, ...]
    notes: tuple[str, ...]
    year_notes: tuple[str, ...] = ()  # sequencing across windows and load warnings
    load: tuple[LoadSpan, ...] = ()  # week by week, for the dated windows


# --- validation ---------------------------------------------------------------------------------


def _choice(field: str, value: object, options: Sequence[object]) -> None:
    if value not in options:
        raise EngineError(f"{field} must be one of {', '.join(map(str, options))}; got {value!r}")


def _number(field: str, value: object, upper: float | None = None) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise EngineError(f"{field} must be a finite number; got {value!r}")
    if value < 0:
        raise EngineError(f"{field} must not be negative; got {value!r}")
    if upper is not None and value > upper:
        raise EngineError(f"{field} must be at most {_num(upper)}; got {value!r}")


def _dates(field: str, starts_on: object, ends_on: object) -> None:
    for name, value in (("starts_on", starts_on), ("ends_on", ends_on)):
        if value is not None and not isinstance(value, datetime.date):
            raise EngineError(f"{field}.{name} must be a date or None; got {value!r}")
    if (starts_on is None) != (ends_on is None):
        raise EngineError(f"{field} needs both starts_on and ends_on, or neither")
    if starts_on is not None and ends_on < starts_on:
        raise EngineError(f"{field}.ends_on must not be before starts_on")


def _check_window(window: Window, field: str = "window") -> None:
    _number(f"{field}.weeks", window.weeks, MAX_WEEKS)
    _number(f"{field}.weekly_hours", window.weekly_hours, MAX_WEEKLY_HOURS)
    _choice(f"{field}.kind", window.kind, WINDOW_KINDS)
    _dates(field, window.starts_on, window.ends_on)


@functools.lru_cache(maxsize=1024)
def _check_format(fmt: FormatSpec) -> None:
    """Raise EngineError for an invalid format (kept: a catalogue is checked once, not on
    every suggestion)."""
    if not isinstance(fmt.slug, str) or not fmt.slug:
        raise EngineError(f"format slug must be a non-empty string; got {fmt.slug!r}")
    field = f"format {fmt.slug!r}"
    _choice(f"{field} family", fmt.family, FAMILIES)
    for low, high in (
        ("weeks_min", "weeks_max"),
        ("weekly_hours_min", "weekly_hours_max"),
        ("total_hours_min", "total_hours_max"),
    ):
        _number(f"{field} {low}", getattr(fmt, low))
        _number(f"{field} {high}", getattr(fmt, high))
        if getattr(fmt, low) > getattr(fmt, high):
            raise EngineError(f"{field} {low} must not exceed {high}")
    for scale in (
        "schedule_flexibility",
        "exposure_depth",
        "learning_scope",
        "application_process",
    ):
        _choice(f"{field} {scale}", getattr(fmt, scale), (1, 2, 3))
    _choice(f"{field} compensation_model", fmt.compensation_model, COMPENSATION_MODELS)
    _choice(f"{field} networking_style", fmt.networking_style, NETWORKING_STYLES)
    _choice(f"{field} made_for", fmt.made_for, MADE_FOR)
    if not fmt.work_modes:
        raise EngineError(f"{field} work_modes must name at least one of {', '.join(WORK_MODES)}")
    for mode in fmt.work_modes:
        _choice(f"{field} work_modes", mode, WORK_MODES)


def _check_policy(policy: Policy) -> None:
    if not isinstance(policy, Policy):
        raise EngineError(f"policy must be a Policy; got {policy!r}")
    for share in ("term_load_share", "break_load_share"):
        _number(f"policy.{share}", getattr(policy, share), 1)
        if getattr(policy, share) <= 0:
            raise EngineError(f"policy.{share} must be above 0")
    for cap in ("term_max_engagements", "break_max_engagements"):
        value = getattr(policy, cap)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise EngineError(f"policy.{cap} must be a whole number, 1 or more; got {value!r}")
    for name in (
        "weekly_load_warning",
        "full_time_weekly_hours",
        "busy_weekly_hours",
        "application_lead_weeks",
        "depth_history_hours",
        "breadth_history_hours",
    ):
        _number(f"policy.{name}", getattr(policy, name))


def _check_profile(profile: StudentProfile) -> None:
    for i, window in enumerate(profile.windows):
        _check_window(window, f"windows[{i}]")
    _choice("career_clarity", profile.career_clarity, CLARITIES)
    _choice("learning_goal", profile.learning_goal, LEARNING_GOALS)
    _choice("networking_goal", profile.networking_goal, NETWORKING_GOALS)
    if not profile.work_modes:
        raise EngineError(f"work_modes must name at least one of {', '.join(WORK_MODES)}")
    for mode in profile.work_modes:
        _choice("work_modes", mode, WORK_MODES)
    for i, past in enumerate(profile.history):
        _number(f"history[{i}].hours", past.hours)
    for i, c in enumerate(profile.commitments):
        field = f"commitments[{i}]"
        if c.window is not None:
            if not isinstance(c.window, int) or not 0 <= c.window < len(profile.windows):
                raise EngineError(f"{field}.window must be the index of a window; got {c.window!r}")
            if isinstance(c.count, bool) or not isinstance(c.count, int) or c.count < 1:
                raise EngineError(f"{field}.count must be a whole number, 1 or more")
        else:
            _number(f"{field}.weekly_hours", c.weekly_hours, MAX_WEEKLY_HOURS)
            _dates(field, c.starts_on, c.ends_on)
            if c.starts_on is None:
                raise EngineError(f"{field} needs dates or a window")


def _check_supply(supply: Mapping | None) -> None:
    if supply is None:
        return
    for key, value in supply.items():
        if not isinstance(value, Supply) or min(value.fitting, value.in_targets) < 0:
            raise EngineError(f"supply[{key!r}] must be a Supply of counts, 0 or more")


# --- wording ------------------------------------------------------------------------------------


def _num(value: float) -> str:
    """A number as people write it: 6 not 6.0, 0.25 not 0.250."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _weeks(value: float) -> str:
    return f"{_num(value)} week{'' if _num(value) == '1' else 's'}"


def _span(low: float, high: float, unit: str) -> str:
    same = _num(low) == _num(high)
    return f"{_num(low)} {unit}" if same else f"{_num(low)}{DASH}{_num(high)} {unit}"


def _duration(fmt: FormatSpec) -> str:
    if fmt.weeks_max < 1:  # a 0.1-week format is half a working day: say it in days
        return _span(fmt.weeks_min * 5, fmt.weeks_max * 5, "working days")
    return _span(fmt.weeks_min, fmt.weeks_max, "weeks")


def _has(window: Window) -> str:
    return f"{_weeks(window.weeks)} at {_num(window.weekly_hours)} h/week"


def _day(value: datetime.date) -> str:
    return f"{value.day} {value:%b %Y}"


def _and(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _or(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


_EXPOSURE = {
    1: "targeted, task-based exposure",
    2: "a focused project",
    3: "in-depth, immersive experience inside one organisation",
}
_SCOPE = {1: "one specific skill", 2: "a few related skills", 3: "comprehensive skills"}
_SCHEDULE = {1: "on a fixed schedule", 2: "on a partly flexible schedule", 3: "at hours you pick"}
_STYLE = {
    "deep": "strong connections inside one organisation",
    "broad": "a few contacts across many organisations",
    "mixed": "a mix of close and diverse contacts",
}
_NET_GOAL = {"deep": "deep connections", "broad": "a broad network"}
_SUITS = {
    "internship": "Suits students seeking long-term experience",
    "micro": "Suits students who need quick project exposure",
    "hybrid": "Blends an internship's depth with a short format's flexibility",
}
_MODE_NAMES = {"onsite": "on-site", "remote": "remote", "hybrid": "hybrid"}


# --- fit, room and slots ------------------------------------------------------------------------


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
            f"{_num(fmt.weekly_hours_min)} h/week; this window has {_has(window)}."
        )
    if capacity < fmt.total_hours_min:
        return (
            f"{fmt.name} needs at least {_num(fmt.total_hours_min)} h in total; "
            f"this window has {_num(capacity)} h ({_has(window)})."
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


# --- history ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Past:
    """The student's history by hours: depth in their field, short formats, and internships in
    other fields; `planned` adds what earlier windows of this plan book."""

    depth_hours: float  # internship hours (hybrid ones half) in a target industry, or any if none
    short_hours: float  # micro-family hours, any industry
    elsewhere_hours: float  # internship hours in industries the student does not aim at
    total_hours: float
    planned_short: tuple[tuple[str, str], ...] = ()  # (slug, window label) booked earlier
    depth_industries: tuple[str, ...] = ()  # where the depth hours were (named ones)

    def with_plan(self, plan: WindowPlan, targets: set[str]) -> "_Past":
        depth = short = 0.0
        booked, where = [], list(self.depth_industries)
        for s in plan.suggestions:
            hours = s.hours_each * s.count
            relevant = not targets or bool(set(s.industries) & targets)
            if s.family in ("internship", "hybrid") and relevant:
                depth += hours if s.family == "internship" else hours / 2
                where.extend(i for i in s.industries if i not in where)
            elif s.family == "micro":
                short += hours
                booked.append((s.format, plan.window.label))
        return _Past(
            self.depth_hours + depth,
            self.short_hours + short,
            self.elsewhere_hours,
            self.total_hours + plan.planned_hours,
            (*self.planned_short, *booked),
            tuple(where),
        )


def _past(profile: StudentProfile, family_of: Mapping[str, str]) -> _Past:
    targets = set(profile.target_industries)
    depth = short = elsewhere = total = 0.0
    where: list[str] = []
    for past in profile.history:
        family = family_of.get(past.format)
        if family is None:
            continue
        total += past.hours
        relevant = not targets or past.industry in targets
        if family == "micro":
            short += past.hours
        elif relevant:
            depth += past.hours if family == "internship" else past.hours / 2
            if past.industry and past.industry not in where and past.hours:
                where.append(past.industry)
        elif family == "internship" and past.industry is not None:
            elsewhere += past.hours
    return _Past(depth, short, elsewhere, total, (), tuple(where))


# --- scoring ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    """What every format is judged against in one window."""

    profile: StudentProfile
    policy: Policy
    window: Window
    index: int
    room: float  # hours a week the plan may book here
    depth: float  # stance: 0 breadth (several short formats) .. 1 depth (one anchor)
    busy: bool  # a term with little room: a schedule the student can bend matters most
    stance: str  # the stance in words, to end reason sentences with
    past: _Past
    targets: tuple[str, ...]  # target industries, de-duplicated, in the student's order
    supply: Mapping[tuple[int, str], Supply] | None
    prepares_for: str | None  # a later window whose internship needs a formal application
    today: datetime.date | None


_Verdict = tuple[float, str] | None  # (match in -1..1, sentence), or None: not applicable


def _closeness(value: float, target: float) -> float:
    return max(-1.0, min(1.0, 1 - 2 * abs(value - target)))


def _graded(match: float, text: str, good: str, bad: str) -> tuple[float, str]:
    """Finish a sentence with what a clear match or mismatch means for the student."""
    if match > 0.2:
        return match, f"{text}{good}."
    return match, f"{text}{bad}." if match < -0.2 else f"{text}."


def _stance(depth: float, clarity: str) -> str:
    if depth >= 0.75:
        return (
            "building depth in your field" if clarity == "decided" else "testing a field in depth"
        )
    if depth > 0.25:
        return "narrowing down your options"
    return "exploring several career paths"


def _judge_duration(fmt: FormatSpec, slot: Slot, ctx: _Context) -> _Verdict:
    weeks = ctx.window.weeks
    if _is_short(fmt):
        fill = 0.0  # a short format is short whatever the window: it never anchors one
        fact = f"short enough to fit several into your {_num(weeks)} weeks"
        if slot.weeks * 2 > weeks:
            fact = f"within your {_num(weeks)} weeks"
        misfit = "short"
    else:
        fill = slot.weeks / weeks
        fact = f"here {_weeks(slot.weeks)} of your {_num(weeks)}"
        misfit = "a long commitment"
    return _graded(
        _closeness(fill, ctx.depth),
        f"Lasts {_duration(fmt)}, {fact}",
        f", which suits {ctx.stance}",
        f": {misfit} for {ctx.stance}",
    )


def _judge_commitment(fmt: FormatSpec, slot: Slot, ctx: _Context) -> _Verdict:
    flex = fmt.schedule_flexibility
    text = f"One run takes {slot.hours} h at up to {slot.weekly_hours} h/week, {_SCHEDULE[flex]}"
    if ctx.window.kind == "break":
        # A break is the time for something substantial: a run using little of it counts less.
        use = slot.hours / max(ctx.room * ctx.window.weeks, 1)
        if use < 0.15:
            return -0.5, f"{text}: only a small part of this break."
        return {1: 0.5, 2: 0.5, 3: 0.25}[flex] + min(0.5, use), f"{text}: easy to keep in a break."
    busy = {1: -1.0, 2: 0.0, 3: 1.0}  # a busy term: being able to pick one's hours matters most
    match = (busy if ctx.busy else {1: -0.25, 2: 0.25, 3: 0.5})[flex]
    ending = {1: ": hard to fit around classes", 2: "", 3: ": easy to fit around classes"}[flex]
    return match, f"{text}{ending}."


def _judge_exposure(fmt: FormatSpec, slot: Slot, ctx: _Context) -> _Verdict:
    return _graded(
        max(-1.0, 1 - abs(fmt.exposure_depth - (1 + 2 * ctx.depth))),
        f"Offers {_EXPOSURE[fmt.exposure_depth]}",
        f", which suits {ctx.stance}",
        f", less suited to {ctx.stance}",
    )


def _repeatable(fmt: FormatSpec, slot: Slot, ctx: _Context) -> bool:
    return _is_short(fmt) and 2 * slot.hours <= ctx.room * ctx.window.weeks


def _judge_learning(fmt: FormatSpec, slot: Slot, ctx: _Context) -> _Verdict:
    scope = fmt.learning_scope
    if ctx.profile.learning_goal == "targeted":
        if scope == 3:
            return -0.5, f"Builds {_SCOPE[3]}, broader than your targeted learning goal."
        skills = ctx.profile.skills_to_build
        aim = f" such as {', '.join(skills[:2])}" if skills else ""
        return (1.0 if scope == 1 else 0.5), f"Builds {_SCOPE[scope]}{aim}, as you want."
    if scope == 3:
        return 1.0, f"Builds {_SCOPE[3]}, matching your broad learning goal."
    if _repeatable(fmt, slot, ctx):
        return 0.5, f"Builds {_SCOPE[scope]} each time; several runs add up to a broad skill set."
    return -0.5, f"Builds {_SCOPE[scope]}, narrower than your broad learning goal."


def _weeks_to(ctx: _Context) -> float | None:
    if ctx.today is None or ctx.window.starts_on is None:
        return None
    return (ctx.window.starts_on - ctx.today).days / 7


def _judge_application(fmt: FormatSpec, slot: Slot, ctx: _Context) -> _Verdict:
    process, ready = fmt.application_process, ctx.profile.application_ready
    if process == 3:
        if ready:
            return 0.5, "Formal application with interviews, and you are ready for one."
        ahead = _weeks_to(ctx)
        if ahead is not None and ahead >= 2 * ctx.policy.application_lead_weeks:
            return -0.25, (
                "Formal application with interviews: there is time to prepare your résumé "
                "before this window."
            )
        return -1.0, "Formal application with interviews; prepare your résumé first."
    if process == 2:
        return (0.25 if ready else 0.5), "Short application, usually without interviews."
    return (0.5 if ready else 1.0), "Simple, platform-based application: you can start right away."


def _judge_compensation(fmt: FormatSpec, slot: Slot, ctx: _Context) -> _Verdict:
    model, profile = fmt.compensation_model, ctx.profile
    if not profile.can_be_paid:
        shown = "only its unpaid or academic-credit listings are shown"
        return {
            "per_task": (-1.0, f"Usually paid per task, and you cannot take paid work: {shown}."),
            "paid": (-1.0, f"Usually paid, and you cannot take paid work: {shown}."),
            "paid_or_credit": (0.5, f"Often for academic credit, which you can take: {shown}."),
            "varies": (0.0, f"Pay varies by listing: {shown}."),
        }[model]
    if not profile.needs_pay:
        return None
    if model in ("per_task", "paid"):
        how = "per task" if model == "per_task" else "hourly or with a stipend"
        return 1.0, f"Usually paid {how}, which meets your need for paid work."
    if model == "paid_or_credit" and profile.credit_ok:
        return 0.5, "Often paid or for academic credit; either works for you."
    if model == "paid_or_credit":
        return -0.5, "Often for academic credit instead of pay, and you need paid work."
    return (0.0 if profile.credit_ok else -0.5), "Pay varies by listing; check each one."


def _judge_networking(fmt: FormatSpec, slot: Slot, ctx: _Context) -> _Verdict:
    goal, style = ctx.profile.networking_goal, fmt.networking_style
    if style == "mixed":
        return 0.0, f"Builds {_STYLE[style]}, half matching your goal of {_NET_GOAL[goal]}."
    if style == goal:
        return 1.0, f"Builds {_STYLE[style]}, matching your goal of {_NET_GOAL[goal]}."
    return -1.0, f"Builds {_STYLE[style]}, while you want {_NET_GOAL[goal]}."


def _judge_suitability(fmt: FormatSpec, slot: Slot, ctx: _Context) -> _Verdict:
    match = _closeness(FAMILY_DEPTH[fmt.family], ctx.depth)
    fit = "a good" if match > 0.2 else "less of a" if match < -0.2 else "a partial"
    return match, f"{_SUITS[fmt.family]}: {fit} match for {ctx.stance}."


def _judge_history(fmt: FormatSpec, slot: Slot, ctx: _Context) -> _Verdict:
    past, policy = ctx.past, ctx.policy
    planned = [label for slug, label in past.planned_short if slug == fmt.slug]
    if planned and _is_short(fmt):
        return -0.5, (
            f"Already planned for {planned[-1]}: another kind of project widens your exposure."
        )
    field = _and(ctx.targets) if ctx.targets else "any field"
    have = "By this window you will have" if past.planned_short else "You have"
    if past.depth_hours >= policy.depth_history_hours:
        hours, where = _num(round(past.depth_hours)), _depth_where(past, ctx.targets)
        if fmt.family == "internship":
            return -0.5, (
                f"{have} {hours} h of internship experience{where}: another adds less "
                "than a new kind of exposure."
            )
        return 0.75, f"{have} {hours} h of internship experience{where}: this adds breadth."
    if past.short_hours >= policy.breadth_history_hours:
        hours = _num(round(past.short_hours))
        if fmt.family == "micro":
            if ctx.profile.career_clarity == "exploring":
                return 0.0, f"{have} {hours} h of short formats: another widens your range."
            return -0.25, f"{have} {hours} h of short formats: this adds more of the same."
        adds = "depth" if fmt.family == "internship" else "some depth"
        return (1.0 if fmt.family == "internship" else 0.5), (
            f"{have} {hours} h of short formats and little depth in {field}: this adds {adds}."
        )
    if (
        past.elsewhere_hours >= policy.breadth_history_hours
        and ctx.targets
        and (fmt.family == "internship")
    ):
        return 0.5, (
            f"Your internship experience is in other fields: one in {field} builds depth "
            "where you are heading."
        )
    return None


def _depth_where(past: _Past, targets: Sequence[str]) -> str:
    if past.depth_industries:
        return f" in {_and(past.depth_industries)}"
    return " in your target fields" if targets else ""


def _judge_industries(fmt: FormatSpec, slot: Slot, ctx: _Context) -> _Verdict:
    clarity, targets = ctx.profile.career_clarity, ctx.targets
    supply = ctx.supply.get((ctx.index, fmt.slug)) if ctx.supply is not None else None
    if len(targets) >= 2 and clarity == "exploring":
        if _repeatable(fmt, slot, ctx):
            return 1.0, f"Can be repeated across {_and(targets)} to compare those fields."
        return -0.5, f"A single run covers only one of your {len(targets)} target industries."
    if not targets or supply is None or not supply.fitting:
        return None
    if supply.in_targets:
        return 1.0, f"Open {fmt.name} listings in {_or(targets)} fit this window."
    return -1.0, (
        f"No open {fmt.name} listing in {_or(targets)} fits this window; "
        "the nearest are in other fields."
    )


def _judge_made_for(fmt: FormatSpec, slot: Slot, ctx: _Context) -> _Verdict:
    made_for, term = fmt.made_for, ctx.window.kind == "term"
    if made_for == "break":
        if term:
            return -1.0, "Made for a free block of full days, which term time rarely has."
        return (
            1.0,
            "Made for a free block of days such as this break: a focused, immersive project.",
        )
    if made_for == "busy_term":
        if not term:
            return -0.5, "Made for busy terms: a break has room for something more immersive."
        if ctx.busy:  # (the flexible schedule itself counts under commitment already)
            return 0.75, "Made for busy terms: a few hours a week next to a full course load."
        return 0.25, "Made for busy terms, so it leaves room beside your courses."
    if made_for == "first_try":
        if ctx.past.total_hours > 0 or ctx.past.planned_short:
            return -0.5, "Made for a first try, and you have (or will have) experience by then."
        return 1.0, "A low-risk first try: a few hours, with no formal application."
    if made_for == "proof_of_skill":
        if ctx.prepares_for:
            return 1.0, (
                "Ends in a result you can show: proof of a skill for your internship "
                f"applications for {ctx.prepares_for}."
            )
        if ctx.profile.learning_goal == "targeted" or ctx.profile.skills_to_build:
            return 1.0, "Ends in a measurable result you can show as proof of a skill."
        return 0.25, "Ends in a measurable result you can show."
    return None


def _made_for_here(fmt: FormatSpec, slot: Slot, ctx: _Context) -> bool:
    """Whether `fmt` is made for this very window (its made-for verdict is a clear yes)."""
    verdict = _judge_made_for(fmt, slot, ctx)
    return verdict is not None and verdict[0] >= 0.75


_JUDGES: dict[str, Callable[[FormatSpec, Slot, _Context], _Verdict]] = {
    "duration": _judge_duration,
    "commitment": _judge_commitment,
    "exposure": _judge_exposure,
    "learning": _judge_learning,
    "application": _judge_application,
    "compensation": _judge_compensation,
    "networking": _judge_networking,
    "suitability": _judge_suitability,
    "history": _judge_history,
    "industries": _judge_industries,
    "made_for": _judge_made_for,
}


def _weights(ctx: _Context) -> dict[str, float]:
    weights = dict(WEIGHTS, industries=INDUSTRY_WEIGHT[ctx.profile.career_clarity])
    if ctx.busy:
        weights["commitment"] = BUSY_COMMITMENT_WEIGHT
    return weights


def _score(
    fmt: FormatSpec, slot: Slot, ctx: _Context, weights: Mapping[str, float]
) -> tuple[float, tuple[Reason, ...]]:
    """0.5 plus each criterion's weighted match (-1..1) over twice the sum of all weights
    (unrounded: formats rank by it; suggestions show it to two decimals).

    The denominator counts every criterion, applicable or not, so a criterion that starts to
    apply (e.g. history) moves a score only in the direction of its own verdict.
    """
    total = 2 * sum(weights.values())
    score, reasons = 0.5, []
    for criterion in CRITERIA:
        verdict = _JUDGES[criterion](fmt, slot, ctx)
        if verdict is not None:
            contribution = weights[criterion] * verdict[0] / total
            score += contribution
            reasons.append(Reason(criterion, verdict[1], round(contribution, 4)))
    reasons.sort(key=lambda r: (-abs(r.weight), CRITERIA.index(r.criterion)))
    return min(1.0, max(0.0, score)), tuple(reasons)


def _depth(profile: StudentProfile, policy: Policy, window: Window, room: float, past: _Past):
    """The window's stance: career clarity first, then time, history and readiness."""
    depth = CLARITY_DEPTH[profile.career_clarity]
    if window.kind == "break" and window.weeks >= 6 and room >= policy.full_time_weekly_hours:
        depth += 0.25  # a free summer is the time to try a field in depth
    if window.kind == "term" and room < policy.busy_weekly_hours:
        depth -= 0.25  # a busy term: depth where time allows
    if past.depth_hours >= policy.depth_history_hours:
        depth -= 0.25  # depth in the field already: add breadth
    elif past.short_hours >= policy.breadth_history_hours:
        depth += 0.25  # short formats tried: ready to go deeper
    if profile.application_ready and profile.career_clarity != "exploring":
        depth += 0.1
    return max(0.0, min(1.0, depth))


# --- planning -----------------------------------------------------------------------------------


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
            f"{_num(round(room.weekly_committed, 1))} h/week); the plan adds to that."
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
        f"{_num(window.weekly_hours)} h/week ({_num(round(room.weekly_ceiling, 1))} h/week)"
    )
    short = _is_short(fmt)
    free, weeks = (room.weekly_light, room.light_weeks) if short else (room.weekly, window.weeks)
    if free < room.weekly_ceiling:
        taken = _num(round(room.weekly_ceiling - free, 1))
        limit += f", and commitments take {taken} h/week of it"
    weekly, span, most = _pace(fmt, weeks, free)
    if weekly <= 0 or weekly < fmt.weekly_hours_min:
        return f"{fmt.name} needs at least {_num(fmt.weekly_hours_min)} h/week; {limit}."
    return (
        f"{fmt.name} needs at least {_num(fmt.total_hours_min)} h in total, and at "
        f"{weekly} h/week over {_weeks(span)} a run can take {_num(math.floor(most + 1e-9))} h; "
        f"{limit}."
    )


# --- the year -----------------------------------------------------------------------------------


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


# --- notes --------------------------------------------------------------------------------------


def _notes(
    profile: StudentProfile,
    catalogue: Sequence[FormatSpec],
    policy: Policy,
    plans: Sequence[WindowPlan],
    past: _Past,
) -> list[str]:
    notes = []
    field = _and(profile.target_industries) if profile.target_industries else "your field"
    if past.depth_hours >= policy.depth_history_hours:
        notes.append(
            f"You have {_num(round(past.depth_hours))} h of internship experience"
            f"{_depth_where(past, profile.target_industries)}: short and hybrid formats rank "
            "higher, to add breadth and diverse contacts."
        )
    elif past.short_hours >= policy.breadth_history_hours:
        notes.append(
            f"You have {_num(round(past.short_hours))} h of short formats and little depth in "
            f"{field}: internship and hybrid formats rank higher where they fit."
        )
    if past.elsewhere_hours >= policy.breadth_history_hours and profile.target_industries:
        notes.append(
            f"Your {_num(round(past.elsewhere_hours))} h of internships were in other fields "
            f"than {field}: they do not count against an internship where you are heading."
        )
    known = {fmt.slug for fmt in catalogue}
    gone = sorted({p.format for p in profile.history if p.format not in known})
    if gone:
        notes.append(
            f"Past experience in {', '.join(gone)} was left out of the mix: "
            "that format is no longer in the catalogue."
        )
    anchors = [fmt for fmt in catalogue if fmt.family == "internship"]
    anchored = any(s.family == "internship" for plan in plans for s in plan.suggestions)
    passed = any(n.startswith(tuple(f.name for f in anchors)) for p in plans for n in p.notes)
    if profile.career_clarity == "decided" and anchors and plans and not anchored and not passed:
        first = anchors[0]
        notes.append(
            f"No window has room for an internship-family format such as {first.name} "
            f"(at least {_weeks(first.weeks_min)} at {_num(first.weekly_hours_min)} h/week, "
            "with open listings that fit); a freer window would let you build depth."
        )
    notes.extend(
        f"Nothing is suggested for {plan.window.label} ({_has(plan.window)}): "
        "no format can be booked there (see the formats that do not fit)."
        for plan in plans
        if not plan.suggestions and catalogue
    )
    if not profile.can_be_paid:
        notes.append(
            "You cannot take paid work: matching listings are limited to academic credit or "
            "unpaid ones."
        )
    elif profile.needs_pay:
        credit = " or for academic credit" if profile.credit_ok else ""
        notes.append(
            f"You need paid work: matching listings are limited to paid ones{credit}; formats "
            "are only ranked here by how they usually pay."
        )
    modes = [mode for mode in WORK_MODES if mode in profile.work_modes]
    if len(modes) < len(WORK_MODES):
        notes.append(
            f"Matching listings are limited to {_or([_MODE_NAMES[m] for m in modes])} work."
        )
    return notes


def _year_notes(
    profile: StudentProfile,
    by_slug: Mapping[str, FormatSpec],
    policy: Policy,
    plans: Sequence[WindowPlan],
    load: Sequence[LoadSpan],
    today: datetime.date | None,
) -> list[str]:
    notes = []
    lead = policy.application_lead_weeks
    for j, plan in enumerate(plans):
        formal = [s for s in plan.suggestions if by_slug[s.format].application_process == 3]
        if not formal:
            continue
        name, window = formal[0].name, plan.window
        if window.starts_on is not None and today is not None:
            apply_by = window.starts_on - datetime.timedelta(weeks=lead)
            if apply_by <= today:
                notes.append(
                    f"{window.label} starts on {_day(window.starts_on)}, less than "
                    f"{_weeks(lead)} away: apply for its {name} now."
                )
            else:
                notes.append(
                    f"Apply for {window.label}'s {name} by {_day(apply_by)}: formal "
                    f"applications close about {_weeks(lead)} before the start "
                    f"({_day(window.starts_on)})."
                )
        if not profile.application_ready:
            before = sorted(
                (by_slug[s.format].made_for != "proof_of_skill", -k, p.window.label, s.name)
                for k, p in enumerate(plans[:j])
                for s in p.suggestions
                if by_slug[s.format].made_for == "proof_of_skill" or s.family != "internship"
            )
            if before:
                label, short = before[0][2:]
                notes.append(
                    f"Before applying for {window.label}'s {name}: {label}'s {short} gives you a "
                    "result and a reference to show on your résumé."
                )
            else:
                notes.append(
                    f"{window.label}'s {name} needs a formal application: prepare your résumé "
                    "and practise interviews before its deadlines."
                )
    line = _num(policy.weekly_load_warning)
    runs: list[list[LoadSpan]] = []  # consecutive weeks at or over the line, with one cause
    for span in load:
        cause = (span.stated >= policy.weekly_load_warning, len(span.windows) > 1)
        if (
            span.warning
            and runs
            and runs[-1][-1].ends_on + datetime.timedelta(days=1) == (span.starts_on)
            and runs[-1][0].windows == span.windows
            and cause == _cause(runs[-1][0], policy)
        ):
            runs[-1].append(span)
        elif span.warning:
            runs.append([span])
    for run in runs:
        first, most = run[0], max(span.total for span in run)
        when = f"{_day(first.starts_on)} to {_day(run[-1].ends_on)}"
        stated_over, overlapping = _cause(first, policy)
        if overlapping and stated_over:
            notes.append(
                f"From {when}, {_and(first.windows)} overlap and add up to "
                f"{_num(first.stated)} h/week stated, at or above the {line} h/week line: the "
                f"plan books those weeks together, at most {_num(most)} h/week in all. Check that "
                "both are right."
            )
        elif stated_over:
            notes.append(
                f"From {when} you said {_num(first.stated)} h/week, at or above the {line} h/week "
                f"line where study and rest suffer; the plan books at most {_num(most)} h/week."
            )
        else:
            notes.append(
                f"From {when}, your commitments and this plan come to up to {_num(most)} h/week, "
                f"at or above the {line} h/week line."
            )
    return notes


def _cause(span: LoadSpan, policy: Policy) -> tuple[bool, bool]:
    """Why a week is flagged: (the stated hours reach the line, windows overlap)."""
    return span.stated >= policy.weekly_load_warning, len(span.windows) > 1


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
