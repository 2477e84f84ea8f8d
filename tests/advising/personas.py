"""The persona suite's students and the open listings they are advised from.

Each persona is the kind of student an experienced advisor sees, written as data: the answers of
the profile form, availability windows (weeks from today, so the suite never goes stale), the
exposure log and accepted recommendation lines. `stored_profile` makes one a stored student (the
pages' path: `advise_student`); `contract_document` writes one as a `suggest_mix --profile`
document (`bench/advice_quality.py` measures both the engine of this tree and an older one with
it). `seed_listings` makes the open listings: every seeded format in most industries, work modes
and kinds of pay, each in a light and a heavy version, with gaps an advisor meets in real
catalogues (no government internships, few engineering micro formats).

Only fields every version of the listing model has are set, so that the same listings can be
seeded under an older tree for a before/after measurement.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from tests.advising.persona_data import (  # noqa: F401 (PERSONAS is read from here too)
    ENGINEERING_SHORT,
    INDUSTRIES,
    PAY,
    PERSONAS,
    WORK_MODES,
)


def window_dates(window: dict, today: datetime.date) -> tuple[datetime.date | None, ...]:
    if window["at"] is None:
        return None, None
    starts = today + datetime.timedelta(weeks=window["at"])
    return starts, starts + datetime.timedelta(days=round(window["weeks"] * 7) - 1)


def contract_document(persona: dict, today: datetime.date, *, older: bool = False) -> dict:
    """The persona as a `suggest_mix --profile` document. `older`: only what the contract
    accepted before issue 15 (no kinds, dates, paid-work answer or commitments)."""
    document = dict(persona["profile"])
    windows = []
    for window in persona["windows"]:
        item = {k: window[k] for k in ("label", "weeks", "weekly_hours")}
        starts, ends = window_dates(window, today)
        if not older:
            if window["kind"]:
                item["kind"] = window["kind"]
            if starts:
                item |= {"starts_on": starts.isoformat(), "ends_on": ends.isoformat()}
        windows.append(item)
    document["windows"] = windows
    document["history"] = [
        {k: p[k] for k in ("format", "industry", "hours")} for p in persona.get("history", [])
    ]
    if older:
        document.pop("can_be_paid", None)
    else:
        document["commitments"] = [
            {
                "label": o["title"],
                "weekly_hours": round(
                    o["hours"] / (o["started_weeks_ago"] + o["ends_in_weeks"]), 1
                ),
                "starts_on": (today - datetime.timedelta(weeks=o["started_weeks_ago"])).isoformat(),
                "ends_on": (today + datetime.timedelta(weeks=o["ends_in_weeks"])).isoformat(),
            }
            for o in persona.get("ongoing", [])
        ]
    return document


def stored_profile(persona: dict, today: datetime.date):
    """The persona as a stored student, as the profile form and the exposure log leave one."""
    from advising.models import (
        AvailabilityWindow,
        Experience,
        Recommendation,
        RecommendationItem,
        RecommendationStatus,
    )
    from opportunities.models import Format, Industry, Skill
    from tests.factories import StudentProfileFactory

    answers = dict(persona["profile"])
    industries = [Industry.objects.get(slug=s) for s in answers.pop("target_industries", [])]
    skills = [Skill.objects.get(slug=s) for s in answers.pop("skills_to_build", [])]
    profile = StudentProfileFactory(target_industries=industries, skills_to_build=skills, **answers)
    windows = []
    for window in persona["windows"]:
        starts, ends = window_dates(window, today)
        windows.append(
            AvailabilityWindow.objects.create(
                profile=profile,
                label=window["label"],
                kind=window["kind"],
                weeks=Decimal(str(window["weeks"])),
                weekly_hours=window["weekly_hours"],
                starts_on=starts,
                ends_on=ends,
            )
        )
    for p in persona.get("history", []):
        started = today - datetime.timedelta(weeks=p["weeks_ago"])
        Experience.objects.create(
            profile=profile,
            title=f"{p['format']} in {p['industry']}",
            organization_name="Somewhere",
            format=Format.objects.get(slug=p["format"]),
            industry=Industry.objects.get(slug=p["industry"]),
            hours=p["hours"],
            started_on=started,
            ended_on=started + datetime.timedelta(weeks=10),
        )
    for o in persona.get("ongoing", []):
        Experience.objects.create(
            profile=profile,
            title=o["title"],
            organization_name="Campus",
            format=Format.objects.get(slug=o["format"]) if o["format"] else None,
            hours=o["hours"],
            started_on=today - datetime.timedelta(weeks=o["started_weeks_ago"]),
            ended_on=today + datetime.timedelta(weeks=o["ends_in_weeks"]),
        )
    if persona.get("accepted"):
        recommendation = Recommendation.objects.create(
            profile=profile,
            next_step="Start with the first one.",
            status=RecommendationStatus.ACCEPTED,
            shared_at=timezone.now(),
            responded_at=timezone.now(),
        )
        for line in persona["accepted"]:
            window = windows[line["window"]]
            RecommendationItem.objects.create(
                recommendation=recommendation,
                window=window,
                window_label=window.label,
                format=Format.objects.get(slug=line["format"]),
                count=line["count"],
            )
    return profile


def seed_listings(today: datetime.date) -> int:
    """The open listings the personas are advised from (see the module's docstring)."""
    from opportunities.models import Format, Industry, Opportunity, Organization, Status

    organization, _ = Organization.objects.get_or_create(
        slug="persona-employer", defaults={"name": "Persona Employer"}
    )
    industries = {i.slug: i for i in Industry.objects.filter(slug__in=INDUSTRIES)}
    rows, n = [], 0
    for fmt in Format.objects.filter(is_active=True).order_by("display_order"):
        short = fmt.weeks_max <= 4
        for slug in INDUSTRIES:
            if (
                slug == "engineering"
                and fmt.family == "micro"
                and fmt.slug not in ENGINEERING_SHORT
            ):
                continue
            for mode in WORK_MODES:
                for pay in PAY:
                    for heavy in (False, True):
                        n += 1
                        weekly = int(fmt.weekly_hours_max if heavy else fmt.weekly_hours_min) or 1
                        rows.append(
                            Opportunity(
                                title=f"{fmt.name}, {slug}, {mode}, {pay}, {n}",
                                slug="persona-listing",
                                organization=organization,
                                format=fmt,
                                industry=industries[slug],
                                summary="A listing of the persona suite.",
                                description="Real work on a real project.",
                                work_mode=mode,
                                weekly_hours_min=weekly,
                                weekly_hours_max=max(weekly, int(fmt.weekly_hours_max)),
                                duration_weeks=None
                                if short
                                else (fmt.weeks_max if heavy else fmt.weeks_min),
                                total_hours=(
                                    int(fmt.total_hours_max if heavy else fmt.total_hours_min) or 1
                                )
                                if short
                                else None,
                                deadline=today + datetime.timedelta(days=10 + n % 100),
                                compensation_type=pay,
                                apply_url="https://apply.example.org/persona",
                                status=Status.PUBLISHED,
                                published_at=timezone.now(),
                            )
                        )
    Opportunity.objects.bulk_create(rows)
    return len(rows)
