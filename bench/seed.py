"""Deterministic benchmark data in tiers, bulk-loaded once and cached between runs.

    python -m bench.seed --tier campus [--force]

Each tier lives in its own database (PostgreSQL `careercenter_bench_<tier>`, or a SQLite file
for the quick tier) with a `bench_marker` row saying which tier, seed and schema built it. A run
reuses the database when the marker matches and re-seeds from scratch when it does not.

The data is drawn from fixed seeds, one random stream per table, so changing how one table is
drawn leaves the others alone. What the benchmark needs from its shape:
* a common search term ("data") in ~14 % of listings, a selective one ("hydrology") in ~0.3 %;
* a few organizations own most listings (Zipf), as on real job boards;
* a few power users with 60 saved listings, 55 experiences and several recommendations;
* profiles with availability windows, goals and histories across the engine's archetypes;
* ~2 000 students per advisor on the campus tier.
"""

import argparse
import hashlib
import itertools
import json
import os
import random
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / "cache"
SEED = 8  # the number; change SEED_VERSION instead to force every cache to rebuild
SEED_VERSION = 1
MAX_AGE_DAYS = 20  # open listings' deadlines start 21 days after seeding: none expires in a cache
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
PASSWORD = "bench-password"  # noqa: S105 (every seeded account, for trying pages by hand)


@dataclass(frozen=True)
class Tier:
    name: str
    open_listings: int
    closed_listings: int  # closed, expired and draft listings that browse must skip
    students: int
    advisors: int
    organizations: int
    power_users: int = 5


TIERS = {
    "quick": Tier("quick", 2_000, 1_000, 2_000, 2, 200),
    "campus": Tier("campus", 10_000, 30_000, 60_000, 30, 1_500),
    "system": Tier("system", 100_000, 50_000, 500_000, 250, 8_000),
}


def database_url(tier: str) -> str:
    if tier == "quick":
        return f"sqlite:///{CACHE / 'quick.sqlite3'}"
    return f"{POSTGRES}/careercenter_bench_{tier}"


# --- vocabulary -------------------------------------------------------------------------------
# No word below contains "data" or "hydrology" except where placed on purpose, so that the two
# search terms match exactly the share of listings drawn for them (tests check the pools).

COMMON_TERM, COMMON_SHARE = "data", 0.14
SELECTIVE_TERM, SELECTIVE_SHARE = "hydrology", 0.003

