"""The listing generator: believable listings drawn from the vocabulary and the sources
(formats, industries, skills and organizations).

`draw_listing` is the one generator: the demo wraps what it draws into unsaved `Opportunity`
rows (`generate_listing`), and the benchmark (bench/draw.py) turns it into COPY rows at its own
scale, with its own deadlines and statuses (`schedule`). It returns a plain `Listing` rather
than an `Opportunity` because building model instances would double the benchmark's draw time.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import partial

from django.utils import timezone

from ..models import (
    Compensation,
    CompensationModel,
    Family,
    Format,
    Industry,
    Opportunity,
    Organization,
    Status,
    WorkMode,
    listing_slug,
    remote_possible,
)
from .sources import DemoSources
from .vocabulary import (
    CONTENT,
    DATA_SHARE,
    DESCRIPTIONS,
    GENERAL_SKILLS,
    PAY,
    SCOPES,
    SPONSORSHIP,
    SUMMARIES,
    WORK_MODES,
)

INDUSTRY_SLUGS = sorted(CONTENT)
# Each industry's roles (or tasks), in the vocabulary's order, split by whether they are about
# data: what a listing's topic is drawn from once it is decided whether it is.
TOPICS = {
    (slug, kind, about_data): [
        entry for entry in entries if ("data" in entry[0].lower()) == about_data
    ]
    for slug, kinds in CONTENT.items()
    for kind, entries in kinds.items()
    for about_data in (False, True)
}


@dataclass(frozen=True, slots=True)
class Schedule:
    """Where a listing stands: its deadline, status, and when it was published and closed."""

    deadline: date
    status: str
    published_at: datetime | None
    closed_at: datetime | None


@dataclass(slots=True)
class Listing:
    """One drawn listing: the values of an `Opportunity`'s fields (same names), and its skills."""

    title: str
    organization: Organization
    format: Format
    industry: Industry
    summary: str
    description: str
    work_mode: str
    locations: list[str]
    terms: list[str]
    sponsorship: str
    is_remote: bool
    weekly_hours_min: int
    weekly_hours_max: int
    duration_weeks: Decimal | None
    total_hours: int | None
    start_date: date | None
    deadline: date
    compensation_type: str
    compensation_amount: Decimal | None
    apply_url: str
    apply_instructions: str
    status: str
    published_at: datetime | None
    closed_at: datetime | None
    skill_ids: list[int]

    @property
    def slug(self) -> str:
        # Not drawn: a function of the title (which the benchmark's rows share, a few hundred).
        return listing_slug(self.title)

    def opportunity(self, **extra) -> Opportunity:
        """An unsaved `Opportunity` with these values (and `extra` ones, such as is_demo)."""
        values = {name: getattr(self, name) for name in _OPPORTUNITY_FIELDS}
        return Opportunity(**values, slug=self.slug, **extra)


_OPPORTUNITY_FIELDS = tuple(f.name for f in fields(Listing) if f.name != "skill_ids")


def _term(start: date) -> str:
    """The academic term a start date falls in, as postings name it ("Summer 2027")."""
    season = "Spring" if start.month <= 5 else "Summer" if start.month <= 8 else "Fall"
    return f"{season} {start.year}"


def demo_schedule(rng: random.Random, *, today: date, now: datetime) -> Schedule:
    """The demo's: most deadlines ahead (a few listings still drafts), some passed (half of
    those closed), published up to 60 days ago."""
    if rng.random() < 0.85:
        deadline = today + timedelta(days=rng.randint(1, 120))
        status = Status.DRAFT if rng.random() < 0.04 else Status.PUBLISHED
    else:
        deadline = today - timedelta(days=rng.randint(1, 60))
        status = Status.CLOSED if rng.random() < 0.5 else Status.PUBLISHED
    published_at = None
    if status != Status.DRAFT:
        published_at = now - timedelta(days=rng.randint(0, 60), seconds=rng.randint(0, 86_399))
    closed_at = None
    if status == Status.CLOSED:
        closed_at = timezone.make_aware(
            datetime.combine(deadline + timedelta(days=1), datetime.min.time())
        )
    return Schedule(deadline, status, published_at, closed_at)


def generate_listing(
    rng: random.Random, n: int, sources: DemoSources, today: date, now: datetime
) -> tuple[Opportunity, list[int]]:
    """The demo's listing number `n` (an unsaved, demo-flagged `Opportunity`) and its skill ids."""
    listing = draw_listing(rng, n, sources, schedule=partial(demo_schedule, today=today, now=now))
    return listing.opportunity(is_demo=True), listing.skill_ids


