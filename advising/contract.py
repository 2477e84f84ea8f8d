"""The `suggest_mix` command's JSON contract, both ways: a profile document in
(`inputs_from_json`, every field checked against the README's contract and the rows, with
`InputError` saying in one sentence what to fix) and the advice out (`advice_to_contract`,
exactly the keys the README documents). Missing answers get the same defaults as an incomplete
stored profile (`inputs.DEFAULTS`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from opportunities.models import Format, Industry, Opportunity, Skill

from . import engine
from .engine import plain_value
from .inputs import (
    WHAT_IF_FIELDS,
    StudentInputs,
    assume_defaults,
    kinds_note,
    window_kind,
)
from .matching import Advice
from .models import AvailabilityWindow


def _listing_to_contract(listing: Opportunity) -> dict:
    """A matched listing; a fact the listing does not state is null (the keys never change)."""
    return {
        "id": listing.pk,
        "title": listing.title,
        "format": listing.format.slug,
        "industry": listing.industry.slug if listing.industry_id else None,
        "work_mode": listing.work_mode or None,
        "paid": listing.is_paid if listing.compensation_type else None,
        "compensation": listing.compensation_type or None,
        "weekly_hours_min": listing.weekly_hours_min,
        "weekly_hours_max": listing.weekly_hours_max,
        "weeks_max": plain_value(listing.duration_weeks),
        "total_hours": listing.total_hours,
        "deadline": _day(listing.deadline),
    }


def _day(value) -> str | None:
    return value.isoformat() if value else None


def advice_to_contract(advice: Advice) -> dict:
    """The `suggest_mix` JSON: exactly the keys the README documents, windows in input order."""
    return {
        "windows": [
            {
                "label": w.plan.window.label,
                "weeks": plain_value(w.plan.window.weeks),
                "weekly_hours": plain_value(w.plan.window.weekly_hours),
                "kind": w.plan.window.kind,
                "starts_on": _day(w.plan.window.starts_on),
                "ends_on": _day(w.plan.window.ends_on),
                "capacity_hours": plain_value(w.plan.capacity_hours),
                "ceiling_hours": plain_value(w.plan.ceiling_hours),
                "committed_hours": plain_value(w.plan.committed_hours),
                "planned_hours": plain_value(w.plan.planned_hours),
                "max_engagements": w.plan.max_engagements,
                "suggestions": [
                    {
                        "format": m.suggestion.format,
                        "family": m.suggestion.family,
                        "count": m.suggestion.count,
                        "score": m.suggestion.score,
                        "hours_each": plain_value(m.suggestion.hours_each),
                        "weekly_hours": m.suggestion.weekly_hours,
                        "weeks": plain_value(m.suggestion.weeks),
                        "industries": list(m.suggestion.industries),
                        "reasons": [
                            {"criterion": r.criterion, "text": r.text} for r in m.suggestion.reasons
                        ],
                        "notes": list(m.notes),
                        "opportunities": [_listing_to_contract(o) for o in m.listings],
                    }
                    for m in w.suggestions
                ],
                "excluded": [{"format": e.format, "reason": e.reason} for e in w.plan.excluded],
                "notes": list(w.plan.notes),
            }
            for w in advice.windows
        ],
        "notes": list(advice.notes),
        "assumptions": list(advice.assumptions),
        "year_notes": list(advice.year_notes),
        "load": [
            {
                "starts_on": span.starts_on.isoformat(),
                "ends_on": span.ends_on.isoformat(),
                "weeks": span.weeks,
                "windows": list(span.windows),
                "stated_hours": plain_value(span.stated),
                "ceiling_hours": plain_value(span.ceiling),
                "committed_hours": plain_value(span.committed),
                "planned_hours": plain_value(span.planned),
                "warning": span.warning,
            }
            for span in advice.load
        ],
    }


class InputError(ValueError):
    """A `suggest_mix` profile file that cannot be read; the message says what to fix."""


# A profile document's keys: the engine profile's fields.
_JSON_FIELDS = WHAT_IF_FIELDS
_WINDOW_FIELDS = {"label", "weeks", "weekly_hours", "kind", "starts_on", "ends_on"}
_COMMITMENT_FIELDS = {"label", "weekly_hours", "starts_on", "ends_on"}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _slugs(data: Mapping, field: str) -> list[str]:
    value = data.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{field} must be a list of slugs (strings)")
    return value


def _flag(data: Mapping, field: str) -> bool | None:
    value = data.get(field)
    if value is not None and not isinstance(value, bool):
        raise InputError(f"{field} must be true or false; got {value!r}")
    return value


def _choice(
    data: Mapping, field: str, options: Sequence[str], name: str | None = None
) -> str | None:
    value = data.get(field)
    if value is not None and value not in options:
        raise InputError(f"{name or field} must be one of {', '.join(options)}; got {value!r}")
    return value


def _known(model, slugs: Sequence[str], what: str) -> dict[str, tuple[int, str]]:
    """slug -> (id, name) for `slugs`, or InputError naming the unknown ones."""
    found = {
        slug: (pk, name)
        for pk, slug, name in model.objects.filter(slug__in=set(slugs)).values_list(
            "pk", "slug", "name"
        )
    }
    unknown = sorted(set(slugs) - set(found))
    if unknown:
        raise InputError(f"unknown {what}: {', '.join(unknown)}")
    return found


def _date(value: object, field: str) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        pass
    raise InputError(f"{field} must be a date written YYYY-MM-DD; got {value!r}")


def _date_range(item: Mapping, field: str, *, required: bool = False):
    starts = _date(item.get("starts_on"), f"{field}.starts_on")
    ends = _date(item.get("ends_on"), f"{field}.ends_on")
    if (starts is None) != (ends is None) or (required and starts is None):
        raise InputError(
            f"{field} needs both starts_on and ends_on{'' if required else ', or neither'}"
        )
    if starts is not None and ends < starts:
        raise InputError(f"{field}.ends_on must not be before starts_on")
    return starts, ends


def _hours(value: object, field: str, upper: float) -> float:
    if value is None:
        raise InputError(f"{field} is missing")
    if not _is_number(value) or value != value or value in (float("inf"), float("-inf")):
        raise InputError(f"{field} must be a number; got {value!r}")
    if value < 0:
        raise InputError(f"{field} must not be negative; got {value!r}")
    if value > upper:
        raise InputError(f"{field} must be at most {upper:g}; got {value!r}")
    return value


def _labelled(item: object, field: str, known: set[str], shape: str, default: str) -> str:
    """The label of one object of a list in the document (`default` when it has none), once the
    object is checked: an object (`shape` says of what) with only `known` fields."""
    if not isinstance(item, dict):
        raise InputError(f"{field} must be an object with {shape}")
    extra = sorted(set(item) - known)
    if extra:
        raise InputError(f"{field} has unknown field(s): {', '.join(extra)}")
    label = item.get("label", default)
    if not isinstance(label, str) or not label.strip():
        raise InputError(f"{field}.label must be a non-empty string")
    return label


def _window(window: object, i: int) -> tuple[engine.Window, str | None]:
    """One window of the document, and how its kind was worked out (None: it was given)."""
    label = _labelled(
        window, f"windows[{i}]", _WINDOW_FIELDS, "weeks and weekly_hours", f"Window {i + 1}"
    )
    weeks = _hours(window.get("weeks"), f"windows[{i}].weeks", engine.WINDOW_MAX_WEEKS)
    weekly = _hours(
        window.get("weekly_hours"), f"windows[{i}].weekly_hours", engine.WINDOW_MAX_WEEKLY_HOURS
    )
    kind = _choice(window, "kind", engine.WINDOW_KINDS, f"windows[{i}].kind")
    starts, ends = _date_range(window, f"windows[{i}]")
    stored = AvailabilityWindow(label=label, kind=kind or "", starts_on=starts, ends_on=ends)
    kind, source = window_kind(stored)
    return engine.Window(label, weeks, weekly, kind, starts, ends), source


def _commitment(item: object, i: int) -> engine.Commitment:
    field = f"commitments[{i}]"
    shape = "weekly_hours, starts_on and ends_on"
    label = _labelled(item, field, _COMMITMENT_FIELDS, shape, f"Commitment {i + 1}")
    weekly = _hours(item.get("weekly_hours"), f"{field}.weekly_hours", engine.MAX_WEEKLY_HOURS)
    starts, ends = _date_range(item, field, required=True)
    return engine.Commitment(label, weekly, starts, ends)


def inputs_from_json(data: object) -> StudentInputs:
    """A `suggest_mix --profile` document as engine inputs; slugs are checked against the rows.

    Missing answers get the same defaults as an incomplete stored profile (`DEFAULTS`).
    Raises InputError with one clear sentence for anything malformed.
    """
    if not isinstance(data, dict):
        raise InputError("the profile must be a JSON object")
    unknown = sorted(set(data) - _JSON_FIELDS)
    if unknown:
        raise InputError(
            f"unknown field(s): {', '.join(unknown)}; known: {', '.join(sorted(_JSON_FIELDS))}"
        )
    windows = data.get("windows")
    if not isinstance(windows, list) or not windows:
        raise InputError("windows must be a non-empty list of {label, weeks, weekly_hours}")
    parsed = [_window(window, i) for i, window in enumerate(windows)]
    commitments = data.get("commitments", [])
    if not isinstance(commitments, list):
        raise InputError("commitments must be a list of {label, weekly_hours, starts_on, ends_on}")

    answers: dict[str, object] = {
        "career_clarity": _choice(data, "career_clarity", engine.CLARITIES),
        "learning_goal": _choice(data, "learning_goal", engine.LEARNING_GOALS),
        "networking_goal": _choice(data, "networking_goal", engine.NETWORKING_GOALS),
        "needs_pay": _flag(data, "needs_pay"),
        "credit_ok": _flag(data, "credit_ok"),
        "can_be_paid": _flag(data, "can_be_paid"),
        "application_ready": _flag(data, "application_ready"),
    }
    modes = data.get("work_modes")
    if modes is not None:
        if (
            not isinstance(modes, list)
            or not modes
            or any(m not in engine.WORK_MODES for m in modes)
        ):
            raise InputError(
                f"work_modes must be a non-empty list of {', '.join(engine.WORK_MODES)}"
            )
        modes = tuple(m for m in engine.WORK_MODES if m in modes)
    answers["work_modes"] = modes
    assumptions = assume_defaults(answers)

    history = data.get("history", [])
    if not isinstance(history, list):
        raise InputError("history must be a list of {format, industry, hours}")
    for i, past in enumerate(history):
        if not isinstance(past, dict) or not isinstance(past.get("format"), str):
            raise InputError(f"history[{i}] must be an object with a format slug")
        extra = sorted(set(past) - {"format", "industry", "hours"})
        if extra:
            raise InputError(f"history[{i}] has unknown field(s): {', '.join(extra)}")
        if past.get("industry") is not None and not isinstance(past["industry"], str):
            raise InputError(f"history[{i}].industry must be a slug or null")
        hours = past.get("hours")
        if not _is_number(hours) or hours < 0 or hours != hours:
            raise InputError(f"history[{i}].hours must be a number of hours, 0 or more")

    targets = _slugs(data, "target_industries")
    past_industries = [p["industry"] for p in history if p.get("industry") is not None]
    industries = _known(Industry, [*targets, *past_industries], "industry")
    skills = _known(Skill, _slugs(data, "skills_to_build"), "skill")
    formats = set(
        Format.objects.filter(slug__in={p["format"] for p in history}).values_list(
            "slug", flat=True
        )
    )
    unknown_formats = sorted({p["format"] for p in history} - formats)
    if unknown_formats:
        raise InputError(f"unknown format in history: {', '.join(unknown_formats)}")

    names = [industries[slug][1] for slug in dict.fromkeys(targets)]
    kinds = kinds_note([(w.label, w.kind, source) for w, source in parsed if source is not None])
    if kinds:
        assumptions.append(kinds)
    student = engine.StudentProfile(
        windows=tuple(w for w, _ in parsed),
        commitments=tuple(_commitment(item, i) for i, item in enumerate(commitments)),
        target_industries=tuple(names),
        skills_to_build=tuple(
            skills[slug][1] for slug in dict.fromkeys(data.get("skills_to_build", []))
        ),
        history=tuple(
            engine.PastExperience(
                p["format"],
                industries[p["industry"]][1] if p.get("industry") is not None else None,
                float(p["hours"]),
            )
            for p in history
        ),
        **answers,
    )
    return StudentInputs(
        student,
        industry_ids={industries[slug][1]: industries[slug][0] for slug in targets},
        skill_ids=tuple(pk for pk, _ in skills.values()),
        window_ids=(None,) * len(parsed),
        assumptions=tuple(assumptions),
    )
