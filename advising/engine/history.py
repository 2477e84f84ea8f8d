"""The student's history by hours (depth in their field, short formats, internships elsewhere),
and what earlier windows of the plan add to it."""

from collections.abc import Mapping
from dataclasses import dataclass

from .specs import StudentProfile, WindowPlan


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
