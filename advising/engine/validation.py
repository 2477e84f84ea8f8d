"""Checks on every input: an invalid one raises EngineError naming the offending field."""

import datetime
import math
from collections.abc import Mapping, Sequence

from .numbers import plain
from .specs import (
    CLARITIES,
    COMPENSATION_MODELS,
    FAMILIES,
    LEARNING_GOALS,
    MADE_FOR,
    MAX_WEEKLY_HOURS,
    NETWORKING_GOALS,
    NETWORKING_STYLES,
    SCALE,
    WINDOW_KINDS,
    WINDOW_MAX_WEEKS,
    WORK_MODES,
    EngineError,
    FormatSpec,
    Policy,
    StudentProfile,
    Supply,
    Window,
)


def _choice(field: str, value: object, options: Sequence[object]) -> None:
    if value not in options:
        raise EngineError(f"{field} must be one of {', '.join(map(str, options))}; got {value!r}")


def _number(field: str, value: object, upper: float | None = None) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise EngineError(f"{field} must be a finite number; got {value!r}")
    if value < 0:
        raise EngineError(f"{field} must not be negative; got {value!r}")
    if upper is not None and value > upper:
        raise EngineError(f"{field} must be at most {plain(upper)}; got {value!r}")


def _dates(field: str, starts_on: object, ends_on: object) -> None:
    for name, value in (("starts_on", starts_on), ("ends_on", ends_on)):
        if value is not None and not isinstance(value, datetime.date):
            raise EngineError(f"{field}.{name} must be a date or None; got {value!r}")
    if (starts_on is None) != (ends_on is None):
        raise EngineError(f"{field} needs both starts_on and ends_on, or neither")
    if starts_on is not None and ends_on < starts_on:
        raise EngineError(f"{field}.ends_on must not be before starts_on")


def _check_window(window: Window, field: str = "window") -> None:
    _number(f"{field}.weeks", window.weeks, WINDOW_MAX_WEEKS)
    _number(f"{field}.weekly_hours", window.weekly_hours, MAX_WEEKLY_HOURS)
    _choice(f"{field}.kind", window.kind, WINDOW_KINDS)
    _dates(field, window.starts_on, window.ends_on)


def _check_format(fmt: FormatSpec) -> None:
    """Raise EngineError for an invalid format."""
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
        _choice(f"{field} {scale}", getattr(fmt, scale), SCALE)
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
