"""The public formats guide, a format's page and the comparison page."""

import re

import pytest

from opportunities.models import Format
from tests.factories import FormatFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def test_guide_is_public_and_lists_every_active_format(client):
    response = client.get("/formats/")

    assert response.status_code == 200
    body = response.content.decode()
    for fmt in Format.objects.all():
        assert f'href="/formats/{fmt.slug}/"' in body
    assert body.count("<h1") == 1


def test_guide_tables_are_accessible_and_grouped_by_family(client):
    body = client.get("/formats/").content.decode()

    assert body.count("<caption>") == 3
    assert body.count('<div class="table-responsive">') == 3
    assert '<th scope="col"' in body
    assert '<th scope="row">Application process</th>' in body
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", body)
    assert headings[:3] == [
        "Internships",
        "Hybrid formats",
        "Micro-internships and other short formats",
    ]


def test_guide_reads_the_criteria_from_the_data(client):
    Format.objects.filter(slug="nano-internship").update(
        weekly_hours_min=3, weekly_hours_max=9, name="Nano gig"
    )
    body = client.get("/formats/").content.decode()

    assert "Nano gig" in body
    assert "3–9 hours a week" in body


def test_guide_leaves_out_inactive_formats(client):
    Format.objects.filter(slug="gigternship").update(is_active=False)

    body = client.get("/formats/").content.decode()

    assert 'href="/formats/gigternship/"' not in body
    assert client.get("/formats/gigternship/").status_code == 404


def test_format_page_shows_criteria_and_open_listings_only(client):
    open_listing = OpportunityFactory(title="Open flash task", format__slug="flashternship")
    OpportunityFactory(title="Old flash task", format__slug="flashternship", expired=True)
    OpportunityFactory(title="Draft flash task", format__slug="flashternship", draft=True)
    OpportunityFactory(title="A micro task")  # another format

    response = client.get("/formats/flashternship/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Flashternship</h1>" in body
    assert "2–8 hours a week" in body
    assert open_listing.get_absolute_url() in body
    assert "Old flash task" not in body
    assert "Draft flash task" not in body
    assert "A micro task" not in body


def test_format_page_links_to_all_listings_when_there_are_more(client):
    for _ in range(11):
        OpportunityFactory(format=Format.objects.get(slug="nano-internship"))

    body = client.get("/formats/nano-internship/").content.decode()

    assert 'href="/opportunities/?format=nano-internship"' in body
    assert "See all 11 open" in body


def test_unknown_format_is_404(client):
    assert client.get("/formats/no-such-format/").status_code == 404


def test_compare_two_formats_side_by_side(client):
    response = client.get("/formats/compare/?f=internship&f=micro-internship")

    assert response.status_code == 200
    body = response.content.decode()
    assert "<caption>Internship and Micro-internship side by side.</caption>" in body
    assert "6–26 weeks" in body
    assert "Half a day to 3 weeks" in body
    assert "Formal, with interviews" in body
    assert "Simple, often platform-based" in body


def test_compare_three_formats(client):
    response = client.get("/formats/compare/?f=internship&f=flexternship&f=nano-internship")

    assert response.status_code == 200
    assert response.context["formats"] == list(
        Format.objects.filter(slug__in=["internship", "flexternship", "nano-internship"])
    )


def test_compare_without_a_choice_shows_the_picker(client):
    response = client.get("/formats/compare/")

    assert response.status_code == 200
    assert response.context["formats"] == []
    assert not response.context["form"].errors
    assert 'name="f"' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?f=internship", "Pick at least two formats to compare."),
        ("?f=internship&f=internship", "Pick at least two formats to compare."),
        ("?f=internship&f=nope", "“nope” is not one of the choices."),
        (
            "?f=internship&f=flashternship&f=gigternship&f=flexternship",
            "Pick at most three formats (you picked 4).",
        ),
        ("?f=%00", "Null characters are not allowed."),
        ("?f=", "Pick at least two formats to compare."),
    ],
)
def test_compare_explains_bad_choices(client, query, message):
    response = client.get("/formats/compare/" + query)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["formats"] == []


def test_a_format_cannot_take_the_compare_slug():
    fmt = FormatFactory.build(slug="compare")
    with pytest.raises(Exception, match="is the name of a page"):
        fmt.full_clean()
