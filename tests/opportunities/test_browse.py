"""/opportunities/: filters in the query string, sorting, pagination, bad input, htmx."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opportunities import views
from opportunities.models import Compensation, Format, Opportunity, WorkMode
from tests.factories import OpportunityFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

URL = "/opportunities/"


def titles(response) -> list[str]:
    """The titles of the page's listings, in order (a page lists ids)."""
    pks = list(response.context["page"].object_list)
    listings = Opportunity.objects.in_bulk(pks)
    return [listings[pk].title for pk in pks]


def test_only_open_listings_are_shown(client):
    OpportunityFactory(title="Open one")
    OpportunityFactory(title="Draft one", draft=True)
    OpportunityFactory(title="Closed one", closed=True)
    OpportunityFactory(title="Expired one", expired=True)
    OpportunityFactory(title="Closes today", deadline=timezone.localdate())

    response = client.get(URL)

    assert response.status_code == 200
    assert sorted(titles(response)) == ["Closes today", "Open one"]
    assert "2 open listings match." in response.content.decode()


def test_page_is_public_and_has_one_h1_and_a_plain_get_form(client):
    body = client.get(URL).content.decode()

    assert body.count("<h1") == 1
    assert 'method="get" action="/opportunities/"' in body
    assert 'hx-get="/opportunities/"' in body
    assert 'hx-target="#results"' in body
    assert 'hx-push-url="true"' in body
    for name in ("q", "sort", "family", "work_mode", "industry", "max_weekly_hours"):
        assert f'for="id_{name}"' in body
    assert 'name="format"' in body and 'name="skill"' in body


def test_empty_result_is_explained(client):
    OpportunityFactory(title="Paid task", work_mode=WorkMode.REMOTE)

    body = client.get(URL + "?work_mode=onsite&paid=1").content.decode()

    assert "0 open listings match." in body
    assert "No open listing matches all of these filters." in body
    assert "Remove one filter at a time" in body
    assert 'href="/opportunities/?paid=1"' in body  # removes the work-mode filter only


def test_filter_by_one_or_several_formats(client):
    OpportunityFactory(title="Micro", format__slug="micro-internship")
    OpportunityFactory(title="Nano", format__slug="nano-internship")
    OpportunityFactory(title="Long", format__slug="internship")

    assert titles(client.get(URL + "?format=nano-internship")) == ["Nano"]
    both = client.get(URL + "?format=nano-internship&format=internship")
    assert sorted(titles(both)) == ["Long", "Nano"]


def test_filter_by_family(client):
    OpportunityFactory(title="Micro", format__slug="micro-internship")
    OpportunityFactory(title="Flex", format__slug="flexternship")
    OpportunityFactory(title="Long", format__slug="internship")

    assert titles(client.get(URL + "?family=hybrid")) == ["Flex"]
    assert titles(client.get(URL + "?family=internship")) == ["Long"]


def test_filter_by_work_mode(client):
    OpportunityFactory(title="Remote", work_mode=WorkMode.REMOTE)
    OpportunityFactory(title="On site", work_mode=WorkMode.ONSITE, locations=["Boston, MA"])

    assert titles(client.get(URL + "?work_mode=onsite")) == ["On site"]


@pytest.mark.parametrize(
    ("compensation", "shown"),
    [
        (Compensation.HOURLY, True),
        (Compensation.FIXED_FEE, True),
        (Compensation.STIPEND, True),
        (Compensation.CREDIT, False),
        (Compensation.UNPAID, False),
    ],
)
def test_paid_only(client, compensation, shown):
    OpportunityFactory(compensation_type=compensation, compensation_amount=None)

    assert len(titles(client.get(URL + "?paid=1"))) == (1 if shown else 0)
    assert len(titles(client.get(URL))) == 1


def test_filter_by_industry(client):
    OpportunityFactory(title="Clinic", industry__slug="healthcare")
    OpportunityFactory(title="Agency", industry__slug="marketing")

    assert titles(client.get(URL + "?industry=healthcare")) == ["Clinic"]


