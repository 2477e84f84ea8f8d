"""Drawing the benchmark's rows, table by table, from fixed seeds (bench.seed loads them)."""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import TYPE_CHECKING

from bench.vocabulary import (
    CITIES,
    COMMON_SHARE,
    COMMON_TERM,
    DATA_TOPICS,
    FIRST_NAMES,
    HYDROLOGY_SENTENCE,
    LAST_NAMES,
    LEVELS,
    ORG_FIRST,
    ORG_KIND,
    ORG_SECOND,
    PROGRAMMES,
    REC_STATUSES,
    ROLES,
    SELECTIVE_SHARE,
    SELECTIVE_TERM,
    SENTENCES,
    TOPICS,
    WINDOWS,
    WORDS,
)

if TYPE_CHECKING:
    from bench.seed import Tier

PASSWORD = "bench-password"  # noqa: S105 (every seeded account, for trying pages by hand)


# --- what the draw reads from the database -------------------------------------------------


@dataclass(frozen=True)
class FormatRow:
    id: int
    slug: str
    family: str
    weeks: tuple[float, float]
    weekly_hours: tuple[int, int]
    total_hours: tuple[int, int]


@dataclass(frozen=True)
class DrawSources:
    """What the draw reads from the database: the catalogue rows the listings refer to, the
    role groups, and one password hash for every account."""

    formats: tuple[FormatRow, ...]
    industries: tuple[int, ...]
    skills: tuple[tuple[int, str], ...]  # id, name
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
    catalogue = DrawSources(
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

    def __init__(self, tier: Tier, catalogue: DrawSources, *, seed: int, today: date):
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
