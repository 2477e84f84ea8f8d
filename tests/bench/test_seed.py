"""The benchmark's data: deterministic, shaped as the issue asks, valid, and cached by marker."""

import subprocess
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest

from advising.models import AvailabilityWindow, Experience, StudentProfile
from bench import draw, seed, vocabulary
from opportunities.demo import vocabulary as demo
from opportunities.models import Format, Industry, Opportunity, SavedOpportunity

TODAY = date(2026, 9, 1)
TINY = seed.Tier(
    "tiny",
    open_listings=60,
    closed_listings=40,
    students=40,
    advisors=2,
    organizations=12,
    power_users=2,
)
# A catalogue shaped like the migrations' (drawing is pure: unsaved rows, no database needed).
FORMATS = (  # slug, name, family, weeks, weekly hours, total hours, compensation model
    ("internship", "Internship", "internship", (6, 26), (10, 40), (60, 1040), "paid_or_credit"),
    ("micro-internship", "Micro-internship", "micro", (0.1, 3), (5, 20), (5, 80), "per_task"),
    ("gigternship", "Gigternship", "hybrid", (2, 12), (5, 20), (10, 200), "per_task"),
    ("experiential-sprint", "Experiential sprint", "micro", (0.4, 3), (10, 40), (10, 120),
     "varies"),
    ("flexternship", "Flexternship", "hybrid", (4, 16), (5, 20), (20, 320), "varies"),
    ("nano-internship", "Nano-internship", "micro", (0.1, 0.4), (2, 20), (2, 10), "paid"),
)  # fmt: skip
INDUSTRIES = ("technology", "finance", "marketing", "healthcare", "education", "nonprofit",
              "design", "engineering", "media", "government")  # fmt: skip
SKILLS = ("python", "excel", "sql", "data-analysis", "writing", "research", "seo", "cad")


def catalogue_format(pk, slug, name, family, weeks, hours, total, pay) -> Format:
    return Format(
        pk=pk,
        slug=slug,
        name=name,
        family=family,
        weeks_min=Decimal(str(weeks[0])),
        weeks_max=Decimal(str(weeks[1])),
        weekly_hours_min=hours[0],
        weekly_hours_max=hours[1],
        total_hours_min=total[0],
        total_hours_max=total[1],
        compensation_model=pay,
    )


CATALOGUE = draw.DrawSources(
    formats=tuple(catalogue_format(pk, *row) for pk, row in enumerate(FORMATS, start=1)),
    industries=tuple(
        Industry(pk=pk, slug=slug, name=slug.title()) for pk, slug in enumerate(INDUSTRIES, 1)
    ),
    skills={slug: pk for pk, slug in enumerate(SKILLS, start=1)},
    groups={"Student": 1, "Advisor": 2, "Career center admin": 3},
    password="pbkdf2_sha256$1$salt$hash",
)


CONTENT_ENTRIES = [
    entry for kinds in demo.CONTENT.values() for pool in kinds.values() for entry in pool
]


def draw_all(tier: seed.Tier, *, seed_: int = seed.SEED) -> tuple[dict[str, list], dict]:
    drawn = draw.Draw(tier, CATALOGUE, seed=seed_, today=TODAY)
    return {key: list(rows) for key, rows in drawn.tables()}, drawn.fixtures


@pytest.fixture(scope="module")
def quick():
    return draw_all(seed.TIERS["quick"])


def test_the_quick_tier_is_drawn_identically_every_time(quick):
    again = draw_all(seed.TIERS["quick"])

    assert again == quick


def test_another_seed_draws_other_data(quick):
    other, _ = draw_all(seed.TIERS["quick"], seed_=seed.SEED + 1)

    assert other["opportunity"] != quick[0]["opportunity"]
    assert len(other["user"]) == len(quick[0]["user"])


def test_search_terms_match_the_intended_share_of_open_listings(quick):
    tables, fixtures = quick
    text = {row[0]: f"{row[1]} {row[6]} {row[7]}".lower() for row in tables["opportunity"]}
    open_ids = [
        row[0] for row in tables["opportunity"] if row[20] == "published" and row[15] >= TODAY
    ]

    common = sum(vocabulary.COMMON_TERM in text[pk] for pk in open_ids) / len(open_ids)
    selective = sum(vocabulary.SELECTIVE_TERM in text[pk] for pk in open_ids) / len(open_ids)

    assert 0.10 <= common <= 0.20
    assert 0 < selective < 0.01
    assert fixtures["common_term"] == [vocabulary.COMMON_TERM, round(common, 4)]