def draw_listing(
    rng: random.Random,
    n: int,
    sources: DemoSources,
    *,
    schedule: Callable[[random.Random], Schedule],
) -> Listing:
    """Listing number `n` (n only varies the application link and the sponsorship wording).

    `schedule` draws its deadline and status from `rng`, once, midway through: the demo's
    `demo_schedule`, or the benchmark's, which decides which listings are open. The start date
    and terms follow from the deadline it gives.
    """
    fmt = rng.choices(sources.formats, cum_weights=sources.format_cum_weights)[0]
    org = rng.choices(sources.organizations, cum_weights=sources.organization_cum_weights)[0]
    industry_slug = org.industry.slug if rng.random() < 0.9 else rng.choice(INDUSTRY_SLUGS)
    industry = sources.industries[industry_slug]
    family = Family(fmt.family)
    kind = "tasks" if family == Family.MICRO else "roles"
    topic, topic_skills = rng.choice(TOPICS[industry_slug, kind, rng.random() < DATA_SHARE])

    if family == Family.MICRO:
        title = topic
    elif family == Family.HYBRID:
        title = f"{topic} {fmt.name.lower()}"
    else:
        title = f"{topic} intern"
    skill_slugs = list(topic_skills)
    if rng.random() < 0.5:
        skill_slugs.append(rng.choice(GENERAL_SKILLS))
    skill_ids = sorted({sources.skills[s] for s in skill_slugs if s in sources.skills})

    hours_low = rng.randint(
        fmt.weekly_hours_min, (fmt.weekly_hours_min + fmt.weekly_hours_max) // 2
    )
    hours_high = rng.randint(hours_low, fmt.weekly_hours_max)
    fitting = sources.durations[fmt.slug]
    weeks = rng.choice(fitting) if fitting else fmt.weeks_min
    total_hours = None
    if family == Family.MICRO:
        typical = round(float(weeks) * (hours_low + hours_high) / 2)
        total_hours = min(max(typical, fmt.total_hours_min), fmt.total_hours_max)
        if rng.random() < 0.4:
            weeks = None  # some short listings state only the total effort

    kinds, weights = PAY[CompensationModel(fmt.compensation_model)]
    pay = rng.choices(kinds, weights)[0]
    if pay == Compensation.HOURLY:
        amount = Decimal(rng.randint(32, 64)) / 2  # $16.00–$32.00 an hour
    elif pay == Compensation.FIXED_FEE:
        effort = total_hours or float(weeks or 1) * hours_high
        amount = Decimal(max(50, round(effort * rng.randint(18, 30) / 25) * 25))
    elif pay == Compensation.STIPEND:
        amount = Decimal(rng.randint(6, 24) * 250)
    else:
        amount = None

    modes, mode_weights = WORK_MODES[family]
    work_mode = rng.choices(modes, mode_weights)[0]
    if fmt.slug == "remote-micro-engagement":
        work_mode = WorkMode.REMOTE
    locations = (
        ["Remote"] if work_mode == WorkMode.REMOTE else [sources.organization_cities[org.pk]]
    )

    when = schedule(rng)
    start_date = when.deadline + timedelta(days=rng.randint(7, 30)) if rng.random() < 0.7 else None
    # Derived, not drawn, so the random stream (and every other value) stays as it was.
    terms = [_term(start_date)] if start_date and family != Family.MICRO else []
    sponsorship = SPONSORSHIP[n % len(SPONSORSHIP)] if family == Family.INTERNSHIP else ""

    words = {
        "org": org.name,
        "task": topic[0].lower() + topic[1:],
        "role": topic.lower(),
        "industry": industry.name.lower(),
    }
    summary = rng.choice(SUMMARIES[family]).format(**words)
    skill_names = ", ".join(s.replace("-", " ") for s in skill_slugs[:3])
    description = rng.choice(DESCRIPTIONS).format(scope=SCOPES[family], skills=skill_names, **words)
    if rng.random() < 0.7:
        apply_url, apply_instructions = f"{org.website}/careers/{n + 1}", ""
    else:
        apply_url = ""
        apply_instructions = (
            f"E-mail a short note about yourself and your résumé to "
            f"careers@{org.slug}.example.org, with “{title}” in the subject line."
        )

    return Listing(
        title=title,
        organization=org,
        format=fmt,
        industry=industry,
        summary=summary[:300],
        description=description,
        work_mode=work_mode,
        locations=locations,
        terms=terms,
        sponsorship=sponsorship,
        is_remote=remote_possible(work_mode, locations),
        weekly_hours_min=hours_low,
        weekly_hours_max=hours_high,
        duration_weeks=weeks,
        total_hours=total_hours,
        start_date=start_date,
        deadline=when.deadline,
        compensation_type=pay,
        compensation_amount=amount,
        apply_url=apply_url,
        apply_instructions=apply_instructions,
        status=when.status,
        published_at=when.published_at,
        closed_at=when.closed_at,
        skill_ids=skill_ids,
    )
