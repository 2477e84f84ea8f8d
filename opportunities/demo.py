"""Demo listings for `make run`, and the same generator at benchmark scale.

`seed_listings(count=300, seed=2026)` creates believable listings from a few dozen fictional
organizations (a handful of them own most listings), across all formats and industries, with
hours, durations and pay inside each format's typical ranges (read from the Format rows, so
they follow what admins curate). About 15 % of listings mention data (title and skills), so a
search for "data" is a realistic broad query. Dates are relative to today: most deadlines are
ahead, some have passed.

The same `seed` gives the same listings in the same order, and running it again only tops
up to `count`, so `make run` never duplicates anything. Rows are written with bulk inserts in
batches (listings, then their skills), and the search column is filled by one UPDATE at the
end, so 100 000 listings take about a minute on PostgreSQL.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from notifications.models import Kind, Notification

from .alerts import normalized_query
from .models import (
    Compensation,
    CompensationModel,
    Family,
    Format,
    Industry,
    Opportunity,
    Organization,
    SavedSearch,
    Skill,
    Status,
    WorkMode,
    has_remote_location,
    listing_slug,
    organization_key,
)

BATCH_SIZE = 2000
DATA_SHARE = 0.15

# name, industry slug, city, relative share of the listings (a few big posters, a long tail)
ORGANIZATIONS = [
    ("Northwind Systems", "technology", "Seattle, WA", 40),
    ("Brightpath Health", "healthcare", "Boston, MA", 30),
    ("Keystone Savings Bank", "finance", "Philadelphia, PA", 24),
    ("Lumen Media Group", "media", "New York, NY", 20),
    ("City of Riverton", "government", "Riverton, OH", 16),
    ("Open Meadow Foundation", "nonprofit", "Denver, CO", 12),
    ("Copperleaf Marketing", "marketing", "Chicago, IL", 10),
    ("Granite Bridge Engineering", "engineering", "Pittsburgh, PA", 8),
    ("Fernhill Learning", "education", "Austin, TX", 8),
    ("Studio Tandem", "design", "Portland, OR", 7),
    ("Bluefin Software", "technology", "Austin, TX", 6),
    ("Harborview Clinic", "healthcare", "Baltimore, MD", 5),
    ("Ledgerline Partners", "finance", "Charlotte, NC", 5),
    ("Pinecrest School District", "education", "Madison, WI", 4),
    ("Signal & Story", "media", "Atlanta, GA", 4),
    ("Greenway Transit Authority", "government", "Minneapolis, MN", 4),
    ("Tidewater Conservancy", "nonprofit", "Norfolk, VA", 3),
    ("Orbit Labs", "technology", "San Jose, CA", 3),
    ("Maple Street Creative", "design", "Providence, RI", 3),
    ("Summit Structural", "engineering", "Salt Lake City, UT", 3),
    ("Cardinal Credit Union", "finance", "St. Louis, MO", 2),
    ("Sunrise Community Health", "healthcare", "Phoenix, AZ", 2),
    ("Wildflower Books", "marketing", "Asheville, NC", 2),
    ("Lakeside Public Library", "government", "Cleveland, OH", 2),
    ("Kindling Youth Network", "nonprofit", "Detroit, MI", 2),
    ("Quarry Hill Robotics", "engineering", "Worcester, MA", 2),
    ("Paper Lantern Press", "media", "Brooklyn, NY", 1),
    ("Ridgeback Outdoor Co.", "marketing", "Boulder, CO", 1),
    ("Corner Table Café", "marketing", "Burlington, VT", 1),
    ("Evergreen Tutoring", "education", "Eugene, OR", 1),
    ("Foxglove Design Studio", "design", "Savannah, GA", 1),
    ("Beacon Legal Aid", "nonprofit", "Newark, NJ", 1),
]

# Per industry: roles (for internships and hybrids) and tasks (for the short formats), each
# with the skills it uses. Entries whose title says "data" are the only ones with data skills.
CONTENT = {
    "technology": {
        "roles": [
            ("Software engineering", ["python", "web-development", "qa-testing"]),
            ("Data engineering", ["python", "sql", "data-analysis"]),
            ("Product management", ["product-management", "ux-research", "communication"]),
            ("Cloud operations", ["cloud-computing", "python", "problem-solving"]),
            ("Security operations", ["cybersecurity", "research", "problem-solving"]),
        ],
        "tasks": [
            ("Write test cases for a mobile app release", ["qa-testing", "writing"]),
            ("Build a landing page prototype", ["web-development", "javascript"]),
            ("Clean and chart app usage data", ["data-analysis", "data-visualization", "sql"]),
            ("Review an onboarding flow with five users", ["ux-research", "customer-research"]),
            ("Document a public API", ["writing", "web-development"]),
            ("Audit a website for accessibility problems", ["web-development", "qa-testing"]),
            ("Automate a spreadsheet report with Python", ["python", "excel"]),
        ],
    },
    "finance": {
        "roles": [
            ("Financial analysis", ["financial-modeling", "excel", "accounting"]),
            ("Risk data analysis", ["data-analysis", "statistics", "sql"]),
            ("Audit", ["accounting", "excel", "teamwork"]),
            ("Client services", ["communication", "sales", "customer-research"]),
        ],
        "tasks": [
            ("Build a cash-flow model for a small business", ["financial-modeling", "excel"]),
            ("Reconcile a quarter of expense records", ["accounting", "excel"]),
            ("Summarize a competitor's annual report", ["research", "writing"]),
            ("Analyze loan application data for trends", ["data-analysis", "statistics"]),
            (
                "Prepare a pitch deck on a fintech market",
                ["presentation-design", "market-research"],
            ),
            ("Compare budgeting apps for a student guide", ["research", "writing"]),
        ],
    },
    "marketing": {
        "roles": [
            ("Digital marketing", ["digital-marketing", "social-media", "content-strategy"]),
            ("Brand and content", ["copywriting", "content-strategy", "social-media"]),
            ("Marketing data analysis", ["data-analysis", "digital-marketing", "excel"]),
            ("Market research", ["market-research", "customer-research", "statistics"]),
        ],
        "tasks": [
            ("Plan a month of social media posts", ["social-media", "copywriting"]),
            ("Run a keyword audit for a small shop", ["seo", "digital-marketing"]),
            ("Write three product descriptions", ["copywriting"]),
            ("Survey 50 customers and report the findings", ["customer-research", "research"]),
            ("Analyze campaign data from an email newsletter", ["data-analysis", "excel"]),
            ("Map the competitors of a new café", ["market-research", "research"]),
        ],
    },
    "healthcare": {
        "roles": [
            ("Health services administration", ["project-management", "communication", "excel"]),
            ("Clinical research", ["research", "statistics", "writing"]),
            ("Public health data analysis", ["data-analysis", "statistics", "python"]),
            ("Patient experience", ["customer-research", "communication", "community-outreach"]),
        ],
        "tasks": [
            ("Update a clinic's patient information leaflets", ["writing", "graphic-design"]),
            ("Summarize recent studies on sleep and exams", ["research", "writing"]),
            ("Clean a vaccination data set for reporting", ["data-analysis", "excel"]),
            ("Plan a community health fair", ["event-planning", "community-outreach"]),
            ("Translate discharge instructions into Spanish", ["translation", "writing"]),
            ("Map wheelchair access across a hospital campus", ["research", "community-outreach"]),
        ],
    },
    "education": {
        "roles": [
            ("Teaching assistant", ["teaching", "public-speaking", "communication"]),
            ("Learning design", ["content-strategy", "writing", "ux-research"]),
            ("Education data analysis", ["data-analysis", "statistics", "excel"]),
            ("Student outreach", ["community-outreach", "event-planning", "social-media"]),
        ],
        "tasks": [
            ("Tutor a small algebra group online", ["teaching"]),
            ("Record a short explainer video", ["video-editing", "public-speaking"]),
            ("Design worksheets for a science unit", ["graphic-design", "teaching"]),
            ("Analyze course feedback data", ["data-analysis", "excel"]),
            ("Proofread a course handbook", ["writing"]),
            ("Organize a campus open day", ["event-planning", "communication"]),
        ],
    },
    "nonprofit": {
        "roles": [
            ("Fundraising", ["fundraising", "communication", "grant-writing"]),
            ("Program coordination", ["project-management", "community-outreach", "teamwork"]),
            ("Impact data analysis", ["data-analysis", "data-visualization", "excel"]),
            ("Volunteer management", ["community-outreach", "event-planning", "communication"]),
        ],
        "tasks": [
            ("Draft a section of a grant application", ["grant-writing", "writing"]),
            ("Research local funders", ["research", "fundraising"]),
            ("Create a donor thank-you video", ["video-editing"]),
            ("Build a dashboard of donation data", ["data-visualization", "data-analysis"]),
            ("Plan a volunteer recruitment drive", ["community-outreach", "social-media"]),
            ("Translate a flyer into French", ["translation"]),
        ],
    },
    "design": {
        "roles": [
            ("Graphic design", ["graphic-design", "presentation-design", "communication"]),
            ("UX design", ["ux-research", "web-development", "customer-research"]),
            ("Motion and video", ["video-editing", "graphic-design", "content-strategy"]),
            ("Data visualization design", ["data-visualization", "graphic-design"]),
        ],
        "tasks": [
            ("Redesign a community group's logo", ["graphic-design"]),
            ("Run five usability tests on a prototype", ["ux-research", "customer-research"]),
            ("Design an infographic from survey data", ["data-visualization", "graphic-design"]),
            ("Create social media templates", ["graphic-design", "social-media"]),
            ("Lay out a 12-page annual report", ["graphic-design", "presentation-design"]),
            ("Edit a 60-second product video", ["video-editing"]),
        ],
    },
    "engineering": {
        "roles": [
            ("Mechanical engineering", ["cad", "problem-solving", "project-management"]),
            ("Civil engineering", ["cad", "project-management", "teamwork"]),
            ("Sensor data engineering", ["data-analysis", "python", "statistics"]),
            ("Manufacturing quality", ["statistics", "problem-solving", "excel"]),
        ],
        "tasks": [
            ("Model a mounting bracket in CAD", ["cad"]),
            ("Write a test plan for a prototype pump", ["qa-testing", "writing"]),
            ("Analyze sensor data from a test rig", ["data-analysis", "python"]),
            ("Compare three suppliers' specifications", ["research", "excel"]),
            ("Draw up a site safety checklist", ["writing", "project-management"]),
            ("Estimate the energy use of a lab", ["excel", "problem-solving"]),
        ],
    },
    "media": {
        "roles": [
            ("Journalism", ["writing", "research", "communication"]),
            ("Video production", ["video-editing", "content-strategy", "teamwork"]),
            ("Audience growth", ["social-media", "digital-marketing", "content-strategy"]),
            ("Data journalism", ["data-analysis", "data-visualization", "writing"]),
        ],
        "tasks": [
            ("Fact-check a long-form article", ["research", "writing"]),
            ("Cut a podcast episode into short clips", ["video-editing"]),
            ("Write headlines for ten stories", ["copywriting", "writing"]),
            ("Chart election data for an explainer", ["data-visualization", "data-analysis"]),
            ("Transcribe and caption two interviews", ["writing", "translation"]),
            ("Schedule a week of newsletter content", ["content-strategy", "social-media"]),
        ],
    },
    "government": {
        "roles": [
            ("Policy analysis", ["policy-analysis", "research", "writing"]),
            ("Public administration", ["project-management", "communication", "excel"]),
            ("Open data analysis", ["data-analysis", "sql", "data-visualization"]),
            ("Community engagement", ["community-outreach", "public-speaking", "event-planning"]),
        ],
        "tasks": [
            ("Summarize public comments on a bike-lane plan", ["policy-analysis", "writing"]),
            ("Analyze service-request data from the city hotline", ["data-analysis", "sql"]),
            ("Draft a plain-language guide to a local benefit", ["writing", "communication"]),
            ("Survey residents about library hours", ["customer-research", "community-outreach"]),
            ("Benchmark permit fees in five cities", ["research", "excel", "policy-analysis"]),
            ("Prepare slides for a council briefing", ["presentation-design", "public-speaking"]),
        ],
    },
}

GENERAL_SKILLS = ["communication", "teamwork", "problem-solving"]

SUMMARIES = {
    Family.MICRO: [
        "{org} needs a student to {task}. A clear brief and a self-contained piece of work.",
        "Help {org} {task}, on your own schedule, with feedback from the team.",
        "A short project for {org}: {task}. A good first step into {industry}.",
    ],
    Family.HYBRID: [
        "A run of short {role} assignments at {org}, arranged around your timetable.",
        "Join {org} for a few weeks of {role} work, in pieces that fit your term.",
    ],
    Family.INTERNSHIP: [
        "Join the {role} team at {org} and work on its real projects for a term.",
        "A {role} internship at {org}, with a mentor, a team and projects that ship.",
    ],
}

DESCRIPTIONS = [
    "You will work with a small team at {org} in {industry}. {scope}\n\n"
    "Skills you will use: {skills}. You get a named contact, a short kick-off call and "
    "feedback on what you deliver.",
    "{org} works in {industry}. {scope}\n\n"
    "We are looking for someone curious and organized. You will use {skills}, and you can "
    "ask questions at any time.",
]

SCOPES = {
    Family.MICRO: "The work is one well-defined deliverable, agreed at the start.",
    Family.HYBRID: "The work comes as a few short assignments, each with its own goal.",
    Family.INTERNSHIP: "You take part in the team's day-to-day work and one larger project.",
}

# Durations people actually advertise: half a day, days, then whole weeks. Each listing picks
# one inside its format's typical range (repeats make the common lengths more likely).
DAYS = ("0.1", "0.2", "0.2", "0.4", "0.4", "0.6", "0.8")
WEEKS = (1, 1, 2, 2, 3, 4, 4, 5, 6, 8, 8, 10, 10, 12, 12, 12, 14, 16, 20, 24, 26)
DURATIONS = [Decimal(d) for d in (*DAYS, *WEEKS)]

WORK_MODES = {
    Family.MICRO: ([WorkMode.REMOTE, WorkMode.HYBRID, WorkMode.ONSITE], [70, 15, 15]),
    Family.HYBRID: ([WorkMode.REMOTE, WorkMode.HYBRID, WorkMode.ONSITE], [40, 40, 20]),
    Family.INTERNSHIP: ([WorkMode.ONSITE, WorkMode.HYBRID, WorkMode.REMOTE], [45, 40, 15]),
}

PAY = {
    CompensationModel.PER_TASK: (
        [Compensation.FIXED_FEE, Compensation.HOURLY],
        [85, 15],
    ),
    CompensationModel.PAID: ([Compensation.HOURLY, Compensation.STIPEND], [70, 30]),
    CompensationModel.PAID_OR_CREDIT: (
        [Compensation.HOURLY, Compensation.STIPEND, Compensation.CREDIT, Compensation.UNPAID],
        [55, 15, 20, 10],
    ),
    CompensationModel.VARIES: (
        [
            Compensation.HOURLY,
            Compensation.FIXED_FEE,
            Compensation.STIPEND,
            Compensation.CREDIT,
            Compensation.UNPAID,
        ],
        [40, 25, 15, 15, 5],
    ),
}

FORMAT_WEIGHTS = {
    "internship": 18,
    "micro-internship": 16,
    "project-based-micro-internship": 9,
    "remote-micro-engagement": 8,
    "flexternship": 7,
    "nano-internship": 7,
    "skill-burst-internship": 6,
    "flashternship": 6,
    "experiential-sprint": 6,
    "modular-internship": 6,
    "just-in-time-internship": 6,
    "gigternship": 5,
}


# What the demo's internships say about visa sponsorship, in turn (most say nothing).
SPONSORSHIP = ["", "offers", "", "does_not_offer", "", "citizenship_required"]


def _term(start: date) -> str:
    """The academic term a start date falls in, as postings name it ("Summer 2027")."""
    season = "Spring" if start.month <= 5 else "Summer" if start.month <= 8 else "Fall"
    return f"{season} {start.year}"


def _org_slug(name: str) -> str:
    return listing_slug(name.replace("&", "and"))


@dataclass
class _Catalogue:
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


def _load_catalogue() -> _Catalogue:
    formats = list(Format.objects.active().order_by("display_order", "pk"))
    organizations, weights, cities = _ensure_organizations()
    return _Catalogue(
        formats=formats,
        # Formats an admin added later still get a share.
        format_weights=[FORMAT_WEIGHTS.get(f.slug, 5) for f in formats],
        industries={i.slug: i for i in Industry.objects.all()},
        skills=dict(Skill.objects.values_list("slug", "pk")),
        organizations=organizations,
        organization_weights=weights,
        organization_cities=cities,
    )


def _generate(
    rng: random.Random, n: int, cat: _Catalogue, today: date, now: datetime
) -> tuple[Opportunity, list[int]]:
    """Listing number `n` and its skill ids (n only varies the application link)."""
    fmt = rng.choices(cat.formats, cat.format_weights)[0]
    org = rng.choices(cat.organizations, cat.organization_weights)[0]
    industry_slug = org.industry.slug if rng.random() < 0.9 else rng.choice(sorted(CONTENT))
    industry = cat.industries[industry_slug]
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
    skill_ids = sorted({cat.skills[s] for s in skill_slugs if s in cat.skills})

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
    locations = ["Remote"] if work_mode == WorkMode.REMOTE else [cat.organization_cities[org.pk]]

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


def _batches(rows: Iterator, size: int) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _bulk_create(model, rows: list) -> list:
    return model.objects.bulk_create(rows)


def _copy(model, rows: list) -> list:
    """PostgreSQL's COPY: the same rows as bulk_create(), several times faster.

    Ids are taken from the table's sequence first, because COPY cannot return them.
    """
    if not rows:
        return rows
    quote = connection.ops.quote_name
    table = model._meta.db_table
    fields = model._meta.concrete_fields
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, model._meta.pk.column, len(rows)],
        )
        for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
            row.pk = row.pk or pk
        columns = ", ".join(quote(field.column) for field in fields)
        copy_sql = f"COPY {quote(table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(
                    [
                        field.get_db_prep_save(field.pre_save(row, True), connection)
                        for field in fields
                    ]
                )
    for row in rows:
        row._state.adding = False
    return rows


def seed_listings(*, count: int, seed: int = 2026, today: date | None = None) -> int:
    """Top the demo listings up to `count`; returns how many were created."""
    with transaction.atomic():
        created = _seed(count=count, seed=seed, today=today or timezone.localdate())
    if created and connection.vendor == "postgresql" and not connection.in_atomic_block:
        # The search-column UPDATE leaves a dead copy of every new row behind; clean up now
        # rather than let the first searches wade through them until autovacuum comes by.
        with connection.cursor() as cursor:
            for model in (Opportunity, Opportunity.skills.through):
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return created


def _seed(*, count: int, seed: int, today: date) -> int:
    if count <= 0:
        return 0
    now = timezone.now()
    cat = _load_catalogue()
    existing = Opportunity.objects.filter(organization__in=cat.organizations).count()
    if existing >= count:
        return 0

    rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
    # Listings are generated from the start of the sequence every time, so that the n-th
    # listing is the same whether it is created now or by an earlier, smaller run.
    generated = (_generate(rng, n, cat, today, now) for n in range(count))
    fresh = (item for n, item in enumerate(generated) if n >= existing)
    Through = Opportunity.skills.through
    insert = _copy if connection.vendor == "postgresql" else _bulk_create
    created = 0
    for batch in _batches(fresh, BATCH_SIZE):
        listings = insert(Opportunity, [listing for listing, _ in batch])
        insert(
            Through,
            [
                Through(opportunity_id=listing.pk, skill_id=skill_id)
                for listing, (_, skill_ids) in zip(listings, batch, strict=True)
                for skill_id in skill_ids
            ],
        )
        created += len(listings)

    Opportunity.objects.filter(search_vector__isnull=True).update_search_vector()
    return created


# --- the demo student's saved searches -------------------------------------------------------

DEMO_SEARCHES = (
    # name, query, alert
    ("Paid remote projects", "work_mode=remote&paid=1&family=micro", "daily"),
    ("Marketing internships", "format=internship&industry=marketing", "weekly"),
)


@transaction.atomic
def create_demo_searches(student) -> None:
    """Two saved searches for the demo student, and the in-app alert the first one would have
    made this morning, so a newcomer sees the bell, the notification and the searches page."""
    for name, query, cadence in DEMO_SEARCHES:
        SavedSearch.objects.get_or_create(
            user=student,
            name=name,
            defaults={
                "query": normalized_query(query),
                "cadence": cadence,
                "alerts_from": timezone.now(),
            },
        )
    search = SavedSearch.objects.get(user=student, name=DEMO_SEARCHES[0][0])
    newest = list(
        Opportunity.objects.open()
        .filter(work_mode="remote", format__family="micro")
        .paid()
        .select_related("organization")
        .order_by("-published_at", "-id")[:3]
    )
    if newest:
        Notification.objects.get_or_create(
            user=student,
            key="demo:first-alert",
            defaults={
                "kind": Kind.SEARCH_ALERT,
                "title": f"{len(newest)} new listings for “{search.name}”",
                "body": "\n".join(f"{o.title} ({o.organization.name})" for o in newest),
                "url": search.get_absolute_url(),
            },
        )
