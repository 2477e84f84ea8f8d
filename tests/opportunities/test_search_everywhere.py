"""Search on either database (PostgreSQL's full text, SQLite's substrings): what is typed,
synonyms from the admin, and demo listings after real ones."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opportunities.models import Opportunity, SearchSynonym
from tests.factories import OpportunityFactory, OrganizationFactory
from tests.opportunities.test_browse import titles

pytestmark = pytest.mark.django_db

URL = "/opportunities/"


def found(client, q, **more) -> list[str]:
    return sorted(titles(client.get(URL, {"q": q, **more})))


def test_the_beginning_of_a_word_finds_it(client):
    OpportunityFactory(title="Quantitative research intern")
    OpportunityFactory(title="Quarry survey")

    assert found(client, "quant") == ["Quantitative research intern"]
    assert found(client, "quant", sort="deadline") == ["Quantitative research intern"]


def test_quoted_phrases_and_excluded_words(client):
    OpportunityFactory(title="Bakery driver", summary="Deliveries.")
    OpportunityFactory(title="Driver for a bakery", summary="Bread and cakes.")

    assert found(client, '"bakery driver"') == ["Bakery driver"]
    assert found(client, "bakery -cakes") == ["Bakery driver"]
    assert found(client, 'bakery -"bread and cakes"') == ["Bakery driver"]


@pytest.mark.parametrize(
    ("q", "shown"),
    [
        ("ML", ["Applied ML intern", "Machine learning intern"]),
        ("machine learning", ["Applied ML intern", "Machine learning intern"]),
        ("SWE", ["Software engineering intern", "SWE co-op"]),
        ("software engineer", ["Software engineering intern", "SWE co-op"]),
        ("UX", ["User experience researcher"]),
        ("product manager", ["APM program", "Product manager intern"]),
    ],
)
def test_seeded_synonyms_find_each_other(client, q, shown):
    for title in (
        "Machine learning intern",
        "Applied ML intern",
        "Software engineering intern",
        "SWE co-op",
        "User experience researcher",
        "Product manager intern",
        "Machining shop helper",  # out of every set
        "Experienced user panel",
    ):
        OpportunityFactory(title=title)
    OpportunityFactory(title="APM program", summary="Our PM track for new graduates.")

    assert found(client, q) == sorted(shown)


def test_a_synonym_added_in_the_admin_is_used_at_once(client):
    OpportunityFactory(title="Data science fellow")
    OpportunityFactory(title="DS analyst")
    assert found(client, "ds") == ["DS analyst"]

    SearchSynonym.objects.create(term="DS", equivalents="data science")

    assert found(client, "ds") == ["DS analyst", "Data science fellow"]
    assert found(client, "data science") == ["DS analyst", "Data science fellow"]


def test_demo_listings_never_outrank_real_ones(client):
    today = timezone.localdate()
    OpportunityFactory(title="Harbor harbor harbor survey", demo=True, deadline=today)
    OpportunityFactory(
        title="Night shift", summary="Near the harbor.", deadline=today + timedelta(days=80)
    )
    OpportunityFactory(title="Harbor ferry", demo=True, deadline=today + timedelta(days=1))
    OpportunityFactory(title="Harbor desk", deadline=None)
    OpportunityFactory(title="Bakery", deadline=today)  # not a match

    for sort in ("relevance", "deadline", "newest"):
        shown = titles(client.get(URL, {"q": "harbor", "sort": sort}))
        assert sorted(shown[:2]) == ["Harbor desk", "Night shift"], sort
        assert sorted(shown[2:]) == ["Harbor ferry", "Harbor harbor harbor survey"], sort


HOSTILE = [
    '"bakery',
    'bakery"',
    "bakery & | ! (",
    "-",
    "- -",
    "OR",
    "or or bakery or",
    "'; DROP TABLE x; --",
    "a:*",
    "bakery:* | !x",
    "<-> <2>",
    "\\",
    "\\'",
    "ü ñ 数据",
    "🎓",
    "x" * 200,
    " ".join(["bakery"] * 60)[:200],
    "%",
    "_",
    "ML -ML",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_any_typed_text_is_a_valid_query(client, q):
    OpportunityFactory(title="Bakery intern", organization=OrganizationFactory(name="O'Brien"))

    for sort in ("relevance", "deadline"):
        response = client.get(URL, {"q": q, "sort": sort})
        assert response.status_code == 200
    assert Opportunity.objects.open().by_relevance(q) is not None
