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

The modules, by job (this package re-exports every public name, so callers import from
`advising.engine`): `specs` (the choices, limits and dataclasses), `validation`, `numbers`
(numbers as people write them, for the whole app), `wording`, `fitting` (fit, room and slots),
`history`, `scoring`, `planning` (one window), `notes` and `year` (the windows in order, the
load, and the entry points `suggest` and `plan_to_dict`).
"""

from .fitting import fits, slots
from .numbers import plain, plain_value
from .scoring import (
    BUSY_COMMITMENT_WEIGHT,
    CLARITY_DEPTH,
    CRITERIA,
    FAMILY_DEPTH,
    INDUSTRY_WEIGHT,
    WEIGHTS,
)
from .specs import (
    CLARITIES,
    COMPENSATION_MODELS,
    DASH,
    FAMILIES,
    LEARNING_GOALS,
    LOAD_WEEKS,
    MADE_FOR,
    MAX_COUNT,
    MAX_SUGGESTIONS,
    MAX_WEEKLY_HOURS,
    NETWORKING_GOALS,
    NETWORKING_STYLES,
    SCALE,
    SHORT_FORMAT_MAX_WEEKS,
    WINDOW_KINDS,
    WINDOW_MAX_WEEKLY_HOURS,
    WINDOW_MAX_WEEKS,
    WORK_MODES,
    Commitment,
    EngineError,
    Exclusion,
    FormatSpec,
    LoadSpan,
    PastExperience,
    Plan,
    Policy,
    Reason,
    Slot,
    StudentProfile,
    Suggestion,
    Supply,
    Window,
    WindowPlan,
)
from .year import plan_to_dict, suggest

__all__ = [
    "BUSY_COMMITMENT_WEIGHT",
    "CLARITIES",
    "CLARITY_DEPTH",
    "COMPENSATION_MODELS",
    "CRITERIA",
    "DASH",
    "FAMILIES",
    "FAMILY_DEPTH",
    "INDUSTRY_WEIGHT",
    "LEARNING_GOALS",
    "LOAD_WEEKS",
    "MADE_FOR",
    "MAX_COUNT",
    "MAX_SUGGESTIONS",
    "MAX_WEEKLY_HOURS",
    "NETWORKING_GOALS",
    "NETWORKING_STYLES",
    "SCALE",
    "SHORT_FORMAT_MAX_WEEKS",
    "WEIGHTS",
    "WINDOW_KINDS",
    "WINDOW_MAX_WEEKLY_HOURS",
    "WINDOW_MAX_WEEKS",
    "WORK_MODES",
    "Commitment",
    "EngineError",
    "Exclusion",
    "FormatSpec",
    "LoadSpan",
    "PastExperience",
    "Plan",
    "Policy",
    "Reason",
    "Slot",
    "StudentProfile",
    "Suggestion",
    "Supply",
    "Window",
    "WindowPlan",
    "fits",
    "plain",
    "plain_value",
    "plan_to_dict",
    "slots",
    "suggest",
]
