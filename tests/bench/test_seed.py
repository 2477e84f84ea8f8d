"""The benchmark's data: deterministic, shaped as the issue asks, valid, and cached by marker."""

import subprocess
from collections import Counter
from datetime import date, timedelta

import pytest

from advising.models import AvailabilityWindow, Experience, StudentProfile
from bench import seed
from opportunities.models import Format, Opportunity, SavedOpportunity

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
# A catalogue shaped like the migrations' (drawing is pure: no database needed).
FORMATS = (  # slug, family, weeks, weekly hours, total hours
    ("internship", "internship", (6, 26), (10, 40), (60, 1040)),
    ("micro-internship", "micro", (0.2, 4), (2, 20), (5, 80)),
    ("gigternship", "hybrid", (2, 12), (5, 20), (10, 200)),
    ("experiential-sprint", "micro", (0.4, 3), (10, 40), (10, 120)),
    ("flexternship", "hybrid", (4, 16), (5, 20), (20, 320)),
    ("nano-internship", "micro", (0.1, 0.4), (2, 20), (2, 10)),
)
SKILLS = ("Python", "Excel", "SQL", "Data analysis", "Writing", "Research", "Marketing", "CAD")
CATALOGUE = seed.DrawSources(
    formats=tuple(seed.FormatRow(pk, *row) for pk, row in enumerate(FORMATS, start=1)),
    industries=tuple(range(1, 11)),
    skills=tuple(enumerate(SKILLS, start=1)),
    groups={"Student": 1, "Advisor": 2, "Career center admin": 3},
    password="pbkdf2_sha256$1$salt$hash",
)


def draw_all(tier: seed.Tier, *, seed_: int = seed.SEED) -> tuple[dict[str, list], dict]:
    draw = seed.Draw(tier, CATALOGUE, seed=seed_, today=TODAY)
    return {key: list(rows) for key, rows in draw.tables()}, draw.fixtures


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

    common = sum(seed.COMMON_TERM in text[pk] for pk in open_ids) / len(open_ids)
    selective = sum(seed.SELECTIVE_TERM in text[pk] for pk in open_ids) / len(open_ids)

    assert 0.10 <= common <= 0.20
    assert 0 < selective < 0.01
    assert fixtures["common_term"] == [seed.COMMON_TERM, round(common, 4)]


def test_no_pool_word_contains_a_search_term_by_accident():
    pools = [
        seed.TOPICS,
        seed.ROLES,
        seed.WORDS,
        seed.SENTENCES,
        seed.ORG_FIRST,
        seed.ORG_SECOND,
        seed.ORG_KIND,
        seed.CITIES,
        seed.PROGRAMMES,
    ]
    words = [word.lower() for pool in pools for word in pool]

    assert not [w for w in words if seed.COMMON_TERM in w or seed.SELECTIVE_TERM in w]
    assert all(seed.COMMON_TERM in topic for topic in seed.DATA_TOPICS)


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
