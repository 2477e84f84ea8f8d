"""Full-text search on PostgreSQL: stemming, weights, ranking, the bounded candidate set."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from opportunities.models import Opportunity, Organization, Skill
from tests.factories import OpportunityFactory, OrganizationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

URL = "/opportunities/"


def titles(response) -> list[str]:
    """The titles of the page's listings, in order (a page lists ids)."""
    pks = list(response.context["page"].object_list)
    listings = Opportunity.objects.in_bulk(pks)
    return [listings[pk].title for pk in pks]


def test_the_search_column_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'opportunity_search_idx'")
        (definition,) = cursor.fetchone()
    assert "USING gin (search_vector)" in definition


def test_search_finds_word_forms(client):
    OpportunityFactory(title="Designing a newsletter")
    OpportunityFactory(title="Bookkeeping")

    assert titles(client.get(URL + "?q=design")) == ["Designing a newsletter"]


def test_search_covers_organization_description_and_skills(client):
    OpportunityFactory(title="A", organization=OrganizationFactory(name="Heron Observatory"))
    OpportunityFactory(title="B", description="You will calibrate the telescope mirrors.")
    OpportunityFactory(title="C", skills=["cybersecurity"])
    OpportunityFactory(title="D")

    assert titles(client.get(URL + "?q=heron")) == ["A"]
    assert titles(client.get(URL + "?q=telescope")) == ["B"]
    assert titles(client.get(URL + "?q=cybersecurity")) == ["C"]


def test_title_outranks_summary_outranks_description(client):
    today = timezone.localdate()
    OpportunityFactory(
        title="Helper", description="Some bakery work.", deadline=today + timedelta(days=1)
    )
    OpportunityFactory(
        title="Assistant", summary="Help a bakery.", deadline=today + timedelta(days=2)
    )
    OpportunityFactory(title="Bakery intern", deadline=today + timedelta(days=3))

    assert titles(client.get(URL + "?q=bakery")) == ["Bakery intern", "Assistant", "Helper"]
    assert titles(client.get(URL + "?q=bakery&sort=deadline")) == [
        "Helper",
        "Assistant",
        "Bakery intern",
    ]


@pytest.mark.parametrize(
    "q", ['"bakery', "bakery & | ! (", "-", "OR", "'; DROP TABLE x; --", "a:*", "ü ñ 数据"]
)
def test_any_typed_text_is_a_valid_query(client, q):
    OpportunityFactory(title="Bakery intern")

    response = client.get(URL, {"q": q})

    assert response.status_code == 200


def test_websearch_syntax(client):
    OpportunityFactory(title="Bakery intern", summary="Bread and cakes.")
    OpportunityFactory(title="Bakery driver", summary="Deliveries.")

    assert titles(client.get(URL, {"q": "bakery -cakes"})) == ["Bakery driver"]
    assert titles(client.get(URL, {"q": '"bakery driver"'})) == ["Bakery driver"]


def test_only_stop_words_match_nothing(client):
    OpportunityFactory(title="The intern")

    response = client.get(URL, {"q": "the"})

    assert response.status_code == 200
    assert titles(response) == []
    assert "No open listing matches this filter." in response.content.decode()


def test_vector_follows_skill_changes_after_update():
    listing = OpportunityFactory(title="Helper")
    listing.skills.add(Skill.objects.get(slug="translation"))
    assert not Opportunity.objects.search("translation").exists()

    Opportunity.objects.filter(pk=listing.pk).update_search_vector()

    assert list(Opportunity.objects.search("translation")) == [listing]


def ranked_ids(text: str, **kwargs) -> list[int]:
    return Opportunity.objects.open().by_relevance(text, **kwargs)


def test_relevance_ranks_only_the_newest_candidates():
    now = timezone.now()
    old_best = OpportunityFactory(
        title="Harbor harbor harbor", published_at=now - timedelta(days=30)
    )
    newer = [
        OpportunityFactory(summary="Near the harbor.", published_at=now - timedelta(days=d))
        for d in (1, 2)
    ]

    assert set(ranked_ids("harbor", candidates=2)) == {o.pk for o in newer}
    assert ranked_ids("harbor")[0] == old_best.pk


