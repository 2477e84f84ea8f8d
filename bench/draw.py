"""Drawing the benchmark's rows, table by table, from fixed seeds (bench.seed loads them)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import TYPE_CHECKING

from bench.vocabulary import (
    COMMON_TERM,
    FIRST_NAMES,
    HYDROLOGY_SENTENCE,
    LAST_NAMES,
    LEVELS,
    ORG_FIRST,
    ORG_KIND,
    ORG_SECOND,
    PROGRAMMES,
    REC_STATUSES,
    SELECTIVE_SHARE,
    SELECTIVE_TERM,
    TOPICS,
    WINDOWS,
    WORDS,
)

if TYPE_CHECKING:
    from bench.seed import Tier
    from opportunities.demo import DemoSources, Schedule
    from opportunities.models import Format, Industry

PASSWORD = "bench-password"  # noqa: S105 (every seeded account, for trying pages by hand)


# --- what the draw reads from the database -------------------------------------------------


@dataclass(frozen=True)
class DrawSources:
    """What the draw reads from the database: the catalogue rows the listings refer to (as
    model instances, which the demo's listing generator reads), the role groups, and one
    password hash for every account."""

    formats: tuple[Format, ...]
    industries: tuple[Industry, ...]
    skills: dict[str, int]  # slug -> id, in id order
    groups: dict[str, int]  # role name -> group id
    password: str  # one precomputed hash for every account


def read_sources() -> DrawSources:
    """Formats, industries and skills as the data migrations seeded them (they must be there)."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from careercenter.roles import ROLES
    from opportunities.models import Format, Industry, Skill

    if not (Format.objects.exists() and Industry.objects.exists() and Skill.objects.exists()):
        raise RuntimeError("no formats, industries or skills: the data migrations did not run")
    return DrawSources(
        formats=tuple(Format.objects.active().order_by("id")),
        industries=tuple(Industry.objects.order_by("id")),
        skills=dict(Skill.objects.order_by("id").values_list("slug", "id")),
        groups=dict(Group.objects.filter(name__in=ROLES).values_list("name", "id")),
        # A fixed salt keeps the data deterministic; hashing 500 000 passwords would take hours.
        password=make_password(PASSWORD, salt="benchmarkseed"),
    )


# --- drawing the rows --------------------------------------------------------------------------


def _zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1 / (k**s) for k in range(1, n + 1)]


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, dtime(8), tzinfo=UTC) + timedelta(minutes=rng.randrange(600))


