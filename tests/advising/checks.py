"""What an experienced advisor checks in any plan, as assertions the engine tests, the persona
suite and the hypothesis-generated profiles share.

`check_plan` holds the policy (ceilings, engagement caps, no second employer beside an
internship, three suggestions that differ, counts within the open listings) and `check_reasons`
holds every sentence to the facts: each number a reason quotes is one of the plan's (the hours
a run books, its hours a week and weeks, the window's, the format's ranges, the student's
history by the engine's definition), and no reason says "too long" of a short format or "light"
of a long one. `check_listings` holds the listings shown to the slot they are shown for.
"""

import re

from advising import engine
from advising.engine import DASH, SHORT_FORMAT_MAX_WEEKS

NUMBER = r"(\d+(?:\.\d+)?)"
QUOTED = re.compile(rf"{NUMBER}(?:{DASH}{NUMBER})? ?(h/week|h(?![/\w])|weeks?\b|working days)")
EPS = 1e-6


def _close(value: float, allowed) -> bool:
    return any(abs(value - a) <= 0.006 for a in allowed)


def _num(value: float) -> float:
    """A figure as the engine writes it (two decimals at most)."""
    return float(f"{value:.2f}")


def history_hours(
    profile: engine.StudentProfile, formats, plan: engine.Plan, index: int
) -> dict[str, float]:
    """The student's history by hours as of window `index`, worked out here from the inputs:
    internship depth in the target industries (hybrid formats half), short formats, and
    internships in other fields; windows before `index` add what their plans book."""
    family = {f.slug: f.family for f in formats}
    targets = set(profile.target_industries)
    depth = short = elsewhere = 0.0
    for past in profile.history:
        kind = family.get(past.format)
        relevant = not targets or past.industry in targets
        if kind == "micro":
            short += past.hours
        elif kind == "internship" and relevant:
            depth += past.hours
        elif kind == "hybrid" and relevant:
            depth += past.hours / 2
        elif kind == "internship" and past.industry is not None:
            elsewhere += past.hours
    for wp in plan.windows[:index]:
        for s in wp.suggestions:
            hours = s.hours_each * s.count
            relevant = not targets or bool(set(s.industries) & targets)
            if s.family == "micro":
                short += hours
            elif relevant:
                depth += hours if s.family == "internship" else hours / 2
    return {"depth": depth, "short": short, "elsewhere": elsewhere}


def check_reasons(
    profile: engine.StudentProfile, formats, policy: engine.Policy, plan: engine.Plan
) -> int:
    """Every reason of every suggestion against the plan; returns how many were checked."""
    by_slug = {f.slug: f for f in formats}
    checked = 0
    for index, wp in enumerate(plan.windows):
        window = wp.window
        past = history_hours(profile, formats, plan, index)
        hours_allowed = {round(v) for v in past.values()}
        for s in wp.suggestions:
            fmt = by_slug[s.format]
            allowed = {
                "h/week": {
                    s.weekly_hours,
                    window.weekly_hours,
                    fmt.weekly_hours_min,
                    fmt.weekly_hours_max,
                },
                "h": {s.hours_each, *hours_allowed},
                "week": {_num(s.weeks), window.weeks, fmt.weeks_min, fmt.weeks_max},
                "working days": {_num(fmt.weeks_min * 5), _num(fmt.weeks_max * 5)},
            }
            for reason in s.reasons:
                checked += 1
                where = f"{window.label} / {s.format} / {reason.criterion}: {reason.text!r}"
                assert reason.criterion in engine.CRITERIA, where
                for low, high, unit in QUOTED.findall(reason.text):
                    unit = "week" if unit.startswith("week") else unit
                    for value in filter(None, (low, high)):
                        assert _close(float(value), allowed[unit]), (
                            f"{where}: {value} {unit} is none of {sorted(allowed[unit])}"
                        )
                _check_words(reason, s, fmt, window, past, where)
            commitment = next(r for r in s.reasons if r.criterion == "commitment")
            expected = f"One run takes {s.hours_each:g} h at up to {s.weekly_hours} h/week"
            assert commitment.text.startswith(expected), (commitment.text, expected)
    return checked


def _check_words(reason, s, fmt, window, past, where) -> None:
    text = reason.text
    short = fmt.weeks_max <= SHORT_FORMAT_MAX_WEEKS
    for never in ("too long", "too short", "too light", "too heavy"):
        assert never not in text, where
    if "a long commitment" in text:
        assert not short, where
    if ": short for" in text or "short enough" in text:
        assert short, where
    if "around classes" in text:
        assert window.kind == "term", where
    if "in a break" in text or "this break" in text:
        assert window.kind == "break", where
    if "A low-risk first try" in text:
        assert sum(past.values()) == 0, where
    if "h of internship experience" in text and reason.criterion == "history":
        assert past["depth"] >= 1, where
    if "internship experience is in other fields" in text:
        assert past["elsewhere"] > 0, where
    if text.startswith("Formal application"):
        assert fmt.application_process == 3, where
    if reason.weight > 0:
        assert "less suited" not in text and "less of a" not in text, where