def test_no_pool_word_contains_a_search_term_by_accident():
    bench_pools = [
        vocabulary.TOPICS,
        vocabulary.WORDS,
        vocabulary.ORG_FIRST,
        vocabulary.ORG_SECOND,
        vocabulary.ORG_KIND,
        vocabulary.PROGRAMMES,
    ]
    # The demo's wordings, cities and topics other than its data topics (listings are its).
    demo_pools = [
        *demo.SUMMARIES.values(),
        demo.DESCRIPTIONS,
        demo.SCOPES.values(),
        demo.GENERAL_SKILLS,
        [city for _, _, city, _ in demo.ORGANIZATIONS],
        [title for title, _ in CONTENT_ENTRIES if vocabulary.COMMON_TERM not in title.lower()],
        INDUSTRIES,
    ]
    words = [word.lower() for pool in [*bench_pools, *demo_pools] for word in pool]

    assert not [w for w in words if vocabulary.COMMON_TERM in w or vocabulary.SELECTIVE_TERM in w]
    assert not [t for t, _ in CONTENT_ENTRIES if vocabulary.SELECTIVE_TERM in t.lower()]
    assert vocabulary.SELECTIVE_TERM in vocabulary.HYDROLOGY_SENTENCE
    # A listing's skills name data only when its title does.
    assert all(
        vocabulary.COMMON_TERM in title.lower()
        for title, skills in CONTENT_ENTRIES
        if any(vocabulary.COMMON_TERM in skill for skill in skills)
    )


def test_a_few_organizations_own_most_listings(quick):
    owners = Counter(row[3] for row in quick[0]["opportunity"])

    top_ten = sum(n for _, n in owners.most_common(10))

    assert top_ten > 0.4 * sum(owners.values())


def test_power_users_have_long_histories_and_many_saved_listings(quick):
    tables, fixtures = quick
    heavy_user = seed.TIERS["quick"].advisors + 2  # the first student
    saved = sum(row[0] == heavy_user for row in tables["saved"])
    experiences = sum(row[1] == 1 for row in tables["experience"])

    assert saved >= 50
    assert experiences >= 50
    assert fixtures["heavy_student"] == "student0@bench.example.edu"


def test_students_are_shared_evenly_between_advisors(quick):
    advisors = Counter(row[2] for row in quick[0]["profile"])

    assert set(advisors.values()) == {seed.TIERS["quick"].students // 2}


def test_the_campus_tier_gives_each_advisor_about_two_thousand_students():
    campus = seed.TIERS["campus"]

    assert campus.students / campus.advisors == 2000
    assert (campus.open_listings, campus.closed_listings) == (10_000, 30_000)


@pytest.mark.django_db
def test_loading_a_tier_gives_valid_rows_the_pages_can_use():
    fixtures = seed.load(TINY, today=TODAY)

    used = Opportunity.objects.values_list("format", flat=True).distinct()
    assert set(used) <= set(Format.objects.active().values_list("pk", flat=True))
    assert Opportunity.objects.open(today=TODAY).count() == TINY.open_listings
    assert Opportunity.objects.count() == TINY.open_listings + TINY.closed_listings
    assert StudentProfile.objects.filter(advisor__email=fixtures["advisor"]).count() == 20
    heavy = SavedOpportunity.objects.filter(user__email=fixtures["heavy_student"]).count()
    assert heavy == 60
    light = fixtures["light_student"]
    assert not SavedOpportunity.objects.filter(user__email=light).exists()
    pk, slug = fixtures["listings"][0]
    assert Opportunity.objects.open(today=TODAY).filter(pk=pk, slug=slug).exists()
    rows = [
        *Opportunity.objects.all()[:20],
        *StudentProfile.objects.all()[:20],
        *AvailabilityWindow.objects.all()[:20],
        *Experience.objects.all()[:20],
    ]
    for row in rows:  # choices, ranges and constraints hold, as if entered through a form
        row.full_clean()


def test_the_marker_decides_whether_the_cache_is_reused():
    marker = seed.fingerprint("campus") | {"seeded_on": TODAY.isoformat()}

    assert seed.is_current(marker, "campus", TODAY)
    assert seed.is_current(marker, "campus", TODAY + timedelta(days=seed.MAX_AGE_DAYS))
    assert not seed.is_current(marker, "campus", TODAY + timedelta(days=seed.MAX_AGE_DAYS + 1))
    assert not seed.is_current(marker, "system", TODAY)
    assert not seed.is_current(marker | {"seed_hash": "0" * 40}, "campus", TODAY)
    assert not seed.is_current(marker | {"schema_hash": "0" * 40}, "campus", TODAY)
    assert not seed.is_current(None, "campus", TODAY)


def test_the_seed_hash_is_gits_blob_hash():
    path = seed.ROOT / "bench" / "seed.py"
    command = ["git", "hash-object", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 (git, on our file)
    if result.returncode:
        pytest.skip("git is not available")

    assert seed.git_blob_hash(path) == result.stdout.strip()


def test_each_tier_has_its_own_database():
    urls = {seed.database_url(name) for name in seed.TIERS}

    assert len(urls) == 3
    assert seed.database_url("quick").startswith("sqlite:///")
    assert seed.database_url("campus").endswith("/careercenter_bench_campus")


def test_open_listings_never_expire_while_a_cache_is_reused(quick):
    tables, _ = quick
    deadlines = [row[15] for row in tables["opportunity"] if row[15] >= TODAY]

    assert min(deadlines) > TODAY + timedelta(days=seed.MAX_AGE_DAYS)
