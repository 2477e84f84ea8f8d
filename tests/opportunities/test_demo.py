"""Demo listings: coverage, consistency with the formats, determinism and top-ups."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from opportunities.demo import ORGANIZATIONS, seed_listings
from opportunities.models import Format, Industry, Opportunity, Organization, Status, WorkMode
from tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db

FIELDS = (
    "title",
    "organization__name",
    "format__slug",
    "industry__slug",
    "work_mode",
    "weekly_hours_min",
    "weekly_hours_max",
    "duration_weeks",
    "total_hours",
    "deadline",
    "compensation_type",
    "compensation_amount",
    "status",
)


def snapshot():
    return list(Opportunity.objects.order_by("id").values_list(*FIELDS))


def test_demo_covers_every_format_and_industry():
    assert seed_listings(count=300, seed=2026) == 300

    listings = Opportunity.objects.all()
    assert set(listings.values_list("format__slug", flat=True)) == set(
        Format.objects.values_list("slug", flat=True)
    )
    industries = set(Industry.objects.values_list("slug", flat=True))
    assert set(listings.values_list("industry__slug", flat=True)) == industries
    assert Opportunity.objects.open().count() > 200
    assert Opportunity.objects.expired().exists()
    assert listings.filter(status=Status.CLOSED).exists()


def test_demo_values_fit_their_format():
    seed_listings(count=400, seed=7)

    for listing in Opportunity.objects.select_related("format"):
        fmt = listing.format
        assert fmt.weekly_hours_min <= listing.weekly_hours_min, listing
        assert listing.weekly_hours_min <= listing.weekly_hours_max <= fmt.weekly_hours_max
        if listing.duration_weeks is not None:
            assert fmt.weeks_min <= listing.duration_weeks <= fmt.weeks_max, listing
        if listing.total_hours is not None:
            assert fmt.total_hours_min <= listing.total_hours <= fmt.total_hours_max, listing
        if fmt.slug == "remote-micro-engagement":
            assert listing.work_mode == WorkMode.REMOTE
        if listing.work_mode == WorkMode.REMOTE:
            assert listing.locations == ["Remote"]
        if listing.compensation_type in ("credit", "unpaid"):
            assert listing.compensation_amount is None
        else:
            assert listing.compensation_amount > 0
        assert listing.apply_url or listing.apply_instructions
        assert (listing.published_at is None) == (listing.status == Status.DRAFT)


def test_a_few_organizations_own_most_listings():
    seed_listings(count=500, seed=3)

    counts = sorted(
        (Opportunity.objects.filter(organization__name=name).count() for name, *_ in ORGANIZATIONS),
        reverse=True,
    )
    assert sum(counts[:5]) > 0.5 * sum(counts)


def test_about_one_in_seven_listings_mentions_data():
    seed_listings(count=1000, seed=11)

    share = Opportunity.objects.filter(title__icontains="data").count() / 1000
    assert 0.10 < share < 0.20
    unrelated = Opportunity.objects.exclude(title__icontains="data")
    assert not unrelated.filter(summary__icontains="data").exists()
    assert not unrelated.filter(description__icontains="data").exists()
    assert not unrelated.filter(skills__slug__startswith="data").exists()


def test_same_seed_same_listings():
    seed_listings(count=60, seed=5)
    first = snapshot()
    Opportunity.objects.all().delete()

    seed_listings(count=60, seed=5)

    assert snapshot() == first
    Opportunity.objects.all().delete()
    seed_listings(count=60, seed=6)
    assert snapshot() != first


def test_running_again_only_tops_up():
    seed_listings(count=40, seed=5)
    assert seed_listings(count=40, seed=5) == 0
    assert seed_listings(count=30, seed=5) == 0
    assert Opportunity.objects.count() == 40

    assert seed_listings(count=50, seed=5) == 10
    topped_up = snapshot()
    Opportunity.objects.all().delete()
    seed_listings(count=50, seed=5)
    assert snapshot() == topped_up  # the same 50 as a single run


def test_seed_demo_command_seeds_listings_once():
    out = StringIO()
    call_command("seed_demo", listings=25, stdout=out)
    call_command("seed_demo", listings=25, stdout=out)

    assert Opportunity.objects.count() == 25
    assert "Demo listings: 25 created" in out.getvalue()
    assert "Demo listings: 0 created, 25 in the database." in out.getvalue()


def test_demo_listing_pages_render(client):
    seed_listings(count=30, seed=1)
    listing = Opportunity.objects.open().first()

    assert client.get("/opportunities/").status_code == 200
    assert client.get(listing.get_absolute_url()).status_code == 200
    assert listing.deadline >= timezone.localdate()


@pytest.mark.postgres
def test_demo_listings_are_searchable():
    seed_listings(count=200, seed=2026)

    assert not Opportunity.objects.filter(search_vector__isnull=True).exists()
    assert Opportunity.objects.search("data").count() == (
        Opportunity.objects.filter(title__icontains="data").count()
    )


def test_every_demo_row_is_flagged_demo_and_real_rows_are_not_touched():
    real = OpportunityFactory(title="A real posting")
    seed_listings(count=60, seed=5)

    demo = Opportunity.objects.exclude(pk=real.pk)
    assert demo.count() == 60
    assert not demo.filter(is_demo=False).exists()
    assert not Organization.objects.filter(name__in=[o[0] for o in ORGANIZATIONS], is_demo=False)
    assert Opportunity.objects.get(pk=real.pk).is_demo is False
    assert real.organization.is_demo is False
    # The term and sponsorship filters have something to offer on a demo site.
    assert Opportunity.objects.open().terms()
    assert demo.exclude(sponsorship="").exists()
    assert all(o.name_key for o in Organization.objects.all())