def check_plan(
    profile: engine.StudentProfile,
    formats,
    policy: engine.Policy,
    plan: engine.Plan,
    supply=None,
) -> None:
    """The policy an advisor signs for, window by window."""
    by_slug = {f.slug: f for f in formats}
    assert [wp.window for wp in plan.windows] == list(profile.windows)
    for i, wp in enumerate(plan.windows):
        window, where = wp.window, wp.window.label
        share = policy.term_load_share if window.kind == "term" else policy.break_load_share
        assert abs(wp.weekly_ceiling - round(share * window.weekly_hours, 2)) < 0.01, where
        assert wp.planned_hours <= wp.ceiling_hours + EPS, where
        assert wp.planned_hours <= window.weeks * window.weekly_hours + EPS, where
        cap = policy.term_max_engagements if window.kind == "term" else policy.break_max_engagements
        assert wp.max_engagements == cap
        assert wp.engagements <= cap, where
        slugs = [s.format for s in wp.suggestions]
        assert len(slugs) == len(set(slugs)) <= engine.MAX_SUGGESTIONS, where
        internships = [s for s in wp.suggestions if s.family == "internship"]
        assert len(internships) <= 1, where
        if internships:
            # Never a second multi-week employer beside an internship; nothing beside a
            # full-time one.
            assert not [s for s in wp.suggestions if s.family == "hybrid"], where
            if internships[0].weekly_hours >= policy.full_time_weekly_hours:
                assert len(wp.suggestions) == 1, where
        for a, s in enumerate(wp.suggestions):
            fmt = by_slug[s.format]
            assert engine.fits(fmt, window) is None, where
            assert any(mode in profile.work_modes for mode in fmt.work_modes), where
            assert 1 <= s.count <= engine.MAX_COUNT, where
            if s.count > 1:
                assert fmt.weeks_max <= SHORT_FORMAT_MAX_WEEKS, where
            # (EPS: admin-made formats may carry float noise such as 2.9999999999999)
            assert fmt.weekly_hours_min - EPS <= s.weekly_hours <= fmt.weekly_hours_max + EPS
            assert s.weekly_hours <= wp.weekly_ceiling + EPS, where
            assert fmt.total_hours_min - EPS <= s.hours_each <= fmt.total_hours_max + EPS
            assert s.hours_each <= s.weeks * s.weekly_hours + EPS, where
            assert 0 <= s.score <= 1
            if supply is not None:
                found = supply.get((i, s.format))
                assert found is not None and found.fitting >= 1, where
                aimed = profile.target_industries and found.in_targets
                assert s.count <= (found.in_targets if aimed else found.fitting), (where, found)
            for t in wp.suggestions[:a]:
                other = by_slug[t.format]
                assert (
                    fmt.family != other.family
                    or fmt.exposure_depth != other.exposure_depth
                    or s.industries != t.industries
                ), (where, s.format, t.format)
        excluded = {e.format for e in wp.excluded}
        assert not excluded & set(slugs), where
        assert excluded | set(slugs) <= set(by_slug)
    for span in plan.load:
        # A week's booked load stays within the highest ceiling of the windows covering it,
        # unless commitments alone already pass it (then the plan adds nothing there).
        if span.planned:
            assert span.total <= span.ceiling + 0.11 or span.committed >= span.ceiling - 0.11, span


def check_listings(advice, student: engine.StudentProfile) -> int:
    """Every listing shown fits the slot it is shown for and the student's hard constraints;
    returns how many were checked."""
    from opportunities.models import PAID_COMPENSATION

    checked = 0
    for w in advice.windows:
        for m in w.suggestions:
            s = m.suggestion
            for listing in m.listings:
                checked += 1
                where = f"{w.plan.window.label} / {s.format} / #{listing.pk}"
                assert listing.format.slug == s.format, where
                assert listing.weekly_hours_min <= s.weekly_hours, where
                if listing.duration_weeks is not None:
                    assert float(listing.duration_weeks) <= s.weeks + EPS, where
                    least = float(listing.duration_weeks) * listing.weekly_hours_min
                    assert least <= s.hours_each + EPS, where
                if listing.total_hours is not None:
                    assert listing.total_hours <= s.hours_each, where
                assert listing.is_open(), where
                paid = listing.compensation_type in PAID_COMPENSATION
                assert listing.work_mode in student.work_modes, where
                if not student.can_be_paid:
                    assert not paid, where
                elif student.needs_pay:
                    credit = student.credit_ok and listing.compensation_type == "credit"
                    assert paid or credit, where
            if m.versions and s.industries:
                names = {listing.industry.name for listing in m.listings}
                aimed = names & set(s.industries)
                # In the student's field first, never filled up with others; or said plainly.
                assert aimed == names or not aimed, (s.format, names, s.industries)
                if not aimed:
                    assert any("these are the nearest" in note for note in m.notes), s.format
    return checked