def test_filter_by_skills_matches_any_and_lists_each_listing_once(client):
    OpportunityFactory(title="Both", skills=["python", "sql"])
    OpportunityFactory(title="Python", skills=["python"])
    OpportunityFactory(title="Writing", skills=["writing"])

    assert sorted(titles(client.get(URL + "?skill=python"))) == ["Both", "Python"]
    response = client.get(URL + "?skill=python&skill=sql")
    assert sorted(titles(response)) == ["Both", "Python"]
    assert response.context["paginator"].count == 2


def test_max_weekly_hours_keeps_listings_that_can_be_done_within_it(client):
    OpportunityFactory(title="Light", weekly_hours_min=2, weekly_hours_max=6)
    OpportunityFactory(title="Flexible", weekly_hours_min=10, weekly_hours_max=20)
    OpportunityFactory(title="Heavy", weekly_hours_min=30, weekly_hours_max=40)

    assert sorted(titles(client.get(URL + "?max_weekly_hours=10"))) == ["Flexible", "Light"]
    assert titles(client.get(URL + "?max_weekly_hours=5")) == ["Light"]


def test_max_weeks_reads_weeks_or_total_hours(client):
    OpportunityFactory(title="Two weeks", duration_weeks=Decimal("2.0"))
    OpportunityFactory(title="Ten weeks", duration_weeks=Decimal("10.0"))
    # 30 hours at up to 10 h/week: three weeks at the least.
    OpportunityFactory(
        title="Thirty hours", duration_weeks=None, total_hours=30, weekly_hours_max=10
    )

    assert titles(client.get(URL + "?max_weeks=2")) == ["Two weeks"]
    assert sorted(titles(client.get(URL + "?max_weeks=3"))) == ["Thirty hours", "Two weeks"]
    assert len(titles(client.get(URL + "?max_weeks=0.5"))) == 0


def test_deadline_after(client):
    today = timezone.localdate()
    OpportunityFactory(title="Soon", deadline=today + timedelta(days=3))
    OpportunityFactory(title="Later", deadline=today + timedelta(days=40))

    later = (today + timedelta(days=10)).isoformat()
    assert titles(client.get(URL + f"?deadline_after={later}")) == ["Later"]
    # A date in the past does not bring back expired listings.
    OpportunityFactory(title="Gone", expired=True)
    past = (today - timedelta(days=30)).isoformat()
    assert sorted(titles(client.get(URL + f"?deadline_after={past}"))) == ["Later", "Soon"]


def test_search_in_title_organization_and_summary(client):
    OpportunityFactory(title="Survey analysis", summary="Tidy answers.")
    OpportunityFactory(title="Poster", organization=OrganizationFactory(name="Survey Lab"))
    OpportunityFactory(title="Flyers", summary="Print the survey flyers.")
    OpportunityFactory(title="Unrelated")

    response = client.get(URL + "?q=survey")
    assert sorted(titles(response)) == ["Flyers", "Poster", "Survey analysis"]
    assert titles(client.get(URL + "?q=survey+flyers")) == ["Flyers"]


def test_filters_combine(client):
    OpportunityFactory(
        title="Match",
        format__slug="flashternship",
        work_mode=WorkMode.REMOTE,
        industry__slug="nonprofit",
        skills=["writing"],
        weekly_hours_min=3,
    )
    OpportunityFactory(
        title="Wrong industry",
        format__slug="flashternship",
        industry__slug="finance",
        skills=["writing"],
        weekly_hours_min=3,
    )
    OpportunityFactory(
        title="Too many hours",
        format__slug="flashternship",
        industry__slug="nonprofit",
        skills=["writing"],
        weekly_hours_min=8,
        weekly_hours_max=8,
    )
    OpportunityFactory(
        title="Unpaid",
        format__slug="flashternship",
        industry__slug="nonprofit",
        skills=["writing"],
        weekly_hours_min=3,
        compensation_type=Compensation.UNPAID,
        compensation_amount=None,
    )

    response = client.get(
        URL + "?format=flashternship&industry=nonprofit&skill=writing&max_weekly_hours=5"
        "&paid=1&work_mode=remote&family=micro"
    )

    assert titles(response) == ["Match"]


