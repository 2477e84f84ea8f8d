"""The listing generator: believable listings drawn from the vocabulary and the catalogue rows
(formats, industries, skills) as admins curate them."""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from ..models import (
    Compensation,
    CompensationModel,
    Family,
    Format,
    Industry,
    Opportunity,
    Organization,
    Skill,
    Status,
    WorkMode,
    has_remote_location,
    listing_slug,
    organization_key,
)
from .vocabulary import (
    CONTENT,
    DATA_SHARE,
    DESCRIPTIONS,
    DURATIONS,
    FORMAT_WEIGHTS,
    GENERAL_SKILLS,
    ORGANIZATIONS,
    PAY,
    SCOPES,
    SPONSORSHIP,
    SUMMARIES,
    WORK_MODES,
)


def _term(start: date) -> str:
    """The academic term a start date falls in, as postings name it ("Summer 2027")."""
    season = "Spring" if start.month <= 5 else "Summer" if start.month <= 8 else "Fall"
    return f"{season} {start.year}"


def _org_slug(name: str) -> str:
    return listing_slug(name.replace("&", "and"))


@dataclass
class DemoSources:
    """The rows the demo draws listings from: active formats, industries, skills and the demo's
    organizations (created when missing), with the shares each gets."""

    formats: list[Format]
    format_weights: list[int]
    industries: dict[str, Industry]
    skills: dict[str, int]
    organizations: list[Organization]
    organization_weights: list[int]
    organization_cities: dict[int, str]


def _ensure_organizations() -> tuple[list[Organization], list[int], dict[int, str]]:
    industries = {i.slug: i for i in Industry.objects.all()}
    Organization.objects.bulk_create(
        [
            Organization(
                name=name,
                slug=_org_slug(name),
                name_key=organization_key(name),  # bulk_create() skips save(), which derives it
                website=f"https://{_org_slug(name)}.example.org",
                description=f"{name} is a fictional {industries[industry].name.lower()} "
                f"organization based in {city}, used in the demo.",
                industry=industries[industry],
                is_verified=weight > 1,
                is_demo=True,
            )
            for name, industry, city, weight in ORGANIZATIONS
        ],
        ignore_conflicts=True,
    )
    by_slug = Organization.objects.select_related("industry").in_bulk(
        [_org_slug(name) for name, *_ in ORGANIZATIONS], field_name="slug"
    )
    organizations = [by_slug[_org_slug(name)] for name, *_ in ORGANIZATIONS]
    weights = [weight for *_, weight in ORGANIZATIONS]
    cities = {
        org.pk: city for org, (_, _, city, _) in zip(organizations, ORGANIZATIONS, strict=True)
    }
    return organizations, weights, cities


def read_sources() -> DemoSources:
    formats = list(Format.objects.active().order_by("display_order", "pk"))
    organizations, weights, cities = _ensure_organizations()
    return DemoSources(
        formats=formats,
        # Formats an admin added later still get a share.
        format_weights=[FORMAT_WEIGHTS.get(f.slug, 5) for f in formats],
        industries={i.slug: i for i in Industry.objects.all()},
        skills=dict(Skill.objects.values_list("slug", "pk")),
        organizations=organizations,
        organization_weights=weights,
        organization_cities=cities,
    )


def generate_listing(
    rng: random.Random, n: int, sources: DemoSources, today: date, now: datetime
) -> tuple[Opportunity, list[int]]:
    """Listing number `n` and its skill ids (n only varies the application link)."""
    fmt = rng.choices(sources.formats, sources.format_weights)[0]
    org = rng.choices(sources.organizations, sources.organization_weights)[0]
    industry_slug = org.industry.slug if rng.random() < 0.9 else rng.choice(sorted(CONTENT))
    industry = sources.industries[industry_slug]
    family = Family(fmt.family)
    pool = CONTENT[industry_slug]["tasks" if family == Family.MICRO else "roles"]
    wants_data = rng.random() < DATA_SHARE
    pool = [entry for entry in pool if ("data" in entry[0].lower()) == wants_data]
    topic, topic_skills = rng.choice(pool)

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
    fitting = [w for w in DURATIONS if fmt.weeks_min <= w <= fmt.weeks_max]
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
    start_date = deadline + timedelta(days=rng.randint(7, 30)) if rng.random() < 0.7 else None
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

    listing = Opportunity(
        title=title,
        slug=listing_slug(title),
        organization=org,
        format=fmt,
        industry=industry,
        summary=summary[:300],
        description=description,
        work_mode=work_mode,
        locations=locations,
        terms=terms,
        sponsorship=sponsorship,
        is_remote=work_mode == WorkMode.REMOTE or has_remote_location(locations),
        weekly_hours_min=hours_low,
        weekly_hours_max=hours_high,
        duration_weeks=weeks,
        total_hours=total_hours,
        start_date=start_date,
        deadline=deadline,
        compensation_type=pay,
        compensation_amount=amount,
        apply_url=apply_url,
        apply_instructions=apply_instructions,
        status=status,
        published_at=published_at,
        closed_at=closed_at,
        is_demo=True,
    )
    return listing, skill_ids
