"""Scoring: each format's slot judged criterion by criterion, with a reason in words for each,
against the window's stance (breadth to depth)."""

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .fitting import _is_short
from .history import _Past
from .numbers import plain
from .specs import FormatSpec, Policy, Reason, Slot, StudentProfile, Supply, Window
from .wording import (
    _EXPOSURE,
    _NET_GOAL,
    _SCHEDULE,
    _SCOPE,
    _STYLE,
    _SUITS,
    _and,
    _duration,
    _or,
    _weeks,
)

# How formats are judged (the shape of the output, not policy: an admin tunes `Policy`).
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
        fact = f"short enough to fit several into your {plain(weeks)} weeks"
        if slot.weeks * 2 > weeks:
            fact = f"within your {plain(weeks)} weeks"
        misfit = "short"
    else:
        fill = slot.weeks / weeks
        fact = f"here {_weeks(slot.weeks)} of your {plain(weeks)}"
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
        hours, where = plain(round(past.depth_hours)), _depth_where(past, ctx.targets)
        if fmt.family == "internship":
            return -0.5, (
                f"{have} {hours} h of internship experience{where}: another adds less "
                "than a new kind of exposure."
            )
        return 0.75, f"{have} {hours} h of internship experience{where}: this adds breadth."
    if past.short_hours >= policy.breadth_history_hours:
        hours = plain(round(past.short_hours))
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