def test_default_sort_is_soonest_deadline(client):
    today = timezone.localdate()
    OpportunityFactory(title="Late", deadline=today + timedelta(days=50))
    OpportunityFactory(title="Early", deadline=today + timedelta(days=2))
    OpportunityFactory(title="Middle", deadline=today + timedelta(days=20))

    assert titles(client.get(URL)) == ["Early", "Middle", "Late"]
    # Best match needs search words; without them it falls back to the deadline.
    assert titles(client.get(URL + "?sort=relevance")) == ["Early", "Middle", "Late"]


def test_sort_newest(client):
    now = timezone.now()
    OpportunityFactory(title="Old", published_at=now - timedelta(days=9))
    OpportunityFactory(title="New", published_at=now - timedelta(hours=1))
    OpportunityFactory(title="Mid", published_at=now - timedelta(days=3))

    assert titles(client.get(URL + "?sort=newest")) == ["New", "Mid", "Old"]


def test_best_match_puts_title_matches_first(client):
    today = timezone.localdate()
    OpportunityFactory(
        title="Poster design",
        summary="Design a poster for the garden fair.",
        deadline=today + timedelta(days=2),
    )
    OpportunityFactory(title="Garden fair helper", deadline=today + timedelta(days=40))

    response = client.get(URL + "?q=garden+fair")

    assert response.context["form"].sort_order == "relevance"
    assert titles(response) == ["Garden fair helper", "Poster design"]
    assert titles(client.get(URL + "?q=garden+fair&sort=deadline")) == [
        "Poster design",
        "Garden fair helper",
    ]


def test_pagination_keeps_the_filters(client, monkeypatch):
    monkeypatch.setattr(views, "LISTINGS_PER_PAGE", 2)
    for _ in range(5):
        OpportunityFactory(skills=["python"], work_mode=WorkMode.REMOTE)
    OpportunityFactory(work_mode=WorkMode.ONSITE)

    response = client.get(URL + "?work_mode=remote&skill=python&page=2")

    page = response.context["page"]
    assert page.number == 2 and page.paginator.num_pages == 3
    body = response.content.decode()
    assert 'href="?work_mode=remote&amp;skill=python&amp;page=3"' in body
    assert 'href="?work_mode=remote&amp;skill=python&amp;page=1"' in body


@pytest.mark.parametrize("page", ["999999", "-1", "0", "abc", "%00", "1e9"])
def test_bad_page_numbers_give_the_nearest_page(client, monkeypatch, page):
    monkeypatch.setattr(views, "LISTINGS_PER_PAGE", 2)
    for _ in range(3):
        OpportunityFactory()

    response = client.get(URL + f"?page={page}")

    assert response.status_code == 200
    assert response.context["page"].number in (1, 2)
    assert len(titles(response)) in (1, 2)


def test_a_page_past_the_end_says_so(client):
    OpportunityFactory()

    body = client.get(URL + "?page=999999").content.decode()

    assert "There is only 1 page of results" in body


