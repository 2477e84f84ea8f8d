"""The words the engine writes with: numbers, weeks, spans, dates and lists as people write
them, and the phrases for each criterion's values."""

import datetime
from collections.abc import Sequence

from .numbers import plain
from .specs import DASH, FormatSpec, Window


def _weeks(value: float) -> str:
    return f"{plain(value)} week{'' if plain(value) == '1' else 's'}"


def _span(low: float, high: float, unit: str) -> str:
    same = plain(low) == plain(high)
    return f"{plain(low)} {unit}" if same else f"{plain(low)}{DASH}{plain(high)} {unit}"


def _duration(fmt: FormatSpec) -> str:
    if fmt.weeks_max < 1:  # a 0.1-week format is half a working day: say it in days
        return _span(fmt.weeks_min * 5, fmt.weeks_max * 5, "working days")
    return _span(fmt.weeks_min, fmt.weeks_max, "weeks")


def _has(window: Window) -> str:
    return f"{_weeks(window.weeks)} at {plain(window.weekly_hours)} h/week"


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
