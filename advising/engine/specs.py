"""What the engine takes and gives: the choices it knows, its limits, and its plain dataclasses
(formats, the policy, a student's windows and history in; plans, suggestions and reasons out)."""

import datetime
from dataclasses import dataclass

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
SCALE = (1, 2, 3)  # flexibility, exposure depth, learning scope, application process
DASH = "\u2013"  # en dash, for ranges such as "2-10 h/week" in student-facing text

# The shape of the output, not policy: an admin tunes `Policy`, not these.
MAX_SUGGESTIONS = 3  # a short list an advisor can discuss in one meeting
MAX_COUNT = 4  # beyond four runs of one short format, repeats stop adding new exposure
WINDOW_MAX_WEEKS = 60  # more than a year is a typing error, not an availability window
# The hours a week a student may state for a window (the profile form, its model's constraint,
# the what-if form, suggest_mix); the engine itself takes up to MAX_WEEKLY_HOURS.
WINDOW_MAX_WEEKLY_HOURS = 60
MAX_WEEKLY_HOURS = 80.0  # more than 80 h/week is not a sustainable student workload
SHORT_FORMAT_MAX_WEEKS = 4.0  # formats lasting at most ~a month are task-shaped and repeatable
LOAD_WEEKS = 104  # the week-by-week load covers at most two years from the first dated window


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
