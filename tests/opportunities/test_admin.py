"""The Django admin for the catalogue: smoke tests, actions, counts and CSV import/export."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from opportunities.importing import import_listings
from opportunities.models import (
    Format,
    Industry,
    Opportunity,
    Organization,
    SavedOpportunity,
    SearchSynonym,
    Skill,
    Status,
)
from opportunities.resources import OpportunityResource
from tests.factories import OpportunityFactory, OrganizationFactory, SavedOpportunityFactory

pytestmark = pytest.mark.django_db

MODELS = [Format, Industry, Skill, Organization, Opportunity, SavedOpportunity, SearchSynonym]


@pytest.fixture
def one_of_each():
    return {
        Format: Format.objects.get(slug="internship"),
        Industry: Industry.objects.get(slug="design"),
        Skill: Skill.objects.get(slug="python"),
        Organization: OrganizationFactory(),
        Opportunity: OpportunityFactory(skills=["python"]),
        SavedOpportunity: SavedOpportunityFactory(),
        SearchSynonym: SearchSynonym.objects.get(term="ML"),
    }


def admin_url(model, action, *args):
    return reverse(f"admin:opportunities_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_answer(admin_client_, one_of_each, model):
    obj = one_of_each[model]

    assert admin_client_.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client_.get(admin_url(model, "changelist") + "?q=a").status_code == 200
    assert admin_client_.get(admin_url(model, "add")).status_code == 200
    assert admin_client_.get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_students_and_advisors_cannot_open_the_admin(client, student, advisor, model):
    for user in (student, advisor):
        client.force_login(user)
        response = client.get(admin_url(model, "changelist"))
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_opportunity_filters_answer(admin_client_):
    OpportunityFactory()
    url = admin_url(Opportunity, "changelist")

    for query in (
        "?status__exact=published",
        "?format__family=micro",
        "?work_mode=remote",
        "?work_mode__exact=",
        "?is_demo__exact=1",
        "?sponsorship__exact=offers",
    ):
        assert admin_client_.get(url + query).status_code == 200


def test_format_changelist_counts_listings_in_one_query(
    admin_client_, django_assert_max_num_queries
):
    for _ in range(3):
        OpportunityFactory(format=Format.objects.get(slug="flashternship"))

    with django_assert_max_num_queries(12):
        response = admin_client_.get(admin_url(Format, "changelist"))

    body = response.content.decode()
    assert "3 listings" in body
    assert "0 listings" in body


def test_skill_in_use_filter(admin_client_):
    OpportunityFactory(skills=["python"])

    response = admin_client_.get(admin_url(Skill, "changelist") + "?in_use=yes")

    assert [s.slug for s in response.context["cl"].result_list] == ["python"]


def test_format_order_and_active_are_editable_in_the_list(admin_client_):
    formats = list(Format.objects.order_by("display_order", "name"))
    data = {
        "form-TOTAL_FORMS": str(len(formats)),
        "form-INITIAL_FORMS": str(len(formats)),
        "_save": "Save",
    }
    for i, fmt in enumerate(formats):
        data[f"form-{i}-id"] = str(fmt.pk)
        data[f"form-{i}-display_order"] = str(fmt.display_order)
        if fmt.is_active and fmt.slug != "gigternship":
            data[f"form-{i}-is_active"] = "on"
        if fmt.slug == "nano-internship":
            data[f"form-{i}-display_order"] = "1"

    response = admin_client_.post(admin_url(Format, "changelist"), data)

    assert response.status_code == 302
    assert not Format.objects.get(slug="gigternship").is_active
    assert Format.objects.get(slug="nano-internship").display_order == 1


def test_publish_and_close_actions(admin_client_):
    draft = OpportunityFactory(draft=True)
    published = OpportunityFactory()
    url = admin_url(Opportunity, "changelist")

    response = admin_client_.post(
        url, {"action": "publish", "_selected_action": [draft.pk, published.pk]}, follow=True
    )
    assert "1 listing published." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.published_at

    admin_client_.post(url, {"action": "close", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.CLOSED and draft.closed_at


def test_adding_a_listing_in_the_admin(admin_client_):
    org = OrganizationFactory()
    data = {
        "title": "Grant research",
        "organization": org.pk,
        "format": Format.objects.get(slug="flashternship").pk,
        "industry": Industry.objects.get(slug="nonprofit").pk,
        "skills": [Skill.objects.get(slug="grant-writing").pk],
        "summary": "Find three grants.",
        "description": "Search the funders' lists.",
        "work_mode": "remote",
        "weekly_hours_min": 2,
        "weekly_hours_max": 5,
        "total_hours": 12,
        "deadline": "2099-01-31",
        "compensation_type": "fixed_fee",
        "compensation_amount": "250",
        "apply_url": "https://example.org/apply",
        "status": "published",
    }

    response = admin_client_.post(admin_url(Opportunity, "add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    listing = Opportunity.objects.get(title="Grant research")
    assert listing.slug == "grant-research"
    assert listing.published_at is not None
    assert list(listing.skills.values_list("slug", flat=True)) == ["grant-writing"]


def test_admin_form_rejects_a_bad_range(admin_client_):
    fmt = Format.objects.get(slug="internship")
    response = admin_client_.get(admin_url(Format, "change", fmt.pk))
    data = {
        k: v
        for k, v in response.context["adminform"].form.initial.items()
        if v is not None and k != "id"
    }
    data.update(weekly_hours_min=30, weekly_hours_max=10)

    response = admin_client_.post(admin_url(Format, "change", fmt.pk), data)

    assert response.status_code == 200
    assert "Weekly hours: minimum at most maximum" in response.content.decode()
    assert Format.objects.get(slug="internship").weekly_hours_min == 10


# --- CSV export, and importing it back ---------------------------------------------------------
# Importing itself is tested in test_importing.py (the pipeline) and test_import_admin.py.


def export(client) -> list[dict[str, str]]:
    fields = {
        f"opportunityresource_{name}": "on" for name in OpportunityResource().get_export_order()
    }
    response = client.post(
        admin_url(Opportunity, "export"), {"format": "0", "resource": "0", **fields}
    )
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_export_import_round_trip(admin_client_):
    listing = OpportunityFactory(
        title='=HYPERLINK("http://evil.example")',
        summary="-40% of the time on site",
        skills=["writing", "research"],
        locations=["Lyon, France", "Remote"],
        terms=["Summer 2025"],
    )

    rows = export(admin_client_)

    assert len(rows) == 1
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil.example")'  # formula defused
    assert rows[0]["organization"] == listing.organization.name
    assert rows[0]["format"] == "micro-internship"
    assert set(rows[0]["skills"].split(",")) == {"writing", "research"}
    assert rows[0]["locations"] == "Lyon, France; Remote"

    # Edit the file and import it back: the same listing is updated, not duplicated.
    rows[0]["title"] = "Research writer"
    rows[0]["skills"] = "writing"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    result = import_listings(
        io.BytesIO(buffer.getvalue().encode()), source="csv", format="csv", whole_feed=False
    )

    assert (result.updated, result.created, result.rejected) == (1, 0, 0), result.errors
    listing.refresh_from_db()
    assert Opportunity.objects.count() == 1
    assert listing.title == "Research writer"
    assert listing.summary == "-40% of the time on site"  # the defusing quote is read back off
    assert list(listing.skills.values_list("slug", flat=True)) == ["writing"]
    assert listing.locations == ["Lyon, France", "Remote"] and listing.terms == ["Summer 2025"]


def test_an_exported_imported_listing_exports_again_the_same(admin_client_):
    """Every exported column is read back to what it was (dates, decimals, lists, choices)."""
    OpportunityFactory(
        external_source="simplify",
        external_id="abc",
        posted_at=timezone.now().replace(microsecond=0),
        sponsorship="offers",
        compensation_amount=Decimal("12.50"),
        skills=["python"],
    )
    rows = export(admin_client_)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)

    data = io.BytesIO(buffer.getvalue().encode())
    result = import_listings(data, source="simplify", format="csv")

    assert result.ok and result.updated == 1, result.errors
    assert export(admin_client_) == rows


def test_export_page_answers(admin_client_):
    assert admin_client_.get(admin_url(Opportunity, "export")).status_code == 200


@pytest.mark.postgres
def test_admin_save_refreshes_the_search_column(admin_client_):
    listing = OpportunityFactory(title="Helper")
    response = admin_client_.get(admin_url(Opportunity, "change", listing.pk))
    data = {
        k: v
        for k, v in response.context["adminform"].form.initial.items()
        if v is not None and k != "id"
    }
    data["skills"] = [Skill.objects.get(slug="translation").pk]
    data["title"] = "Harbour helper"

    admin_client_.post(admin_url(Opportunity, "change", listing.pk), data)

    assert list(Opportunity.objects.search("translation")) == [listing]
    assert list(Opportunity.objects.search("harbour")) == [listing]


def test_adding_a_listing_that_states_little_in_the_admin(admin_client_):
    data = {
        "title": "Quant research intern",
        "organization": OrganizationFactory().pk,
        "format": Format.objects.get(slug="internship").pk,
        "locations": "New York, NY\r\n\r\n  Remote in USA  \r\n",
        "terms": "Summer 2099",
        "apply_url": "https://example.org/" + "a" * 1900,
        "status": "published",
    }

    response = admin_client_.post(admin_url(Opportunity, "add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    listing = Opportunity.objects.get(title="Quant research intern")
    assert listing.locations == ["New York, NY", "Remote in USA"]
    assert listing.terms == ["Summer 2099"]
    assert listing.is_remote
    assert (listing.industry, listing.deadline, listing.weekly_hours_min) == (None, None, None)
    assert (listing.work_mode, listing.compensation_type, listing.sponsorship) == ("", "", "")
    page = admin_client_.get(admin_url(Opportunity, "change", listing.pk)).content.decode()
    assert "New York, NY\nRemote in USA</textarea>" in page


def test_an_organization_spelled_differently_is_the_same_organization(admin_client_):
    OrganizationFactory(name="Acme, Inc.", slug="acme")

    response = admin_client_.post(
        admin_url(Organization, "add"), {"name": "ACME inc", "slug": "acme-2"}
    )

    assert response.status_code == 200
    assert "“Acme, Inc.” is already this organization" in response.content.decode()
    assert Organization.objects.count() == 1
    assert Organization.objects.get().name_key == "acmeinc"


def test_search_synonyms_are_edited_in_the_admin(admin_client_):
    response = admin_client_.post(
        admin_url(SearchSynonym, "add"), {"term": "ds", "equivalents": "data science"}
    )
    duplicate = admin_client_.post(
        admin_url(SearchSynonym, "add"), {"term": "Ml", "equivalents": "anything"}
    )

    assert response.status_code == 302
    assert SearchSynonym.objects.get(term="ds").phrases() == ["ds", "data science"]
    assert duplicate.status_code == 200
    assert "There is already a synonym entry for this term." in duplicate.content.decode()


def test_listings_filter_by_source(admin_client_):
    OpportunityFactory(title="From the feed", external_source="simplify", external_id="1")
    OpportunityFactory(title="Typed in")
    url = admin_url(Opportunity, "changelist")

    def shown(query):
        return sorted(o.title for o in admin_client_.get(url + query).context["cl"].result_list)

    assert shown("?source=simplify") == ["From the feed"]
    assert shown("?source=-") == ["Typed in"]
    assert 'href="?source=simplify"' in admin_client_.get(url).content.decode()


def test_a_formats_distinctions_are_edited_in_the_admin(admin_client_):
    fmt = Format.objects.get(slug="remote-micro-engagement")
    page = admin_client_.get(admin_url(Format, "change", fmt.pk))
    form = page.context["adminform"].form
    data = {
        name: form[name].value()
        for name in form.fields
        if form[name].value() is not None and name != "work_modes"
    }

    refused = admin_client_.post(admin_url(Format, "change", fmt.pk), data | {"work_modes": []})
    saved = admin_client_.post(
        admin_url(Format, "change", fmt.pk),
        data | {"work_modes": ["remote", "hybrid"], "made_for": "busy_term"},
    )

    assert (fmt.work_modes, fmt.made_for) == (["remote"], "")  # as migration 0013 seeds it
    assert refused.status_code == 200
    assert "work_modes" in refused.context["adminform"].form.errors
    assert saved.status_code == 302
    fmt.refresh_from_db()
    assert (fmt.work_modes, fmt.made_for) == (["remote", "hybrid"], "busy_term")
