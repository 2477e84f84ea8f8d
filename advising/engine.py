"""Suggestion engine: which work-exposure formats suit a student's availability windows, and why.

Pure standard-library Python (no Django): plain dataclasses in, plain dataclasses out. All it
knows about a format comes from its FormatSpec, so a format an admin adds is considered with no
code change.

How a window is planned:
* a format fits only if the window meets its minimum weeks, weekly hours and total hours;
* the window gets a *stance* from 0 (breadth: several short formats) to 1 (depth: one immersive
  anchor). It comes from career clarity, except that a busy window is always breadth: short,
  flexible formats now, depth where time allows;
* each fitting format is scored on the reference's eight criteria plus history and industries;
* the best formats are booked into the window, short ones repeated, never beyond its capacity.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

FAMILIES = ("internship", "micro", "hybrid")
CLARITIES = ("exploring", "narrowing", "decided")
LEARNING_GOALS = ("broad", "targeted")
NETWORKING_GOALS = ("deep", "broad")
NETWORKING_STYLES = ("deep", "broad", "mixed")
COMPENSATION_MODELS = ("per_task", "paid", "paid_or_credit", "varies")
WORK_MODES = ("onsite", "remote", "hybrid")
DASH = "\u2013"  # en dash, for ranges such as "2-10 h/week" in student-facing text

# Engine policy.
MAX_SUGGESTIONS = 3  # a short list an advisor can discuss in one meeting
MAX_COUNT = 4  # beyond four runs of one short format, repeats stop adding new exposure
MAX_WEEKS = 60.0  # more than a year is a typing error, not an availability window
MAX_WEEKLY_HOURS = 80.0  # more than 80 h/week is not a sustainable student workload
SHORT_FORMAT_MAX_WEEKS = 4.0  # formats lasting at most ~a month are task-shaped and repeatable
HEAVY_LOAD_WEEKLY_HOURS = 10.0  # under 10 h/week a student is carrying a full study load
ANCHOR_SHARE = 0.8  # an internship anchor takes most of a window but leaves room to mix families
CLARITY_DEPTH = {"exploring": 0.0, "narrowing": 0.5, "decided": 1.0}  # stance of a free window
FAMILY_DEPTH = {"micro": 0.0, "hybrid": 0.5, "internship": 1.0}  # where each family sits
WEIGHTS = {  # relative importance of each criterion; also the order reasons are judged in
    "duration": 2.0,  # the reference's first axis: hours-to-days versus months
    "commitment": 2.0,  # the share of the window one run binds, and on what schedule
    "exposure": 2.0,  # depth of contact with the organisation
    "learning": 1.5,  # specific versus comprehensive skills
    "application": 1.0,  # a formal process delays starting but rules nothing out
    "compensation": 1.0,  # only ranks here: pay is a hard filter on listings elsewhere
    "networking": 1.0,  # a secondary goal for most students
    "suitability": 2.5,  # the reference's own verdict on whom each family suits
    "history": 1.5,  # combining both families maximises exposure
    "industries": 1.0,  # breadth across fields, for students who want it
}
HEAVY_COMMITMENT_WEIGHT = 4.0  # in a busy window a schedule the student can bend matters most
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


@dataclass(frozen=True)
class Window:
    label: str
    weeks: float
    weekly_hours: float


@dataclass(frozen=True)
class PastExperience:
    format: str  # a slug; one no longer in the catalogue is left out of the family mix
    industry: str | None
    hours: float


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
    hours_each: float
    score: float
    reasons: tuple[Reason, ...]
    industries: tuple[str, ...]


@dataclass(frozen=True)
class Exclusion:
    format: str
    name: str
    reason: str


@dataclass(frozen=True)
class WindowPlan:
    window: Window
    suggestions: tuple[Suggestion, ...]  # best first (a decided student's anchor leads)
    excluded: tuple[Exclusion, ...]  # every format that does not fit, in catalogue order
    planned_hours: float
    capacity_hours: float


@dataclass(frozen=True)
class Plan:
    windows: tuple[WindowPlan, ...]
    notes: tuple[str, ...]


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


def _check_window(window: Window, field: str = "window") -> None:
    _number(f"{field}.weeks", window.weeks, MAX_WEEKS)
    _number(f"{field}.weekly_hours", window.weekly_hours, MAX_WEEKLY_HOURS)


def _check_format(fmt: FormatSpec) -> None:
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
_PLURAL = {"internship": "internships", "micro": "micro formats", "hybrid": "hybrid formats"}
_STANCE = {
    "exploring": "exploring several career paths",
    "narrowing": "narrowing down your options",
    "decided": "building depth in your chosen field",
}


# --- fit and effort -----------------------------------------------------------------------------


def fits(fmt: FormatSpec, window: Window) -> str | None:
    """None when `fmt` fits `window`, else why not (the format's minimum against the window)."""
    _check_format(fmt)
    _check_window(window)
    return _why_not(fmt, window)


def _why_not(fmt: FormatSpec, window: Window) -> str | None:
    """`fits` for inputs already checked (`suggest` checks every format and window once)."""
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


def _limit(fmt: FormatSpec, free: float, capacity: float) -> float:
    """Hours one run of `fmt` may take when `free` of the window's `capacity` is unbooked."""
    return min(free, ANCHOR_SHARE * capacity) if fmt.family == "internship" else free


def _hours_each(fmt: FormatSpec, window: Window, limit: float) -> float | None:
    """Realistic hours for one run of `fmt` in `window`, at most `limit`; None if it can't fit.

    A long format runs as many weeks and weekly hours as both it and the window allow; a short
    one takes its typical (midpoint) total effort; both stay within the format's total range.
    Rounded down to 0.01 h so that a summed plan never exceeds the window.
    """
    span = min(fmt.weeks_max, window.weeks) * min(fmt.weekly_hours_max, window.weekly_hours)
    typical = (fmt.total_hours_min + fmt.total_hours_max) / 2 if _is_short(fmt) else span
    hours = min(max(min(typical, span), fmt.total_hours_min), fmt.total_hours_max, limit)
    rounded = round(hours, 2)
    if rounded > hours:
        rounded = round(rounded - 0.01, 2)
    return rounded if rounded > 0 and rounded >= fmt.total_hours_min - 0.01 else None


# --- scoring ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    """What every format is judged against in one window."""

    profile: StudentProfile
    window: Window
    capacity: float
    depth: float  # stance: 0 breadth (several short formats) .. 1 depth (one anchor)
    heavy: bool  # too few weekly hours for anything but short, flexible formats
    stance: str  # the stance in words, to end reason sentences with
    done: str | None  # the one family all past experiences belong to, if any
    targets: tuple[str, ...]  # target industries, de-duplicated, in the student's order


_Verdict = tuple[float, str] | None  # (match in -1..1, sentence), or None: not applicable


def _closeness(value: float, target: float) -> float:
    return max(-1.0, min(1.0, 1 - 2 * abs(value - target)))


def _graded(match: float, text: str, good: str, bad: str) -> tuple[float, str]:
    """Finish a sentence with what a clear match or mismatch means for the student."""
    if match > 0.2:
        return match, f"{text}{good}."
    return match, f"{text}{bad}." if match < -0.2 else f"{text}."


def _repeatable(fmt: FormatSpec, ctx: _Context) -> bool:
    hours = _hours_each(fmt, ctx.window, ctx.capacity)
    return _is_short(fmt) and hours is not None and 2 * hours <= ctx.capacity


def _judge_duration(fmt: FormatSpec, ctx: _Context) -> _Verdict:
    weeks = ctx.window.weeks
    fill = min(fmt.weeks_max, weeks) / weeks
    if fill >= 0.75:
        fact = f"enough to fill your {_num(weeks)}-week window"
    elif fill <= 0.35:
        fact = f"short enough to fit several into your {_num(weeks)} weeks"
    else:
        fact = f"about {round(fill * 100)}% of your {_num(weeks)}-week window"
    too = "long" if fill > ctx.depth else "short"
    return _graded(
        _closeness(fill, ctx.depth),
        f"Lasts {_duration(fmt)}, {fact}",
        f", which suits {ctx.stance}",
        f": too {too} for {ctx.stance}",
    )


def _judge_commitment(fmt: FormatSpec, ctx: _Context) -> _Verdict:
    have, flex = _num(ctx.window.weekly_hours), fmt.schedule_flexibility
    if ctx.heavy:  # with little weekly time, being able to pick one's hours is what matters
        needs = _span(fmt.weekly_hours_min, fmt.weekly_hours_max, "h/week")
        return float(flex - 2), {
            3: f"Fits your {have} h/week: it needs {needs} and lets you pick your hours.",
            2: f"Needs {needs} on a partly flexible schedule, workable with {have} h/week.",
            1: f"Needs {needs} on a fixed schedule, hard to fit into {have} h/week.",
        }[flex]
    limit = _limit(fmt, ctx.capacity, ctx.capacity)
    hours = _hours_each(fmt, ctx.window, limit) or fmt.total_hours_min
    share = hours / ctx.capacity
    about = "about" if _is_short(fmt) else "up to"  # long formats may end up shorter in a plan
    too = "heavy" if share > ctx.depth else "light"
    text = f"One run takes {about} {_num(hours)} of your {_num(ctx.capacity)} h here"
    return _graded(
        _closeness(share, ctx.depth),
        f"{text}, {_SCHEDULE[flex]}",
        f", which suits {ctx.stance}",
        f": a commitment too {too} for {ctx.stance}",
    )


def _judge_exposure(fmt: FormatSpec, ctx: _Context) -> _Verdict:
    return _graded(
        max(-1.0, 1 - abs(fmt.exposure_depth - (1 + 2 * ctx.depth))),
        f"Offers {_EXPOSURE[fmt.exposure_depth]}",
        f", which suits {ctx.stance}",
        f", less suited to {ctx.stance}",
    )


def _judge_learning(fmt: FormatSpec, ctx: _Context) -> _Verdict:
    scope = fmt.learning_scope
    if ctx.profile.learning_goal == "targeted":
        if scope == 3:
            return -0.5, f"Builds {_SCOPE[3]}, broader than your targeted learning goal."
        skills = ctx.profile.skills_to_build
        aim = f" such as {', '.join(skills[:2])}" if skills else ""
        return (1.0 if scope == 1 else 0.5), f"Builds {_SCOPE[scope]}{aim}, as you want."
    if scope == 3:
        return 1.0, f"Builds {_SCOPE[3]}, matching your broad learning goal."
    if _repeatable(fmt, ctx):
        return 0.5, f"Builds {_SCOPE[scope]} each time; several runs add up to a broad skill set."
    return -0.5, f"Builds {_SCOPE[scope]}, narrower than your broad learning goal."


def _judge_application(fmt: FormatSpec, ctx: _Context) -> _Verdict:
    process = fmt.application_process
    if ctx.profile.application_ready and ctx.profile.career_clarity != "exploring":
        if process == 3:
            return 0.5, "Formal application with interviews, and you are ready for one."
        return 0.0, "Light application process."
    return float(2 - process), {  # not ready, or exploring: the lighter the better
        1: "Simple, platform-based application: you can start right away.",
        2: "Short application, usually without interviews.",
        3: "Formal application with interviews; prepare your résumé first.",
    }[process]


def _judge_compensation(fmt: FormatSpec, ctx: _Context) -> _Verdict:
    if not ctx.profile.needs_pay:
        return None
    model, credit_ok = fmt.compensation_model, ctx.profile.credit_ok
    if model in ("per_task", "paid"):
        how = "per task" if model == "per_task" else "hourly or with a stipend"
        return 1.0, f"Usually paid {how}, which meets your need for paid work."
    if model == "paid_or_credit" and credit_ok:
        return 0.5, "Often paid or for academic credit; either works for you."
    if model == "paid_or_credit":
        return -0.5, "Often for academic credit instead of pay, and you need paid work."
    return (0.0 if credit_ok else -0.5), "Pay varies by listing; check each one."


def _judge_networking(fmt: FormatSpec, ctx: _Context) -> _Verdict:
    goal, style = ctx.profile.networking_goal, fmt.networking_style
    if style == "mixed":
        return 0.0, f"Builds {_STYLE[style]}, half matching your goal of {_NET_GOAL[goal]}."
    if style == goal:
        return 1.0, f"Builds {_STYLE[style]}, matching your goal of {_NET_GOAL[goal]}."
    return -1.0, f"Builds {_STYLE[style]}, while you want {_NET_GOAL[goal]}."


def _judge_suitability(fmt: FormatSpec, ctx: _Context) -> _Verdict:
    match = _closeness(FAMILY_DEPTH[fmt.family], ctx.depth)
    fit = "a good" if match > 0.2 else "less of a" if match < -0.2 else "a partial"
    return match, f"{_SUITS[fmt.family]}: {fit} match for {ctx.stance}."


def _judge_history(fmt: FormatSpec, ctx: _Context) -> _Verdict:
    if ctx.done is None:
        return None
    gap = FAMILY_DEPTH[fmt.family] - FAMILY_DEPTH[ctx.done]
    if gap == 0:
        return -0.5, f"You have done only {_PLURAL[ctx.done]}; another adds less to your mix."
    adds = "depth" if gap > 0 else "breadth"
    return min(1.0, 2 * abs(gap) - 0.5), (
        f"You have done only {_PLURAL[ctx.done]} so far; this format adds {adds} to your mix."
    )


def _judge_industries(fmt: FormatSpec, ctx: _Context) -> _Verdict:
    broad = ctx.profile.career_clarity == "exploring" or ctx.profile.learning_goal == "broad"
    if len(ctx.targets) < 2 or not broad:
        return None
    if _repeatable(fmt, ctx):
        return 1.0, f"Can be repeated across {', '.join(ctx.targets)} to compare those fields."
    return -0.5, f"A single run covers only one of your {len(ctx.targets)} target industries."


_JUDGES: dict[str, Callable[[FormatSpec, _Context], _Verdict]] = {
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
}


def _score(fmt: FormatSpec, ctx: _Context) -> tuple[float, tuple[Reason, ...]]:
    """0.5 plus each criterion's weighted match (-1..1) over twice the sum of all weights.

    The denominator counts every criterion, applicable or not, so a criterion that starts to
    apply (e.g. history) moves a score only in the direction of its own verdict.
    """
    weights = dict(WEIGHTS, commitment=HEAVY_COMMITMENT_WEIGHT) if ctx.heavy else WEIGHTS
    total = 2 * sum(weights.values())
    score, reasons = 0.5, []
    for criterion in CRITERIA:
        verdict = _JUDGES[criterion](fmt, ctx)
        if verdict is not None:
            contribution = weights[criterion] * verdict[0] / total
            score += contribution
            reasons.append(Reason(criterion, verdict[1], round(contribution, 4)))
    reasons.sort(key=lambda r: (-abs(r.weight), CRITERIA.index(r.criterion)))
    return round(min(1.0, max(0.0, score)), 2), tuple(reasons)


# --- planning -----------------------------------------------------------------------------------


@dataclass
class _Pick:
    fmt: FormatSpec
    score: float
    reasons: tuple[Reason, ...]
    hours: float
    count: int = 1


def _plan_window(
    profile: StudentProfile, catalogue: Sequence[FormatSpec], window: Window, done: str | None
) -> WindowPlan:
    capacity = window.weeks * window.weekly_hours
    heavy = window.weekly_hours < HEAVY_LOAD_WEEKLY_HOURS
    depth = 0.0 if heavy else CLARITY_DEPTH[profile.career_clarity]
    busy = f"a busy window of {_num(window.weekly_hours)} h/week"
    stance = busy if heavy else _STANCE[profile.career_clarity]
    targets = tuple(dict.fromkeys(profile.target_industries))
    ctx = _Context(profile, window, capacity, depth, heavy, stance, done, targets)
    excluded, ranked = [], []
    for fmt in catalogue:
        why_not = _why_not(fmt, window)
        if why_not is None:
            ranked.append((*_score(fmt, ctx), fmt))
        else:
            excluded.append(Exclusion(fmt.slug, fmt.name, why_not))
    ranked.sort(key=lambda r: (-r[0], r[2].display_order, r[2].slug))
    anchors = [r for r in ranked if r[2].family == "internship"]
    if profile.career_clarity == "decided" and anchors:  # depth first wherever the window allows
        ranked.remove(anchors[0])
        ranked.insert(0, anchors[0])

    picks: list[_Pick] = []
    for score, reasons, fmt in ranked:
        if len(picks) == MAX_SUGGESTIONS:
            break
        if fmt.family == "internship" and any(p.fmt.family == "internship" for p in picks):
            continue  # never stack two internships in one window
        free = capacity - sum(p.hours * p.count for p in picks)
        hours = _hours_each(fmt, window, _limit(fmt, free, capacity))
        hours = hours if hours is not None else _hours_each(fmt, window, free)
        if hours is not None:
            picks.append(_Pick(fmt, score, reasons, hours))
    grew = True
    while grew:  # repeat short formats round-robin in rank order, while the window has room
        grew = False
        for pick in picks:
            booked = sum(p.hours * p.count for p in picks)
            if _is_short(pick.fmt) and pick.count < MAX_COUNT and booked + pick.hours <= capacity:
                pick.count += 1
                grew = True

    suggestions, turn = [], 0
    for pick in picks:
        industries = targets
        if len(targets) >= 2:  # spread the runs over the targets, continuing across suggestions
            runs = (targets[(turn + i) % len(targets)] for i in range(pick.count))
            industries, turn = tuple(dict.fromkeys(runs)), turn + pick.count
        f = pick.fmt
        row = (f.slug, f.name, f.family, pick.count, pick.hours, pick.score, pick.reasons)
        suggestions.append(Suggestion(*row, industries))
    planned = round(sum(p.hours * p.count for p in picks), 2)
    return WindowPlan(window, tuple(suggestions), tuple(excluded), planned, round(capacity, 2))


_HISTORY_NOTES = {
    "micro": "Your history is all micro formats: internship and hybrid formats rank higher "
    "where they fit, to add depth.",
    "internship": "Your history is all internships: micro and hybrid formats rank higher, "
    "to add breadth and diverse contacts.",
    "hybrid": "Your history is all hybrid formats: internships and micro formats rank a little "
    "higher, to widen your mix.",
}


def _notes(
    profile: StudentProfile,
    catalogue: Sequence[FormatSpec],
    plans: list[WindowPlan],
    done: str | None,
) -> list[str]:
    notes = [_HISTORY_NOTES[done]] if done else []
    known = {fmt.slug for fmt in catalogue}
    gone = sorted({past.format for past in profile.history if past.format not in known})
    if gone:
        notes.append(
            f"Past experience in {', '.join(gone)} was left out of the mix: "
            "that format is no longer in the catalogue."
        )
    anchors = [fmt for fmt in catalogue if fmt.family == "internship"]
    anchored = any(s.family == "internship" for plan in plans for s in plan.suggestions)
    if profile.career_clarity == "decided" and anchors and plans and not anchored:
        first = anchors[0]
        notes.append(
            f"No window has room for an internship-family format such as {first.name} "
            f"(at least {_weeks(first.weeks_min)} at {_num(first.weekly_hours_min)} h/week); "
            "a freer window would let you build depth."
        )
    notes.extend(
        f"Nothing is suggested for {plan.window.label} ({_has(plan.window)}): "
        "no format fits that time."
        for plan in plans
        if not plan.suggestions
    )
    if profile.needs_pay:
        notes.append(
            "You need paid work: matching listings are limited to paid ones; formats are only "
            "ranked here by how they usually pay."
        )
    modes = [mode for mode in WORK_MODES if mode in profile.work_modes]
    if len(modes) < len(WORK_MODES):
        notes.append(f"Matching listings are limited to {' or '.join(modes)} work.")
    return notes


def suggest(profile: StudentProfile, formats: Sequence[FormatSpec]) -> Plan:
    """Plan every window of `profile` (in its order) from the catalogue `formats` (any order)."""
    _check_profile(profile)
    for fmt in formats:
        _check_format(fmt)
    catalogue = sorted(formats, key=lambda f: (f.display_order, f.slug))
    slugs = [fmt.slug for fmt in catalogue]
    if len(set(slugs)) != len(slugs):
        repeated = sorted({slug for slug in slugs if slugs.count(slug) > 1})
        raise EngineError(f"format slugs must be unique; repeated: {', '.join(repeated)}")
    if not catalogue:
        empty = (
            WindowPlan(w, (), (), 0.0, round(w.weeks * w.weekly_hours, 2)) for w in profile.windows
        )
        return Plan(tuple(empty), ())
    family_of = {fmt.slug: fmt.family for fmt in catalogue}
    families = {family_of[past.format] for past in profile.history if past.format in family_of}
    done = min(families) if len(families) == 1 else None
    plans = [_plan_window(profile, catalogue, window, done) for window in profile.windows]
    return Plan(tuple(plans), tuple(_notes(profile, catalogue, plans, done)))


def plan_to_dict(plan: Plan) -> dict:
    """The plan as JSON-ready dicts and lists (reason weights stay internal)."""

    def suggestion(s: Suggestion) -> dict:
        reasons = [{"criterion": r.criterion, "text": r.text} for r in s.reasons]
        return asdict(s) | {"industries": list(s.industries), "reasons": reasons}

    windows = [
        asdict(wp.window)
        | {
            "capacity_hours": wp.capacity_hours,
            "planned_hours": wp.planned_hours,
            "suggestions": [suggestion(s) for s in wp.suggestions],
            "excluded": [asdict(e) for e in wp.excluded],
        }
        for wp in plan.windows
    ]
    return {"windows": windows, "notes": list(plan.notes)}
