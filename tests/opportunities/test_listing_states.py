"""Listing states: publishing, closing, the expired rule and the command that closes them."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from opportunities.models import Opportunity, Status
from tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def test_open_and_expired_querysets():
    today = timezone.localdate()
    open_ = OpportunityFactory(deadline=today)
    expired = OpportunityFactory(deadline=today - timedelta(days=1))
    OpportunityFactory(draft=True)
    OpportunityFactory(closed=True)

    assert list(Opportunity.objects.open()) == [open_]
    assert list(Opportunity.objects.expired()) == [expired]
    assert open_.is_open() and not expired.is_open()


def test_saving_as_published_or_closed_stamps_the_date():
    listing = OpportunityFactory(draft=True)
    assert listing.published_at is None and listing.closed_at is None

    listing.status = Status.PUBLISHED
    listing.save()
    first_published = listing.published_at
    assert first_published is not None

    listing.status = Status.CLOSED
    listing.save()
    assert listing.closed_at is not None

    listing.status = Status.PUBLISHED  # re-opened
    listing.save()
    assert listing.closed_at is None
    assert listing.published_at == first_published


def test_publish_and_close_querysets():
    draft = OpportunityFactory(draft=True)
    published = OpportunityFactory()
    before = published.published_at

    assert Opportunity.objects.all().publish() == 1
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.published_at is not None
    assert published.published_at == before

    assert Opportunity.objects.filter(pk=draft.pk).close() == 1
    draft.refresh_from_db()
    assert draft.status == Status.CLOSED and draft.closed_at is not None
    assert Opportunity.objects.filter(pk=draft.pk).close() == 0


def test_close_expired_listings_command_is_idempotent():
    expired = OpportunityFactory(expired=True)
    open_ = OpportunityFactory()
    draft_past = OpportunityFactory(draft=True, expired=True)
    out = StringIO()

    call_command("close_expired_listings", stdout=out)

    assert out.getvalue().strip() == "Closed 1 expired listing."
    expired.refresh_from_db()
    assert expired.status == Status.CLOSED and expired.closed_at is not None
    assert Opportunity.objects.get(pk=open_.pk).status == Status.PUBLISHED
    assert Opportunity.objects.get(pk=draft_past.pk).status == Status.DRAFT

    out = StringIO()
    call_command("close_expired_listings", stdout=out)
    assert out.getvalue().strip() == "Closed 0 expired listings."


def test_closed_listing_keeps_answering(client):
    listing = OpportunityFactory(expired=True)
    call_command("close_expired_listings", stdout=StringIO())

    assert client.get(listing.get_absolute_url()).status_code == 200
    assert client.get("/opportunities/").context["paginator"].count == 0


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"compensation_type": "hourly", "compensation_amount": Decimal("18.5")}, "$18.50 an hour"),
        ({"compensation_type": "stipend", "compensation_amount": Decimal(2000)}, "$2,000 in total"),
        ({"compensation_type": "credit", "compensation_amount": None}, "Academic credit"),
        ({"compensation_type": "hourly", "compensation_amount": None}, "Paid hourly"),
    ],
)
def test_compensation_text(fields, expected):
    assert OpportunityFactory.build(**fields).compensation_text.endswith(expected)


def test_duration_text():
    assert OpportunityFactory.build(duration_weeks=None, total_hours=8).duration_text == (
        "8 hours in total"
    )
    assert OpportunityFactory.build(
        duration_weeks=Decimal("0.4"), total_hours=None
    ).duration_text == ("2 days")


def test_a_listing_without_a_deadline_is_open_until_closed_and_never_expires():
    listing = OpportunityFactory(deadline=None)

    call_command("close_expired_listings", stdout=StringIO())

    listing.refresh_from_db()
    assert listing.status == Status.PUBLISHED
    assert listing.is_open()
    assert list(Opportunity.objects.open()) == [listing]
    assert not Opportunity.objects.expired().exists()
    Opportunity.objects.filter(pk=listing.pk).close()
    assert not Opportunity.objects.open().exists()


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"work_mode": "remote", "locations": ["Remote"]}, "Remote"),
        ({"work_mode": "remote", "locations": []}, "Remote"),
        ({"work_mode": "onsite", "locations": ["Boston, MA"]}, "On site: Boston, MA"),
        ({"work_mode": "", "locations": ["Austin, TX"]}, "Austin, TX (work mode not stated)"),
        ({"work_mode": "", "locations": []}, "Where: Not stated"),
    ],
)
def test_where_text(fields, where):
    assert OpportunityFactory.build(**fields).where_text == where


def test_not_stated_texts():
    listing = OpportunityFactory.build(unstated=True)

    assert listing.weekly_hours_text == "Not stated"
    assert listing.duration_text == "Not stated"
    assert listing.compensation_text == "Not stated"
    assert not listing.is_paid


@pytest.mark.parametrize(
    ("locations", "work_mode", "remote"),
    [
        (["Remote in USA"], "", True),
        (["New York, NY", "US (remote)"], "", True),
        (["Remotely Falls, ID"], "", False),
        (["Boston, MA"], "remote", True),
        (["Boston, MA"], "hybrid", False),
        ([], "", False),
    ],
)
def test_saving_derives_is_remote(locations, work_mode, remote):
    listing = OpportunityFactory(locations=locations, work_mode=work_mode)

    assert Opportunity.objects.get(pk=listing.pk).is_remote is remote


@pytest.mark.parametrize(
    ("hours", "message"),
    [((5, None), "give both or neither"), ((None, 5), "give both or neither"), ((9, 5), "at most")],
)
def test_weekly_hours_are_both_or_neither(hours, message):
    listing = OpportunityFactory()
    listing.weekly_hours_min, listing.weekly_hours_max = hours

    with pytest.raises(ValidationError, match=message):
        listing.full_clean()


def test_an_external_id_is_unique_within_its_source():
    OpportunityFactory(external_source="simplify", external_id="abc")
    OpportunityFactory(external_source="other", external_id="abc")
    OpportunityFactory(external_source="simplify", external_id="")
    OpportunityFactory(external_source="simplify", external_id="")  # no id: no constraint

    with pytest.raises(IntegrityError), transaction.atomic():
        OpportunityFactory(external_source="simplify", external_id="abc")


@pytest.mark.parametrize("value", ["Boston, MA", {"city": "Boston"}, ["Boston", 5], None])
def test_locations_and_terms_are_lists_of_texts(value):
    listing = OpportunityFactory()
    listing.locations = value
    listing.terms = value

    with pytest.raises(ValidationError) as error:
        listing.full_clean()

    assert {"locations", "terms"} <= set(error.value.message_dict)