TOPICS = (
    "market research", "social media campaign", "user interviews", "financial model",
    "grant proposal", "website redesign", "supply chain review", "customer survey",
    "brand strategy", "content writing", "event planning", "policy brief", "product testing",
    "process mapping", "budget review", "mobile app prototype", "sustainability audit",
    "competitor study", "fundraising plan", "curriculum design", "patient outreach",
    "video production", "cloud migration", "accessibility review", "pricing study",
    "community engagement", "recruitment campaign", "quality assurance", "energy efficiency study",
    "translation project", "newsletter relaunch", "onboarding guide", "inventory forecast",
    "podcast series", "volunteer programme", "legal research", "clinical trial support",
)  # fmt: skip
DATA_TOPICS = (
    "data analysis", "data visualisation dashboard", "data cleaning", "customer data review",
    "data pipeline", "open data report",
)  # fmt: skip
ROLES = ("intern", "assistant", "project", "sprint", "associate", "fellow", "coordinator")
WORDS = (
    "clients", "teams", "reports", "research", "planning", "design", "strategy", "operations",
    "outreach", "partners", "students", "communities", "patients", "customers", "volunteers",
    "markets", "products", "services", "campaigns", "budgets", "audits", "forecasts",
    "interviews", "workshops", "prototypes", "presentations", "documentation", "policies",
    "schedules", "suppliers", "logistics", "analytics", "metrics", "quality", "training",
    "mentoring", "feedback", "deadlines", "stakeholders", "research", "sustainability",
    "accessibility", "innovation", "growth", "finance", "marketing", "engineering", "health",
    "education", "energy", "media", "software", "hardware", "retail", "transport", "housing",
)  # fmt: skip
SENTENCES = (
    "You will work with our {a} and {b} team on {topic}.",
    "The project covers {a}, {b} and {c}, with regular feedback from a mentor.",
    "We value curiosity, clear writing and reliable {a}.",
    "You will present your findings on {topic} to {a} at the end.",
    "Expect about {hours} hours a week, mostly on {a} and {b}.",
    "Our {a} group supports {b} across the region.",
    "This is a good fit if you enjoy {a} and want to learn about {b}.",
    "Previous experience with {a} helps but is not required.",
)
HYDROLOGY_SENTENCE = "Some background in hydrology or river {a} is a plus."
ORG_FIRST = (
    "North", "Blue", "Bright", "Cedar", "Harbor", "Summit", "River", "Granite", "Maple",
    "Silver", "Golden", "Prairie", "Coastal", "Lakeside", "Pioneer", "Evergreen", "Oak",
    "Beacon", "Atlas", "Orchard", "Meridian", "Crescent", "Sterling", "Willow", "Union",
)  # fmt: skip
ORG_SECOND = (
    "Valley", "Bridge", "Point", "Field", "Stone", "Light", "Ridge", "Creek", "Gate", "Park",
    "Works", "Path", "Line", "Hill", "Bay", "Grove", "Port", "Forge", "Mill", "Square",
)  # fmt: skip
ORG_KIND = (
    "Labs", "Partners", "Health", "Foundation", "Group", "Studio", "Energy", "Consulting",
    "Media", "Trust", "Systems", "Collective", "Institute", "Bank", "Logistics", "Council",
)  # fmt: skip
CITIES = (
    "Boston", "Chicago", "Denver", "Austin", "Seattle", "Atlanta", "Phoenix", "Portland",
    "Columbus", "Madison", "Raleigh", "Pittsburgh", "Sacramento", "Tucson", "Albany",
)  # fmt: skip
FIRST_NAMES = (
    "Ava", "Liam", "Noah", "Emma", "Mia", "Lucas", "Zoe", "Ethan", "Maya", "Omar", "Priya",
    "Chen", "Sofia", "Diego", "Amara", "Kenji", "Leila", "Mateo", "Nora", "Ravi", "Sara",
    "Tariq", "Yuki", "Ines", "Jonah", "Kofi", "Lena", "Marco", "Nia", "Oscar", "Rosa", "Sami",
)  # fmt: skip
LAST_NAMES = (
    "Smith", "Garcia", "Nguyen", "Patel", "Kim", "Johnson", "Lopez", "Chen", "Okafor",
    "Müller", "Rossi", "Silva", "Khan", "Cohen", "Ivanova", "Tanaka", "Brown", "Davis",
    "Martin", "Haddad", "Novak", "Santos", "Walker", "Young", "Ahmed", "Berg", "Costa",
    "Dubois", "Evans", "Fischer", "Gupta", "Hughes", "Jensen", "Larsen", "Moreno", "Osei",
)  # fmt: skip
PROGRAMMES = (
    "BSc Economics", "BA History", "BSc Computer Science", "BEng Civil Engineering",
    "BA Communication", "BSc Biology", "BBA Business", "BSc Nursing", "BA Psychology",
    "MSc Public Policy", "MA Education", "BFA Design", "MSc Environmental Science",
)  # fmt: skip
LEVELS = ("undergraduate", "masters", "doctoral")
REC_STATUSES = ("draft", "shared", "accepted", "declined")
WINDOWS = (  # label, weeks, weekly hours, start month, start day
    ("Fall term", 15, 6, 9, 1), ("Spring term", 14, 8, 1, 15), ("Summer", 10, 35, 6, 1),
    ("Winter break", 3, 25, 12, 18), ("Summer", 12, 40, 6, 1), ("Spring term", 14, 4, 1, 15),
)  # fmt: skip

# --- the catalogue the listings refer to ---------------------------------------------------------


@dataclass(frozen=True)
class FormatRow:
    id: int
    slug: str
    family: str
    weeks: tuple[float, float]
    weekly_hours: tuple[int, int]
    total_hours: tuple[int, int]


@dataclass(frozen=True)
class Catalogue:
    formats: tuple[FormatRow, ...]
    industries: tuple[int, ...]
    skills: tuple[tuple[int, str], ...]  # id, name
    groups: dict[str, int]  # role name -> group id
    password: str  # one precomputed hash for every account