def test_count_is_capped_and_pages_stop_at_the_cap(client, monkeypatch):
    monkeypatch.setattr(views, "MATCHES_SHOWN", 5)
    monkeypatch.setattr(views, "LISTINGS_PER_PAGE", 2)
    for _ in range(7):
        OpportunityFactory()

    response = client.get(URL + "?page=99")

    paginator = response.context["paginator"]
    assert paginator.is_capped and paginator.count == 5
    assert paginator.num_pages == 3
    assert len(titles(response)) == 1  # the fifth match, on the last page
    body = response.content.decode()
    assert "More than 5 open listings match; showing the first 5." in body
    assert "Only the first 5 matches are shown." in body


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("max_weekly_hours=abc", "max_weekly_hours", "Enter a whole number."),
        ("max_weekly_hours=500", "max_weekly_hours", "less than or equal to 80"),
        ("max_weeks=-2", "max_weeks", "greater than or equal to 0.1"),
        ("max_weeks=2.25", "max_weeks", "no more than 1 decimal place"),
        ("format=nope", "format", "“nope” is not one of the choices."),
        ("skill=nope&skill=python", "skill", "“nope” is not one of the choices."),
        ("industry=nope", "industry", "Select a valid choice."),
        ("family=nope", "family", "Select a valid choice."),
        ("work_mode=moon", "work_mode", "Select a valid choice."),
        ("sort=random", "sort", "Select a valid choice."),
        ("deadline_after=yesterday", "deadline_after", "Enter a valid date."),
        ("deadline_after=2026-02-30", "deadline_after", "Enter a valid date."),
        ("q=" + "x" * 10_000, "q", "at most 200 characters"),
        ("q=data%00base", "q", "Null characters are not allowed."),
        ("format=%00", "format", "Null characters are not allowed."),
        ("industry=%00", "industry", "Null characters are not allowed."),
        ("deadline_after=%00", "deadline_after", "Enter a valid date."),
        ("max_weekly_hours=%00", "max_weekly_hours", "Enter a whole number."),
    ],
)
def test_bad_values_are_reported_and_the_other_filters_still_apply(client, query, field, message):
    OpportunityFactory(title="Remote", work_mode=WorkMode.REMOTE)
    OpportunityFactory(title="On site", work_mode=WorkMode.ONSITE)
    if field == "work_mode":
        expected = ["On site", "Remote"]
        response = client.get(URL + f"?{query}&paid=1")
    else:
        expected = ["Remote"]
        response = client.get(URL + f"?{query}&work_mode=remote")

    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert sorted(titles(response)) == expected
    body = response.content.decode()
    assert "Some filters could not be used" in body
    assert f'id="id_{field}_error"' in body or f'id="error_1_id_{field}"' in body


def test_an_empty_value_is_no_filter(client):
    OpportunityFactory()

    response = client.get(URL + "?q=&format=&industry=&max_weeks=&sort=&paid=")

    assert not response.context["form"].errors
    assert len(titles(response)) == 1


def test_htmx_gets_only_the_results_fragment(client):
    OpportunityFactory(title="Remote", work_mode=WorkMode.REMOTE)

    response = client.get(URL + "?work_mode=remote", headers={"HX-Request": "true"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "<h1" not in body
    assert "1 open listing matches." in body
    assert "HX-Request" in response["Vary"]


def test_htmx_pushes_an_address_with_only_the_filters_in_use(client):
    response = client.get(
        URL + "?q=&format=nano-internship&format=&paid=1&industry=&sort=",
        headers={"HX-Request": "true"},
    )

    assert response["HX-Push-Url"] == "/opportunities/?format=nano-internship&paid=1"


def test_paid_checkbox_sends_paid_1(client):
    body = client.get(URL + "?paid=1").content.decode()

    assert 'name="paid" value="1"' in body and "checked" in body


def test_htmx_history_restore_gets_the_whole_page(client):
    response = client.get(URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})

    assert "<html" in response.content.decode()


def _browse_queries(client, url) -> int:
    client.get(url)  # warm-up: the catalogue each process keeps (opportunities.catalogue)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_page_size_or_skills(client, student):
    client.force_login(student)
    OpportunityFactory(skills=["python"])
    OpportunityFactory(skills=["sql"])
    few = _browse_queries(client, URL + "?skill=python&skill=sql")

    skills = ["python", "sql", "writing", "excel", "research", "teamwork"]
    for _ in range(18):
        OpportunityFactory(skills=skills, organization=OrganizationFactory())
    many = _browse_queries(client, URL + "?skill=python&skill=sql")

    assert many == few


def test_query_count_has_a_fixed_ceiling(client, django_assert_max_num_queries):
    for _ in range(20):
        OpportunityFactory(skills=["python", "sql", "writing"])

    # count, page rows, their skills, and the catalogue a cold process reads (formats,
    # industries, skills, the terms of open listings, search synonyms), plus validating the
    # chosen format.
    with django_assert_max_num_queries(10):
        client.get(URL + "?format=micro-internship&q=marketing&sort=newest")


def test_listing_cards_link_with_the_slug(client):
    listing = OpportunityFactory(title="Data Wrangler & Co")

    body = client.get(URL).content.decode()

    assert f'href="/opportunities/{listing.pk}/data-wrangler-co/"' in body


def test_every_format_filter_choice_is_an_active_format(client):
    Format.objects.filter(slug="gigternship").update(is_active=False)

    response = client.get(URL + "?format=gigternship")

    assert "format" in response.context["form"].errors
