"""/opportunities/: facts a listing does not state, and the location, term and sponsorship
filters (split from test_browse.py)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from opportunities.models import Compensation, Opportunity, WorkMode
from tests.factories import OpportunityFactory
from tests.opportunities.test_browse import titles

pytestmark = pytest.mark.django_db

URL = "/opportunities/"


def test_a_listing_without_a_deadline_is_open_and_listed_after_dated_ones(client):
    today = timezone.localdate()
    OpportunityFactory(title="Open ended", deadline=None)
    OpportunityFactory(title="Later", deadline=today + timedelta(days=40))
    OpportunityFactory(title="Sooner", deadline=today + timedelta(days=4))
    OpportunityFactory(title="Closed ended", deadline=None, closed=True)

    assert titles(client.get(URL)) == ["Sooner", "Later", "Open ended"]
    assert titles(client.get(URL + "?sort=deadline")) == ["Sooner", "Later", "Open ended"]


def test_paid_only_leaves_out_a_listing_that_does_not_state_its_pay(client):
    OpportunityFactory(title="Says paid", compensation_type=Compensation.HOURLY)
    OpportunityFactory(title="Says nothing", compensation_type="", compensation_amount=None)

    assert titles(client.get(URL + "?paid=1")) == ["Says paid"]
    assert titles(client.get(URL + "?paid=1&unstated=1")) == ["Says paid"]  # never for pay
    assert sorted(titles(client.get(URL))) == ["Says nothing", "Says paid"]


@pytest.mark.parametrize(
    ("query", "says", "too_much"),
    [
        ("max_weekly_hours=10", {"weekly_hours_min": 8, "weekly_hours_max": 12}, {}),
        ("max_weeks=3", {"duration_weeks": Decimal("3.0")}, {"duration_weeks": Decimal("4.0")}),
        ("deadline_after=2099-01-01", {"deadline": "2099-02-01"}, {"deadline": "2098-12-31"}),
        ("work_mode=onsite", {"work_mode": "onsite"}, {"work_mode": "hybrid"}),
        ("location=boston", {"locations": ["Boston, MA"]}, {"locations": ["Austin, TX"]}),
        ("term=Summer 2099", {"terms": ["Summer 2099"]}, {"terms": ["Fall 2099"]}),
        ("sponsorship=offers", {"sponsorship": "offers"}, {"sponsorship": "does_not_offer"}),
    ],
)
def test_a_filter_leaves_out_what_a_listing_does_not_state_unless_asked(
    client, query, says, too_much
):
    OpportunityFactory(title="Says so", **says)
    OpportunityFactory(
        title="Says otherwise", **({"weekly_hours_min": 12, "weekly_hours_max": 20} | too_much)
    )
    OpportunityFactory(title="Does not say", unstated=True)

    assert titles(client.get(f"{URL}?{query}")) == ["Says so"]
    response = client.get(f"{URL}?{query}&unstated=1")
    assert titles(response) == ["Says so", "Does not say"]
    assert "Including listings that don&#x27;t say" in response.content.decode()


def test_max_weeks_without_a_weekly_pace_is_length_not_stated(client):
    """30 hours in total but no hours a week: how many weeks it takes is not stated."""
    OpportunityFactory(
        title="Thirty hours", duration_weeks=None, total_hours=30, weekly_hours_min=None,
        weekly_hours_max=None,
    )  # fmt: skip

    assert titles(client.get(URL + "?max_weeks=5")) == []
    assert titles(client.get(URL + "?max_weeks=5&unstated=1")) == ["Thirty hours"]


def test_location_matches_any_of_the_locations_and_remote_adds_remote_ones(client):
    OpportunityFactory(title="Two cities", work_mode="", locations=["Austin, TX", "New York, NY"])
    OpportunityFactory(title="Remote", work_mode="", locations=["Remote in USA"])
    OpportunityFactory(title="Remote by mode", work_mode=WorkMode.REMOTE, locations=[])
    OpportunityFactory(title="Elsewhere", work_mode=WorkMode.ONSITE, locations=["Denver, CO"])
    OpportunityFactory(title="Percent", work_mode="", locations=["100% office"])

    def found(query):
        return sorted(titles(client.get(URL + query)))

    assert found("?location=new+york") == ["Two cities"]
    assert found("?location=NEW YORK") == ["Two cities"]
    assert found("?remote=1") == ["Remote", "Remote by mode"]
    assert found("?location=austin&remote=1") == ["Remote", "Remote by mode", "Two cities"]
    assert found("?work_mode=remote") == ["Remote", "Remote by mode"]
    assert found("?location=%25") == ["Percent"]  # % and _ are letters, not wildcards
    assert found("?location=_") == []


def test_term_choices_come_from_open_listings_in_calendar_order(client):
    OpportunityFactory(terms=["Fall 2099", "Summer 2099"])
    OpportunityFactory(terms=["Spring 2099", "Summer 2099"])
    OpportunityFactory(terms=["Co-op"])
    OpportunityFactory(terms=["Winter 2098"], closed=True)

    response = client.get(URL)

    choices = [value for value, _ in response.context["form"].fields["term"].choices]
    assert choices == ["", "Spring 2099", "Summer 2099", "Fall 2099", "Co-op"]
    bad = client.get(URL + "?term=Winter 2098")
    assert "term" in bad.context["form"].errors
    assert len(titles(bad)) == 3


def test_the_new_filters_show_as_chips_that_remove_them(client):
    OpportunityFactory(terms=["Summer 2099"])

    body = client.get(
        URL + "?location=Boston&remote=1&term=Summer+2099&sponsorship=offers&unstated=1"
    ).content.decode()

    for chip in ("In “Boston”", "Remote", "Term: Summer 2099", "Offers visa sponsorship"):
        assert chip in body
    assert (
        'href="/opportunities/?remote=1&amp;term=Summer+2099&amp;sponsorship=offers&amp;unstated=1"'
        in body
    )


def test_demo_listings_come_after_real_ones_in_every_order(client):
    today = timezone.localdate()
    OpportunityFactory(title="Demo soon", demo=True, deadline=today + timedelta(days=1))
    OpportunityFactory(title="Real later", deadline=today + timedelta(days=50))
    OpportunityFactory(title="Real open ended", deadline=None)
    newest = OpportunityFactory(title="Demo newest", demo=True)
    Opportunity.objects.filter(pk=newest.pk).update(published_at=timezone.now() + timedelta(days=1))

    assert titles(client.get(URL)) == ["Real later", "Real open ended", "Demo soon", "Demo newest"]
    newest_first = titles(client.get(URL + "?sort=newest"))
    assert newest_first[:2] == ["Real open ended", "Real later"]
    assert newest_first[2] == "Demo newest"