def read_catalogue() -> Catalogue:
    """Formats, industries and skills as the data migrations seeded them (they must be there)."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from careercenter.roles import ROLES
    from opportunities.models import Format, Industry, Skill

    if not (Format.objects.exists() and Industry.objects.exists() and Skill.objects.exists()):
        raise RuntimeError("no formats, industries or skills: the data migrations did not run")
    formats = tuple(
        FormatRow(
            f.id,
            f.slug,
            f.family,
            (float(f.weeks_min), float(f.weeks_max)),
            (f.weekly_hours_min, f.weekly_hours_max),
            (f.total_hours_min, f.total_hours_max),
        )
        for f in Format.objects.active().order_by("id")
    )
    catalogue = Catalogue(
        formats=formats,
        industries=tuple(Industry.objects.order_by("id").values_list("id", flat=True)),
        skills=tuple(Skill.objects.order_by("id").values_list("id", "name")),
        groups=dict(Group.objects.filter(name__in=ROLES).values_list("name", "id")),
        # A fixed salt keeps the data deterministic; hashing 500 000 passwords would take hours.
        password=make_password(PASSWORD, salt="benchmarkseed"),
    )
    return catalogue


# --- drawing the rows --------------------------------------------------------------------------


def _zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return list(itertools.accumulate(1 / (k**s) for k in range(1, n + 1)))


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, dtime(8), tzinfo=UTC) + timedelta(minutes=rng.randrange(600))


class Draw:
    """The rows of one tier, table by table, in loading order.

    `tables()` yields (table key, rows) pairs; each table's rows are a generator drawn from its
    own random stream, and a table's generator runs only after the tables it refers to have
    been consumed (they leave behind the compact facts dependants need, such as open ids).
    """

    def __init__(self, tier: Tier, catalogue: Catalogue, *, seed: int, today: date):
        self.tier, self.cat, self.seed, self.today = tier, catalogue, seed, today
        self.fixtures: dict = {"tier": tier.name}
        self.first_student_id = tier.advisors + 2  # advisors first, then one career admin
        self.profile_clarity = bytearray(tier.students)  # 0 means a blank (new) profile
        self.windows_of = bytearray(tier.students)
        self.experiences_of: list[int] = [0] * tier.students
        self.saved_of: list[int] = [0] * tier.students
        self.org_names: list[str] = []
        self.org_industry: list[int] = []
        self.open_ids: list[int] = []
        self.closed_ids: list[int] = []
        self.listing_topic: list[str] = []
        self.listing_slug: list[str] = []
        self.common_skills = [i for i, name in catalogue.skills if "data" not in name.lower()]
        self.data_skills = [i for i, name in catalogue.skills if "data" in name.lower()]

    def rng(self, table: str) -> random.Random:
        return random.Random(f"{self.seed}:{table}")

    def tables(self) -> Iterator[tuple[str, Iterable[tuple]]]:
        yield "organization", self.organizations()
        yield "opportunity", self.listings()
        yield "opportunity_skills", self.listing_skills()
        yield "user", self.users()
        yield "user_groups", self.user_groups()
        yield "profile", self.profiles()
        yield "profile_target_industries", self.profile_m2m("targets", self.cat.industries, 3)
        yield "profile_skills", self.profile_m2m("skills", [s for s, _ in self.cat.skills], 4)
        yield (
            "profile_skills_to_build",
            self.profile_m2m("to_build", [s for s, _ in self.cat.skills], 3),
        )
        yield "window", self.windows()
        yield "experience", self.experiences()
        yield "experience_skills", self.experience_skills()
        yield "saved", self.saved()
        yield "recommendation", self.recommendations()
        yield "recommendation_item", self.recommendation_items()

    # The catalogue side.

    def organizations(self) -> Iterator[tuple]:
        from opportunities.models import organization_key

        rng, taken = self.rng("organization"), set()
        for pk in range(1, self.tier.organizations + 1):
            name = f"{rng.choice(ORG_FIRST)} {rng.choice(ORG_SECOND)} {rng.choice(ORG_KIND)}"
            if name in taken:
                name = f"{name} {pk}"
            taken.add(name)
            slug = name.lower().replace(" ", "-")
            industry = rng.choice(self.cat.industries)
            self.org_names.append(name)
            self.org_industry.append(industry)
            yield (
                pk, name, slug, f"https://{slug}.example.com",
                f"{name} works in {rng.choice(WORDS)}.", industry, rng.random() < 0.7,
                _at(self.today - timedelta(days=400 + pk % 300), rng), organization_key(name),
                False,
            )  # fmt: skip

    def listings(self) -> Iterator[tuple]:
        tier, today = self.tier, self.today
        rng = self.rng("opportunity")
        total = tier.open_listings + tier.closed_listings
        orgs = rng.choices(
            range(tier.organizations), cum_weights=_zipf_weights(tier.organizations), k=total
        )
        # Short formats are most of a modern board; internships and hybrids the rest.
        weights = [3 if f.family == "micro" else 2 for f in self.cat.formats]
        formats = rng.choices(self.cat.formats, weights=weights, k=total)
        slugs: dict[str, str] = {}
        common = selective = 0
        open_formats: dict[str, int] = {}
        for pk in range(1, total + 1):
            # Open listings spread evenly over the ids, as if closed ones were interleaved in time.
            is_open = (pk - 1) * tier.open_listings // total != pk * tier.open_listings // total
            org, fmt = orgs[pk - 1], formats[pk - 1]
            has_common = rng.random() < COMMON_SHARE
            has_selective = rng.random() < SELECTIVE_SHARE
            topic = rng.choice(DATA_TOPICS if has_common else TOPICS)
            title = f"{topic[0].upper()}{topic[1:]} {rng.choice(ROLES)}"
            slug = slugs.setdefault(title, title.lower().replace(" ", "-"))  # = slugify(title)
            low, high = fmt.weekly_hours
            hours_min = rng.randint(low, max(low, high - 2))
            hours_max = rng.randint(hours_min, high)
            if fmt.weeks[1] <= 4:  # short formats are described by their total effort
                weeks, total_hours = None, rng.randint(*fmt.total_hours)
            else:
                weeks, total_hours = round(rng.uniform(*fmt.weeks), 1), None
            words = rng.sample(WORDS, 3)
            fill = {"a": words[0], "b": words[1], "c": words[2], "topic": topic, "hours": hours_max}
            sentences = [s.format(**fill) for s in rng.sample(SENTENCES, rng.randint(3, 6))]
            if has_selective:
                sentences.insert(1, HYDROLOGY_SENTENCE.format(**fill))
            comp, amount = self._pay(fmt.family, rng)
            url = f"https://{slug[:40]}.example.com/apply/{pk}" if rng.random() < 0.8 else ""
            if is_open:
                status, deadline = "published", today + timedelta(days=rng.randint(21, 200))
                published = _at(today - timedelta(days=rng.randint(1, 120)), rng)
                closed_at = None
                self.open_ids.append(pk)
                common += has_common
                selective += has_selective
                open_formats[fmt.slug] = open_formats.get(fmt.slug, 0) + 1
            else:
                deadline = today - timedelta(days=rng.randint(1, 700))
                published = _at(deadline - timedelta(days=rng.randint(14, 90)), rng)
                status = rng.choices(("closed", "published", "draft"), (60, 35, 5))[0]
                closed_at = _at(deadline, rng) if status == "closed" else None
                self.closed_ids.append(pk)
            self.listing_topic.append(topic)
            self.listing_slug.append(slug)
            created = published - timedelta(days=1)
            mode = rng.choices(("onsite", "remote", "hybrid"), (40, 35, 25))[0]
            city = rng.choice(CITIES)  # drawn for remote listings too: the stream stays as it was
            place = "Remote" if mode == "remote" else city
            yield (
                pk, title, slug, org + 1, fmt.id, self.org_industry[org],
                f"{self.org_names[org]} is looking for help with {topic}.", " ".join(sentences),
                mode, json.dumps([place]), hours_min, hours_max, weeks, total_hours,
                deadline + timedelta(days=rng.randint(7, 30)), deadline, comp, amount, url,
                "" if url else "E-mail a short note and your CV to the contact named above.",
                status, None if status == "draft" else published, closed_at, created, created,
                mode == "remote", "[]", "", None, None, "", "", "", False,
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

    @staticmethod
    def _pay(family: str, rng: random.Random) -> tuple[str, float | None]:
        options = {
            "internship": (("hourly", 50), ("stipend", 20), ("credit", 20), ("unpaid", 10)),
            "micro": (("fixed_fee", 60), ("hourly", 25), ("unpaid", 15)),
            "hybrid": (("hourly", 40), ("fixed_fee", 25), ("stipend", 15), ("credit", 10),
                       ("unpaid", 10)),
        }[family]  # fmt: skip
        comp = rng.choices([o for o, _ in options], [w for _, w in options])[0]
        amount = {"hourly": (15, 35), "fixed_fee": (200, 2500), "stipend": (1000, 6000)}.get(comp)
        return comp, (round(rng.uniform(*amount), 2) if amount else None)

    def listing_skills(self) -> Iterator[tuple]:
        rng = self.rng("opportunity_skills")
        for pk, topic in enumerate(self.listing_topic, start=1):
            pool = self.data_skills if "data" in topic and self.data_skills else self.common_skills
            extra = rng.sample(self.common_skills, rng.randint(0, 3))
            for skill in dict.fromkeys([rng.choice(pool), *extra]):
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
                yield (pk, i + 1, label, starts, ends, weeks, weekly)

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
                    rng.choice(self.cat.industries) if rng.random() < 0.8 else None,
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


# --- loading -----------------------------------------------------------------------------------


def table_specs() -> dict[str, tuple[str, list[str], list]]:
    """Table key -> (table, columns, fields), in the order `Draw` yields each row's values."""
    from django.contrib.auth import get_user_model

    from advising import models as a
    from opportunities import models as o

    def model(m, *names):
        fields = [m._meta.get_field(n) for n in names]
        return m._meta.db_table, [f.column for f in fields], fields

    def m2m(m, name):
        field = m._meta.get_field(name)
        table = field.remote_field.through._meta.db_table
        return table, [field.m2m_column_name(), field.m2m_reverse_name()], []

    User = get_user_model()
    return {
        "organization": model(o.Organization, "id", "name", "slug", "website", "description",
                              "industry", "is_verified", "created_at", "name_key", "is_demo"),
        "opportunity": model(
            o.Opportunity, "id", "title", "slug", "organization", "format", "industry",
            "summary", "description", "work_mode", "locations", "weekly_hours_min",
            "weekly_hours_max", "duration_weeks", "total_hours", "start_date", "deadline",
            "compensation_type", "compensation_amount", "apply_url", "apply_instructions",
            "status", "published_at", "closed_at", "created_at", "updated_at", "is_remote",
            "terms", "sponsorship", "posted_at", "source_updated_at", "external_source",
            "external_id", "content_hash", "is_demo",
        ),
        "opportunity_skills": m2m(o.Opportunity, "skills"),
        "user": model(User, "id", "password", "last_login", "is_superuser", "first_name",
                      "last_name", "email", "is_staff", "is_active", "date_joined"),
        "user_groups": m2m(User, "groups"),
        "profile": model(
            a.StudentProfile, "id", "user", "advisor", "programme", "level",
            "expected_graduation", "career_clarity", "learning_goal", "needs_pay", "credit_ok",
            "work_modes", "networking_goal", "application_ready", "directory_hold", "legal_hold",
            "deletion_requested_at", "created_at", "updated_at",
        ),
        "profile_target_industries": m2m(a.StudentProfile, "target_industries"),
        "profile_skills": m2m(a.StudentProfile, "skills"),
        "profile_skills_to_build": m2m(a.StudentProfile, "skills_to_build"),
        "window": model(a.AvailabilityWindow, "id", "profile", "label", "starts_on", "ends_on",
                        "weeks", "weekly_hours"),
        "experience": model(a.Experience, "id", "profile", "title", "organization_name",
                            "format", "industry", "hours", "started_on", "ended_on",
                            "reflection", "opportunity", "created_at"),
        "experience_skills": m2m(a.Experience, "skills"),
        "saved": model(o.SavedOpportunity, "user", "opportunity", "created_at"),
        "recommendation": model(a.Recommendation, "id", "profile", "advisor", "status", "notes",
                                "next_step", "follow_up_on", "shared_at", "response_comment",
                                "responded_at", "created_at", "updated_at"),
        "recommendation_item": model(a.RecommendationItem, "id", "recommendation", "window",
                                     "window_label", "format", "count", "rationale"),
    }  # fmt: skip


