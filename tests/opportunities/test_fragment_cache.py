"""Rendered listing fragments are kept a minute per worker (settings.CACHES["fragments"]), yet a
reader never sees a listing as it was before an edit made in this process, nor open once it
has closed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opportunities.models import Opportunity
from tests.factories import OpportunityFactory, SavedOpportunityFactory

pytestmark = pytest.mark.django_db

BROWSE = "/opportunities/"


def pages(client, listing) -> list[str]:
    """Browse, the listing's own page and the format's page, as a visitor sees them."""
    return [
        client.get(url).content.decode()
        for url in (BROWSE, listing.get_absolute_url(), listing.format.get_absolute_url())
    ]


def test_an_edited_listing_shows_its_new_text_at_once(client):
    listing = OpportunityFactory(title="Harbor survey", summary="Count the boats.")
    assert all("Harbor survey" in page for page in pages(client, listing))

    listing.title, listing.summary = "Harbor census", "Count the ships."
    listing.save()

    for page in pages(client, listing):
        assert "Harbor census" in page
        assert "Harbor survey" not in page
    assert "Count the boats." not in client.get(listing.get_absolute_url()).content.decode()


def test_a_listing_past_its_deadline_reads_closed_though_its_row_did_not_change(client):
    listing = OpportunityFactory(title="Harbor survey")
    assert "Applications are closed" not in client.get(listing.get_absolute_url()).content.decode()

    # A deadline passing changes no row; update() leaves updated_at alone in the same way.
    Opportunity.objects.filter(pk=listing.pk).update(
        deadline=timezone.localdate() - timedelta(days=1)
    )

    page = client.get(listing.get_absolute_url()).content.decode()
    assert "Applications are closed" in page
    assert "Harbor survey" not in client.get(BROWSE).content.decode()


def test_a_renamed_format_shows_at_once_on_cards_kept_before(client):
    listing = OpportunityFactory(title="Harbor survey")
    assert listing.format.name in client.get(BROWSE).content.decode()
    old_name = listing.format.name

    listing.format.name = "Harbor sprint"
    listing.format.save()

    page = client.get(BROWSE).content.decode()
    assert "Harbor sprint" in page
    assert f">{old_name}</span>" not in page  # the card's format badge


def test_the_saved_list_marks_a_closed_listing_that_browse_showed_open(client, student):
    listing = OpportunityFactory(title="Harbor survey")
    SavedOpportunityFactory(user=student, opportunity=listing)
    client.force_login(student)
    assert "Closed</span>" not in client.get("/opportunities/saved/").content.decode()

    Opportunity.objects.filter(pk=listing.pk).update(
        deadline=timezone.localdate() - timedelta(days=1)
    )

    assert "Closed</span>" in client.get("/opportunities/saved/").content.decode()


def test_the_filter_form_keeps_what_each_query_chose(client):
    OpportunityFactory(title="Harbor survey")

    first = client.get(BROWSE, {"q": "harbor"}).content.decode()
    second = client.get(BROWSE, {"q": "boats"}).content.decode()

    assert 'value="harbor"' in first
    assert 'value="boats"' in second
    assert 'value="harbor"' not in second


def test_closing_an_expired_listing_in_the_admin_shows_at_once(client):
    listing = OpportunityFactory(expired=True)
    assert "the deadline" in client.get(listing.get_absolute_url()).content.decode()
    before = Opportunity.objects.get(pk=listing.pk).updated_at

    Opportunity.objects.filter(pk=listing.pk).close()

    assert Opportunity.objects.get(pk=listing.pk).updated_at > before
    page = client.get(listing.get_absolute_url()).content.decode()
    assert "(closed on " in page
    assert "the deadline" not in page
