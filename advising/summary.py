"""The arithmetic behind a student's dashboard: profile completeness and the exposure summary.

The exposure summary is plain arithmetic over `LoggedExperience` values, so it can be tested
table-driven without the database; `logged_experiences()` turns a profile's log into those
values in two queries, however long the log is.

Definitions (shown to students in the same words on the dashboard):

- Only experiences that have started (``started_on`` on or before today) count: planned ones
  gave no exposure yet, and their hours are reported apart as ``planned_hours``.
- **Depth** is the share of counted hours spent in internship-family formats, with hybrid
  formats (flexternships, modular internships, …) counting half, because they combine an
  internship's depth with a micro-internship's short tasks. Hours logged without a format are
  left out of this share (we cannot tell which kind they were).
- **Breadth** is how many distinct industries and formats the counted experiences touched.
- The balance reads the depth share: 60 % or more is *mostly depth*, 40 % or less is *mostly
  breadth*, anything in between is *balanced*.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from opportunities.models import Family

from .models import Experience, StudentProfile

DEPTH_WEIGHT = {
    Family.INTERNSHIP: Decimal(1),
    Family.HYBRID: Decimal("0.5"),
    Family.MICRO: Decimal(0),
}
MOSTLY_DEPTH = Decimal("0.6")
MOSTLY_BREADTH = Decimal("0.4")

# The order the families are shown in, longest commitment first.
FAMILY_ORDER = (Family.INTERNSHIP, Family.HYBRID, Family.MICRO)
NO_FORMAT_LABEL = "Format not given"


class Balance:
    NONE = "none"
    DEPTH = "depth"
    BREADTH = "breadth"
    BALANCED = "balanced"

    LABELS = {
        NONE: "Not enough logged yet",
        DEPTH: "Mostly depth",
        BREADTH: "Mostly breadth",
        BALANCED: "Balanced",
    }


@dataclass(frozen=True)
class LoggedExperience:
    """What the summary needs to know about one experience."""

    hours: int
    started_on: date
    family: str | None = None
    format_id: int | None = None
    industry_id: int | None = None
    skill_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class FamilyHours:
    family: str | None  # a Family value, or None for hours logged without a format
    label: str
    hours: int
    share: Decimal  # of all counted hours, 0–1 rounded to 3 places

    @property
    def percent(self) -> int:
        return int((self.share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ExposureSummary:
    total_hours: int
    planned_hours: int
    experience_count: int
    planned_count: int
    by_family: tuple[FamilyHours, ...]
    format_count: int
    industry_count: int
    skill_count: int
    depth_share: Decimal | None  # None when no counted hours have a known format
    balance: str

    @property
    def depth_percent(self) -> int | None:
        if self.depth_share is None:
            return None
        return int((self.depth_share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def balance_label(self) -> str:
        return Balance.LABELS[self.balance]


def _share(part: Decimal | int, whole: Decimal | int) -> Decimal:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def summarize(experiences: Iterable[LoggedExperience], *, today: date) -> ExposureSummary:
    """Hours by format family, distinct industries/skills/formats, and depth versus breadth."""
    counted, planned = [], []
    for experience in experiences:
        (planned if experience.started_on > today else counted).append(experience)

    total = sum(e.hours for e in counted)
    hours_by_family = dict.fromkeys(FAMILY_ORDER, 0)
    unclassified = 0
    for e in counted:
        if e.family in hours_by_family:
            hours_by_family[e.family] += e.hours
        else:
            unclassified += e.hours

    rows = [
        FamilyHours(
            family, Family(family).label, hours, _share(hours, total) if total else Decimal(0)
        )
        for family, hours in hours_by_family.items()
    ]
    if unclassified:
        rows.append(FamilyHours(None, NO_FORMAT_LABEL, unclassified, _share(unclassified, total)))

    classified = total - unclassified
    if classified:
        depth_hours = sum(DEPTH_WEIGHT[f] * h for f, h in hours_by_family.items())
        depth_share = _share(depth_hours, classified)
        if depth_share >= MOSTLY_DEPTH:
            balance = Balance.DEPTH
        elif depth_share <= MOSTLY_BREADTH:
            balance = Balance.BREADTH
        else:
            balance = Balance.BALANCED
    else:
        depth_share, balance = None, Balance.NONE

    return ExposureSummary(
        total_hours=total,
        planned_hours=sum(e.hours for e in planned),
        experience_count=len(counted),
        planned_count=len(planned),
        by_family=tuple(rows),
        format_count=len({e.format_id for e in counted if e.format_id}),
        industry_count=len({e.industry_id for e in counted if e.industry_id}),
        skill_count=len(set().union(*(e.skill_ids for e in counted))),
        depth_share=depth_share,
        balance=balance,
    )


def logged_experiences(profile: StudentProfile) -> list[LoggedExperience]:
    """A profile's exposure log as summary input: two queries whatever its length."""
    skills: dict[int, set[int]] = {}
    through = Experience.skills.through.objects.filter(experience__profile=profile)
    for experience_id, skill_id in through.values_list("experience_id", "skill_id"):
        skills.setdefault(experience_id, set()).add(skill_id)
    return logged_from(profile.experiences.select_related("format"), skills)