def test_relevance_breaks_ties_newest_first_in_one_query(django_assert_num_queries):
    now = timezone.now()
    ties = [
        OpportunityFactory(title="Harbor survey", published_at=now - timedelta(days=d))
        for d in (3, 1, 2)
    ]
    best = OpportunityFactory(title="Harbor harbor survey", published_at=now - timedelta(days=9))

    with django_assert_num_queries(1):
        ranked = Opportunity.objects.open().by_relevance("harbor")

    assert ranked == [o.pk for o in (best, ties[1], ties[2], ties[0])]


def test_broad_search_says_there_are_more_than_shown(client, monkeypatch):
    from opportunities import views

    monkeypatch.setattr(views, "MATCHES_SHOWN", 3)
    for _ in range(5):
        OpportunityFactory(title="Harbor survey")

    response = client.get(URL + "?q=harbor")

    assert response.context["form"].sort_order == "relevance"
    assert response.context["paginator"].is_capped
    assert len(titles(response)) == 3
    assert "More than 3 open listings match" in response.content.decode()


# --- prefixes, synonyms and demo listings (issue 14) ------------------------------------------


def test_a_word_finds_longer_words_it_begins(client):
    OpportunityFactory(title="Quantitative research intern")
    OpportunityFactory(title="Node.js developer")
    OpportunityFactory(title="Quarry survey")

    assert titles(client.get(URL, {"q": "quant"})) == ["Quantitative research intern"]
    assert titles(client.get(URL, {"q": "quantitative resea"})) == ["Quantitative research intern"]
    assert titles(client.get(URL, {"q": "node"})) == ["Node.js developer"]


def test_short_words_are_not_prefixes(client):
    OpportunityFactory(title="Aim high: AI tools")
    OpportunityFactory(title="Aid agency helper")

    assert titles(client.get(URL, {"q": "ai"})) == ["Aim high: AI tools"]


def test_an_excluded_word_is_not_a_prefix(client):
    OpportunityFactory(title="Database administrator")
    OpportunityFactory(title="Data administrator")

    assert titles(client.get(URL, {"q": "administrator -data"})) == ["Database administrator"]


def test_or_takes_either(client):
    OpportunityFactory(title="Bakery intern")
    OpportunityFactory(title="Brewery intern")
    OpportunityFactory(title="Dairy intern")

    assert sorted(titles(client.get(URL, {"q": "bakery or brewery"}))) == [
        "Bakery intern",
        "Brewery intern",
    ]


def test_a_short_synonym_is_a_whole_word(client):
    """SQLite finds substrings; PostgreSQL's "swe" is a word, not the start of "sweater"."""
    OpportunityFactory(title="SWE co-op")
    OpportunityFactory(title="Sweater designer")

    assert titles(client.get(URL, {"q": "swe"})) == ["SWE co-op"]


@pytest.mark.parametrize(
    ("model", "post"),
    [
        (Skill, lambda skill: {"name": "Astrolabe repair", "slug": skill.slug}),
        (
            Organization,
            lambda org: {
                "name": "Astrolabe Works",
                "slug": org.slug,
                "website": "",
                "industry": "",
            },
        ),
    ],
    ids=["skill", "organization"],
)
def test_renaming_in_the_admin_refreshes_the_listings_search_column(admin_client_, model, post):
    listing = OpportunityFactory(title="Helper", skills=["python"])
    row = listing.skills.get() if model is Skill else listing.organization
    url = reverse(f"admin:opportunities_{model._meta.model_name}_change", args=[row.pk])

    response = admin_client_.post(url, post(row))

    assert response.status_code == 302
    assert list(Opportunity.objects.search("astrolabe")) == [listing]