def _batches(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _write(connection, table: str, columns: list[str], fields: list, rows: Iterable) -> int:
    """COPY on PostgreSQL (psycopg 3), batched executemany on SQLite; returns the row count."""
    qn = connection.ops.quote_name
    names = ", ".join(qn(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {qn(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        adapt = {  # SQLite stores dates and aware datetimes as text, as Django writes them
            "DateField": connection.ops.adapt_datefield_value,
            "DateTimeField": connection.ops.adapt_datetimefield_value,
        }
        types = [f.get_internal_type() for f in fields]
        adapters = [(i, adapt[t]) for i, t in enumerate(types) if t in adapt]
        sql = f"INSERT INTO {qn(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        for batch in _batches(rows, 5000):
            if adapters:
                batch = [list(row) for row in batch]
                for row in batch:
                    for i, fn in adapters:
                        row[i] = fn(row[i])
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def load(tier: Tier, *, seed: int = SEED, today: date) -> dict:
    """Draw and bulk-load `tier` into the (freshly migrated, empty) default database.

    Returns the fixtures the harness needs: who to log in as, which listings to open, row
    counts, the measured share of each search term and the seconds each phase took.
    """
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from opportunities.models import Opportunity

    specs = table_specs()
    postgres = connection.vendor == "postgresql"
    seconds, clock = {}, time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal clock
        seconds[phase] = round(time.perf_counter() - clock, 1)
        clock = time.perf_counter()

    with transaction.atomic(), connection.cursor() as cursor:
        catalogue = read_catalogue()
        draw = Draw(tier, catalogue, seed=seed, today=today)
        if postgres:
            # Foreign keys are triggers: off while loading rows that are consistent by
            # construction. Secondary indexes are rebuilt once, after the rows are in.
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            indexes = _drop_indexes(cursor, {spec[0] for spec in specs.values()})
        counts = {key: _write(connection, *specs[key], rows) for key, rows in draw.tables()}
        models = {f.model for _, _, fields in specs.values() for f in fields}
        for sql in connection.ops.sequence_reset_sql(no_style(), sorted(models, key=str)):
            cursor.execute(sql)
        lap("rows")
        refresh_search_vectors()
        lap("search_vectors")
        for sql in indexes if postgres else ():
            cursor.execute(sql)
        lap("indexes")
        picks = [pk for pk, _ in draw.fixtures["listings"]]
        draw.fixtures["listings"] = [  # with the slugs as the database holds them
            list(row)
            for row in Opportunity.objects.filter(pk__in=picks)
            .order_by("pk")
            .values_list("pk", "slug")
        ]
    if postgres and not connection.in_atomic_block:  # VACUUM cannot run in a transaction
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    lap("vacuum_analyze")
    return draw.fixtures | {"rows": counts, "phases": seconds}


def refresh_search_vectors() -> None:
    """Fill the listings' full-text column, as the opportunities app keeps it (one UPDATE).

    COPY bypasses model saves (and, with replication role set, triggers), so the seeder calls
    the queryset method itself once the rows are in, before the GIN index is rebuilt.
    """
    from opportunities.models import Opportunity

    Opportunity.objects.all().update_search_vector()


def _drop_indexes(cursor, tables: set[str]) -> list[str]:
    """Drop the secondary indexes of `tables` (not primary keys or constraints); return DDL."""
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relname = ANY(%s) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY 1
        """,
        [sorted(tables)],
    )
    found = cursor.fetchall()
    for name, _ in found:
        cursor.execute(f"DROP INDEX {name}")
    return [ddl for _, ddl in found]


# --- the cache ---------------------------------------------------------------------------------


def git_blob_hash(path: Path) -> str:
    """What `git hash-object` prints for the file (so uncommitted edits count too)."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def schema_hash() -> str:
    """Changes whenever a migration is added or edited: the cached database is then stale."""
    digest = hashlib.sha1(usedforsecurity=False)
    for path in sorted(ROOT.glob("*/migrations/[0-9]*.py")):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def fingerprint(tier: str) -> dict:
    return {
        "tier": tier,
        "seed": SEED,
        "seed_version": SEED_VERSION,
        "seed_hash": git_blob_hash(Path(__file__)),
        "schema_hash": schema_hash(),
    }


def read_marker(tier: str) -> dict | None:
    """The marker of the tier's cached database, or None if there is no complete one."""
    import psycopg

    try:
        if tier == "quick":
            path = CACHE / "quick.sqlite3"
            if not path.exists():
                return None
            with sqlite3.connect(path) as conn:
                row = conn.execute("SELECT info FROM bench_marker").fetchone()
        else:
            with psycopg.connect(database_url(tier), connect_timeout=5) as conn:
                row = conn.execute("SELECT info FROM bench_marker").fetchone()
    except (sqlite3.Error, psycopg.Error):  # no database yet, or seeding never finished
        return None
    return json.loads(row[0]) if row else None


def is_current(marker: dict | None, tier: str, today: date) -> bool:
    if marker is None:
        return False
    same = all(marker.get(k) == v for k, v in fingerprint(tier).items())
    age = (today - date.fromisoformat(marker["seeded_on"])).days
    return same and 0 <= age <= MAX_AGE_DAYS


def _reset_database(tier: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    if tier == "quick":
        CACHE.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-journal", "-wal", "-shm"):
            (CACHE / f"quick.sqlite3{suffix}").unlink(missing_ok=True)
        return
    name = database_url(tier).rsplit("/", 1)[1]
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def ensure(tier: str, *, force: bool = False, log=print) -> dict:
    """Reuse the tier's cached database if its marker matches, else build it; return the marker.

    Django must already be set up against `database_url(tier)` (see `environment`).
    """
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    wanted = dj_name(database_url(tier))
    if str(settings.DATABASES["default"]["NAME"]) != wanted:
        raise RuntimeError(
            f"refusing to seed {settings.DATABASES['default']['NAME']}: not {wanted}"
        )
    today = timezone.localdate()
    marker = read_marker(tier)
    if not force and is_current(marker, tier, today):
        seeded = f"seeded {marker['seeded_on']} in {marker['seconds']} s"
        log(f"Reusing the cached {tier} tier ({seeded}).")
        return marker
    log(f"Seeding the {tier} tier from scratch ({asdict(TIERS[tier])})…")
    started = time.perf_counter()
    _reset_database(tier)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    migrated = round(time.perf_counter() - started, 1)
    fixtures = load(TIERS[tier], today=today)
    fixtures["phases"] = {"migrate": migrated} | fixtures["phases"]
    seconds = round(time.perf_counter() - started, 1)
    marker = fingerprint(tier) | {"seeded_on": today.isoformat(), "seconds": seconds} | fixtures
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_marker (info TEXT NOT NULL)")
        cursor.execute("INSERT INTO bench_marker (info) VALUES (%s)", [json.dumps(marker)])
    phases = ", ".join(f"{k} {v} s" for k, v in fixtures["phases"].items())
    log(f"  {sum(fixtures['rows'].values()):,} rows in {seconds} s ({phases})")
    return marker


def dj_name(url: str) -> str:
    """The database NAME Django's settings hold for `url`."""
    import dj_database_url

    return str(dj_database_url.parse(url)["NAME"])


def environment(tier: str, secret_key: str) -> dict[str, str]:
    """Production settings against the tier's database, for the seeder, the server and the engine.

    No TLS on loopback, so no HTTPS redirect; connections kept for the whole run so that each
    worker keeps one PostgreSQL backend whose CPU time can be read.
    """
    return {
        "DJANGO_SETTINGS_MODULE": "careercenter.settings",
        "DEBUG": "0",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url(tier),
        "CONN_MAX_AGE": "600",
        "BENCH_FLOOR": "1",
        "LOG_LEVEL": "WARNING",
    }


def setup(tier: str, secret_key: str) -> None:
    """Point this process's Django at the tier's database, with the production settings."""
    import django

    os.environ.update(environment(tier, secret_key))
    django.setup()


def main() -> None:
    import secrets

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tier", choices=TIERS, default="campus")
    parser.add_argument("--force", action="store_true", help="re-seed even if the cache matches")
    args = parser.parse_args()
    setup(args.tier, secrets.token_urlsafe(50))
    ensure(args.tier, force=args.force)


if __name__ == "__main__":
    main()