def logged_from(experiences, skills: dict[int, set[int]]) -> list[LoggedExperience]:
    """The summary's input from experience rows (format loaded) and their skill ids by row."""
    return [
        LoggedExperience(
            hours=e.hours,
            started_on=e.started_on,
            family=e.format.family if e.format_id else None,
            format_id=e.format_id,
            industry_id=e.industry_id,
            skill_ids=frozenset(skills.get(e.pk, ())),
        )
        for e in experiences
    ]


# The chart --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartBar:
    label: str
    hours: int
    y: int  # top of the bar, in SVG user units
    width: Decimal
    text_y: int  # baseline of the label and the value
    value_x: Decimal  # where the hours are written, just after the bar


CHART_BAR_X = 130  # the family labels sit left of this
CHART_BAR_SPACE = 150  # the longest bar; right of it there is room for its hours
CHART_BAR_HEIGHT = 20
CHART_ROW_HEIGHT = 32


@dataclass(frozen=True)
class Chart:
    bars: tuple[ChartBar, ...]
    width: int = CHART_BAR_X + CHART_BAR_SPACE + 70
    height: int = 16
    bar_x: int = CHART_BAR_X
    bar_height: int = CHART_BAR_HEIGHT


def exposure_chart(summary: ExposureSummary) -> Chart:
    """Horizontal bars, one per row of `by_family`, the longest filling the bar space."""
    longest = max((row.hours for row in summary.by_family), default=0)
    bars = []
    for index, row in enumerate(summary.by_family):
        width = (
            (Decimal(CHART_BAR_SPACE) * row.hours / longest).quantize(Decimal("0.1"))
            if longest
            else Decimal(0)
        )
        y = 8 + index * CHART_ROW_HEIGHT
        bars.append(
            ChartBar(
                label=row.label,
                hours=row.hours,
                y=y,
                width=width,
                text_y=y + CHART_BAR_HEIGHT - 6,
                value_x=CHART_BAR_X + width + 6,
            )
        )
    return Chart(bars=tuple(bars), height=16 + len(bars) * CHART_ROW_HEIGHT)


# Profile completeness ---------------------------------------------------------------------


@dataclass(frozen=True)
class Completeness:
    missing: tuple[tuple[str, str], ...]  # (form field name, what to fill in)
    total: int

    @property
    def done(self) -> int:
        return self.total - len(self.missing)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total)

    @property
    def is_complete(self) -> bool:
        return not self.missing


def profile_completeness(profile: StudentProfile) -> Completeness:
    """What is still missing from a profile, in form order.

    Reads `windows`, `target_industries`, `skills` and `skills_to_build` through `.all()`, so
    prefetch them when this runs on a page.
    """
    checks = (
        ("programme", "Your programme", bool(profile.programme)),
        ("level", "Your level of study", bool(profile.level)),
        ("expected_graduation", "When you expect to graduate", bool(profile.expected_graduation)),
        ("career_clarity", "How clear your career direction is", bool(profile.career_clarity)),
        ("learning_goal", "What you want to learn", bool(profile.learning_goal)),
        ("target_industries", "Industries you want to try", bool(profile.target_industries.all())),
        ("skills", "Skills you already have", bool(profile.skills.all())),
        ("skills_to_build", "Skills you want to build", bool(profile.skills_to_build.all())),
        ("needs_pay", "Whether you need paid work", profile.needs_pay is not None),
        ("credit_ok", "Whether academic credit is acceptable", profile.credit_ok is not None),
        ("work_modes", "Work modes you accept", bool(profile.accepted_work_modes)),
        ("networking_goal", "The network you want to build", bool(profile.networking_goal)),
        (
            "application_ready",
            "Whether you are ready for a formal application",
            profile.application_ready is not None,
        ),
        ("windows", "At least one availability window", bool(profile.windows.all())),
    )
    return Completeness(
        missing=tuple((name, label) for name, label, ok in checks if not ok), total=len(checks)
    )
