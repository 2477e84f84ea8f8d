"""The plan's notes in words: about the student's history and preferences, and across the year
(when to apply, what to prepare, weeks at or over the policy's load line)."""

import datetime
from collections.abc import Mapping, Sequence

from .history import _Past
from .numbers import plain
from .scoring import _depth_where
from .specs import WORK_MODES, FormatSpec, LoadSpan, Policy, StudentProfile, WindowPlan
from .wording import _MODE_NAMES, _and, _day, _has, _or, _weeks


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
            f"You have {plain(round(past.depth_hours))} h of internship experience"
            f"{_depth_where(past, profile.target_industries)}: short and hybrid formats rank "
            "higher, to add breadth and diverse contacts."
        )
    elif past.short_hours >= policy.breadth_history_hours:
        notes.append(
            f"You have {plain(round(past.short_hours))} h of short formats and little depth in "
            f"{field}: internship and hybrid formats rank higher where they fit."
        )
    if past.elsewhere_hours >= policy.breadth_history_hours and profile.target_industries:
        notes.append(
            f"Your {plain(round(past.elsewhere_hours))} h of internships were in other fields "
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
            f"(at least {_weeks(first.weeks_min)} at {plain(first.weekly_hours_min)} h/week, "
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
    line = plain(policy.weekly_load_warning)
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
                f"{plain(first.stated)} h/week stated, at or above the {line} h/week line: the "
                f"plan books those weeks together, at most {plain(most)} h/week in all. Check that "
                "both are right."
            )
        elif stated_over:
            notes.append(
                f"From {when} you said {plain(first.stated)} h/week, at or above the {line} h/week "
                f"line where study and rest suffer; the plan books at most {plain(most)} h/week."
            )
        else:
            notes.append(
                f"From {when}, your commitments and this plan come to up to {plain(most)} h/week, "
                f"at or above the {line} h/week line."
            )
    return notes


def _cause(span: LoadSpan, policy: Policy) -> tuple[bool, bool]:
    """Why a week is flagged: (the stated hours reach the line, windows overlap)."""
    return span.stated >= policy.weekly_load_warning, len(span.windows) > 1