class Draw:
    """The rows of one tier, table by table, in loading order.

    `tables()` yields (table key, rows) pairs; each table's rows are a generator drawn from its
    own random stream, and a table's generator runs only after the tables it refers to have
    been consumed (they leave behind the compact facts dependants need, such as open ids).
    """

    def __init__(self, tier: Tier, catalogue: DrawSources, *, seed: int, today: date):
        self.tier, self.cat, self.seed, self.today = tier, catalogue, seed, today
        self.fixtures: dict = {"tier": tier.name}
        self.first_student_id = tier.advisors + 2  # advisors first, then one career admin
        self.profile_clarity = bytearray(tier.students)  # 0 means a blank (new) profile
        self.windows_of = bytearray(tier.students)
        self.experiences_of: list[int] = [0] * tier.students
        self.saved_of: list[int] = [0] * tier.students
        self.org_names: list[str] = []
        self.listing_sources: DemoSources | None = None  # once the organizations are drawn
        self.open_ids: list[int] = []
        self.closed_ids: list[int] = []
        self.listing_slug: list[str] = []
        self.listing_skill_ids: list[list[int]] = []
        self.industry_ids = [i.pk for i in catalogue.industries]
        self.skill_ids = list(catalogue.skills.values())
        self.common_skills = [i for slug, i in catalogue.skills.items() if "data" not in slug]

    def rng(self, table: str) -> random.Random:
        return random.Random(f"{self.seed}:{table}")

    def tables(self) -> Iterator[tuple[str, Iterable[tuple]]]:
        yield "organization", self.organizations()
        yield "opportunity", self.listings()
        yield "opportunity_skills", self.listing_skills()
        yield "user", self.users()
        yield "user_groups", self.user_groups()
        yield "profile", self.profiles()
        yield "profile_target_industries", self.profile_m2m("targets", self.industry_ids, 3)
        yield "profile_skills", self.profile_m2m("skills", self.skill_ids, 4)
        yield "profile_skills_to_build", self.profile_m2m("to_build", self.skill_ids, 3)
        yield "window", self.windows()
        yield "experience", self.experiences()
        yield "experience_skills", self.experience_skills()
        yield "saved", self.saved()
        yield "recommendation", self.recommendations()
        yield "recommendation_item", self.recommendation_items()

    # The catalogue side.

    def organizations(self) -> Iterator[tuple]:
        """The posting organizations; they also become the sources of the listings' draw."""
        from opportunities.demo import ORGANIZATIONS, DemoSources, format_weights
        from opportunities.demo.generator import INDUSTRY_SLUGS
        from opportunities.models import Organization, organization_key

        rng, taken = self.rng("organization"), set()
        cities = sorted({city for _, _, city, _ in ORGANIZATIONS})  # the demo's
        # Organizations work in an industry the listings' vocabulary has words for.
        industries = [i for i in self.cat.industries if i.slug in INDUSTRY_SLUGS]
        organizations, city_of = [], {}
        for pk in range(1, self.tier.organizations + 1):
            name = f"{rng.choice(ORG_FIRST)} {rng.choice(ORG_SECOND)} {rng.choice(ORG_KIND)}"
            if name in taken:
                name = f"{name} {pk}"
            taken.add(name)
            slug = name.lower().replace(" ", "-")
            industry, city = rng.choice(industries), rng.choice(cities)
            organization = Organization(
                pk=pk, name=name, slug=slug, website=f"https://{slug}.example.com",
                industry=industry,
            )  # fmt: skip
            organizations.append(organization)
            city_of[pk] = city
            self.org_names.append(name)
            yield (
                pk, name, slug, organization.website,
                f"{name} is a {industry.name.lower()} organization based in {city}.",
                industry.pk, rng.random() < 0.7,
                _at(self.today - timedelta(days=400 + pk % 300), rng), organization_key(name),
                False,
            )  # fmt: skip
        self.listing_sources = DemoSources(
            formats=list(self.cat.formats),
            format_weights=format_weights(self.cat.formats),
            industries={i.slug: i for i in self.cat.industries},
            skills=self.cat.skills,
            organizations=organizations,
            organization_weights=_zipf_weights(len(organizations)),
            organization_cities=city_of,
        )

    def listings(self) -> Iterator[tuple]:
        """The demo's listings (opportunities.demo.draw_listing) at the tier's scale, with the
        benchmark's own schedule: open listings spread over the ids, every other one closed,
        expired or a draft. A few open ones mention the selective term."""
        from opportunities.demo import draw_listing

        tier, sources = self.tier, self.listing_sources
        rng = self.rng("opportunity")
        total = tier.open_listings + tier.closed_listings
        common = selective = 0
        open_formats: dict[str, int] = {}
        slugs: dict[str, str] = {}  # titles repeat: a few hundred distinct ones
        for pk in range(1, total + 1):
            # Open listings spread evenly over the ids, as if closed ones were interleaved in time.
            is_open = (pk - 1) * tier.open_listings // total != pk * tier.open_listings // total
            schedule = self._open_schedule if is_open else self._closed_schedule
            listing = draw_listing(rng, pk - 1, sources, schedule=schedule)
            description = listing.description
            if rng.random() < SELECTIVE_SHARE:
                description = f"{description}\n\n{HYDROLOGY_SENTENCE}"
            if is_open:
                self.open_ids.append(pk)
                text = f"{listing.title} {listing.summary} {description}".lower()
                common += COMMON_TERM in text
                selective += SELECTIVE_TERM in text
                fmt = listing.format.slug
                open_formats[fmt] = open_formats.get(fmt, 0) + 1
            else:
                self.closed_ids.append(pk)
            slug = slugs.get(listing.title) or slugs.setdefault(listing.title, listing.slug)
            self.listing_slug.append(slug)
            self.listing_skill_ids.append(listing.skill_ids)
            if listing.published_at:  # written the day before it went out
                created = listing.published_at - timedelta(days=1)
            else:  # a draft, written a month before its deadline
                created = _at(listing.deadline - timedelta(days=30), rng)
            yield (
                pk, listing.title, slug, listing.organization.pk, listing.format.pk,
                listing.industry.pk, listing.summary, description, listing.work_mode,
                json.dumps(listing.locations), listing.weekly_hours_min, listing.weekly_hours_max,
                listing.duration_weeks, listing.total_hours, listing.start_date, listing.deadline,
                listing.compensation_type, listing.compensation_amount, listing.apply_url,
                listing.apply_instructions, listing.status, listing.published_at, listing.closed_at,
                created, created, listing.is_remote, json.dumps(listing.terms),
                listing.sponsorship, None, None, "", "", "", False,
            )  # fmt: skip
        n_open = len(self.open_ids)
        self.fixtures["listings_open"] = n_open
        self.fixtures["listings_total"] = total
        self.fixtures["common_term"] = [COMMON_TERM, round(common / n_open, 4)]
        self.fixtures["selective_term"] = [SELECTIVE_TERM, round(selective / n_open, 4)]
        # Detail pages: 50 open listings spread over the ids (and so over organizations).
        picks = self.open_ids[:: max(1, n_open // 50)][:50]
        self.fixtures["listings"] = [[pk, self.listing_slug[pk - 1]] for pk in picks]
        micro = {f.slug for f in self.cat.formats if f.family == "micro"} or set(open_formats)
        self.fixtures["format"] = max(sorted(micro & set(open_formats)), key=open_formats.get)

    def _open_schedule(self, rng: random.Random) -> Schedule:
        """Published up to four months ago; the deadline at least 21 days out, so no open
        listing expires while a cached database is reused (bench.seed.MAX_AGE_DAYS)."""
        from opportunities.demo import Schedule

        deadline = self.today + timedelta(days=rng.randint(21, 200))
        published = _at(self.today - timedelta(days=rng.randint(1, 120)), rng)
        return Schedule(deadline, "published", published, None)

    def _closed_schedule(self, rng: random.Random) -> Schedule:
        """Deadline passed up to two years ago: mostly closed, some left published (expired),
        a few drafts that never went out."""
        from opportunities.demo import Schedule

        deadline = self.today - timedelta(days=rng.randint(1, 700))
        published = _at(deadline - timedelta(days=rng.randint(14, 90)), rng)
        status = rng.choices(("closed", "published", "draft"), (60, 35, 5))[0]
        closed_at = _at(deadline, rng) if status == "closed" else None
        return Schedule(deadline, status, None if status == "draft" else published, closed_at)

    def listing_skills(self) -> Iterator[tuple]:
        for pk, skill_ids in enumerate(self.listing_skill_ids, start=1):
            for skill in skill_ids:
                yield (pk, skill)

    # The people side.

    def users(self) -> Iterator[tuple]:
        rng, tier = self.rng("user"), self.tier
        joined = _at(self.today - timedelta(days=900), rng)
        for k in range(tier.advisors):
            yield (k + 1, self.cat.password, None, False, rng.choice(FIRST_NAMES),
                   rng.choice(LAST_NAMES), f"advisor{k}@bench.example.edu", False, True,
                   joined)  # fmt: skip
        yield (tier.advisors + 1, self.cat.password, None, True, "Avery", "Admin",
               "admin@bench.example.edu", True, True, joined)  # fmt: skip
        for i in range(tier.students):
            yield (
                self.first_student_id + i, self.cat.password, None, False, rng.choice(FIRST_NAMES),
                rng.choice(LAST_NAMES), f"student{i}@bench.example.edu", False, True,
                _at(self.today - timedelta(days=rng.randint(1, 1400)), rng),
            )  # fmt: skip
        self.fixtures["advisor"] = "advisor0@bench.example.edu"
        self.fixtures["heavy_student"] = "student0@bench.example.edu"
        self.fixtures["students"] = tier.students
        self.fixtures["advisors"] = tier.advisors
        self.fixtures["caseload"] = len(range(0, tier.students, tier.advisors))

    def user_groups(self) -> Iterator[tuple]:
        groups = self.cat.groups
        for k in range(self.tier.advisors):
            yield (k + 1, groups["Advisor"])
        yield (self.tier.advisors + 1, groups["Career center admin"])
        for i in range(self.tier.students):
            yield (self.first_student_id + i, groups["Student"])

    def profiles(self) -> Iterator[tuple]:
        rng, today = self.rng("profile"), self.today
        clarities = ("", "exploring", "narrowing", "decided")
        for i in range(self.tier.students):
            power = i < self.tier.power_users
            clarity = 1 + i % 3 if power else rng.choices(range(4), (10, 35, 30, 25))[0]
            self.profile_clarity[i] = clarity
            blank = clarity == 0
            modes = [m for m in ("onsite", "remote", "hybrid") if rng.random() < 0.6] or ["remote"]
            created = _at(today - timedelta(days=rng.randint(1, 900)), rng)
            yield (
                i + 1, self.first_student_id + i, 1 + i % self.tier.advisors,
                "" if blank else rng.choice(PROGRAMMES),
                "" if blank else rng.choices(LEVELS, (75, 20, 5))[0],
                None if blank else today + timedelta(days=rng.randint(100, 1400)),
                clarities[clarity], "" if blank else rng.choice(("broad", "targeted")),
                None if blank else rng.random() < 0.55, None if blank else rng.random() < 0.5,
                "[]" if blank else json.dumps(modes),
                "" if blank else rng.choice(("deep", "broad")),
                None if blank else rng.random() < 0.4,
                rng.random() < 0.02, rng.random() < 0.001, None, created, created,
            )  # fmt: skip

    def profile_m2m(self, name: str, choices, most: int) -> Iterator[tuple]:
        rng = self.rng(f"profile_{name}")
        for i in range(self.tier.students):
            if self.profile_clarity[i]:
                for value in rng.sample(choices, rng.randint(0, min(most, len(choices)))):
                    yield (i + 1, value)

    def windows(self) -> Iterator[tuple]:
        rng, pk = self.rng("window"), 0
        year = self.today.year
        for i in range(self.tier.students):
            if not self.profile_clarity[i]:
                continue
            n = 3 if i < self.tier.power_users else rng.choices((1, 2, 3), (40, 40, 20))[0]
            self.windows_of[i] = n
            for label, weeks, hours, month, day in rng.sample(WINDOWS, n):
                pk += 1
                weekly = max(1, min(60, hours + rng.randint(-3, 3)))
                if rng.random() < 0.5:
                    starts = date(year + (month < self.today.month), month, day)
                    ends = starts + timedelta(weeks=weeks)
                else:
                    starts = ends = None
                yield (pk, i + 1, label, "", starts, ends, weeks, weekly)  # kind: not said

    def experiences(self) -> Iterator[tuple]:
        rng, pk = self.rng("experience"), 0
        formats = [f.id for f in self.cat.formats]
        for i in range(self.tier.students):
            if i < self.tier.power_users:
                n = 55
            else:
                n = rng.choices((0, 1, 2, 3, 4, 5), (45, 30, 15, 5, 3, 2))[0]
            self.experiences_of[i] = n
            for _ in range(n):
                pk += 1
                started = self.today - timedelta(days=rng.randint(30, 1500))
                ended = (
                    None if rng.random() < 0.1 else started + timedelta(days=rng.randint(1, 180))
                )
                topic = rng.choice(TOPICS)
                opportunity = rng.choice(self.closed_ids) if rng.random() < 0.1 else None
                yield (
                    pk, i + 1, f"{topic[0].upper()}{topic[1:]}", rng.choice(self.org_names),
                    rng.choice(formats) if rng.random() < 0.9 else None,
                    rng.choice(self.industry_ids) if rng.random() < 0.8 else None,
                    rng.randint(4, 600), started, ended,
                    f"I worked on {topic} and learned about {rng.choice(WORDS)}.",
                    opportunity, _at(started, rng),
                )  # fmt: skip
        self.experience_count = pk

    def experience_skills(self) -> Iterator[tuple]:
        rng = self.rng("experience_skills")
        for pk in range(1, self.experience_count + 1):
            for skill in rng.sample(self.common_skills, rng.randint(0, 2)):
                yield (pk, skill)

    def saved(self) -> Iterator[tuple]:
        rng = self.rng("saved")
        for i in range(self.tier.students):
            if i < self.tier.power_users:  # mostly open listings, some closed since
                picks = rng.sample(self.open_ids, 45) + rng.sample(self.closed_ids, 15)
            else:
                n = rng.choices((0, 1, 2, 3, 5, 8), (50, 15, 12, 10, 8, 5))[0]
                picks = rng.sample(self.open_ids, n)
            self.saved_of[i] = len(picks)
            saved_at = _at(self.today - timedelta(days=rng.randint(1, 60)), rng)
            for opportunity in picks:
                yield (self.first_student_id + i, opportunity, saved_at)
        light = next(
            i
            for i in range(self.tier.power_users, self.tier.students)
            if self.profile_clarity[i] and not self.experiences_of[i] and not self.saved_of[i]
        )
        self.fixtures["light_student"] = f"student{light}@bench.example.edu"
        # The advisor's student page: advisor 0's students with a few windows and a history.
        advisees = range(0, self.tier.students, self.tier.advisors)
        typical = [i for i in advisees if i >= self.tier.power_users and self.windows_of[i] >= 2
                   and self.experiences_of[i] >= 1]  # fmt: skip
        self.fixtures["advisees"] = [i + 1 for i in typical[:20]]

    def recommendations(self) -> Iterator[tuple]:
        rng, pk = self.rng("recommendation"), 0
        self.recommendation_count = 0
        for i in range(self.tier.students):
            n = 6 if i < self.tier.power_users else (1 if rng.random() < 0.15 else 0)
            for _ in range(n):
                pk += 1
                status = rng.choices(REC_STATUSES, (20, 40, 30, 10))[0]
                created = _at(self.today - timedelta(days=rng.randint(1, 300)), rng)
                shared = created + timedelta(days=1) if status != "draft" else None
                responded = (
                    shared + timedelta(days=3) if status in ("accepted", "declined") else None
                )
                yield (
                    pk, i + 1, 1 + i % self.tier.advisors, status,
                    "Talked through the term's load and goals.",
                    "Apply to two of the suggested listings before the deadline.",
                    (created + timedelta(days=30)).date(), shared, "", responded, created, created,
                )  # fmt: skip
        self.recommendation_count = pk

    def recommendation_items(self) -> Iterator[tuple]:
        rng, pk = self.rng("recommendation_item"), 0
        formats = [f.id for f in self.cat.formats]
        for rec in range(1, self.recommendation_count + 1):
            for _ in range(rng.randint(1, 3)):
                pk += 1
                label = rng.choice(WINDOWS)[0]
                yield (pk, rec, None, label, rng.choice(formats), rng.randint(1, 3), "")
