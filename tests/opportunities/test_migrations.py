"""The data migrations of issue 14, run forward and back on rows written before them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("opportunities", "0006_opportunity_match_idx_covering")]
AFTER = [("opportunities", "0011_seed_search_synonyms")]


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.fixture
def at_0006(transactional_db, django_db_serialized_rollback):
    """The database as it was before issue 14's migrations, put back to the latest after."""
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _listing(apps, organization, **values):
    Format, Industry = (
        apps.get_model("opportunities", "Format"),
        apps.get_model("opportunities", "Industry"),
    )
    return apps.get_model("opportunities", "Opportunity").objects.create(
        title="Old listing",
        slug="old-listing",
        organization=organization,
        format=Format.objects.get(slug="micro-internship"),
        industry=Industry.objects.get(slug="technology"),
        summary="s",
        description="d",
        weekly_hours_min=5,
        weekly_hours_max=10,
        duration_weeks=2,
        deadline="2099-01-01",
        compensation_type="unpaid",
        apply_url="https://example.org",
        **values,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_locations_organization_keys_and_synonyms_come_from_the_old_rows(at_0006):
    Organization = at_0006.get_model("opportunities", "Organization")
    acme = Organization.objects.create(name="Acme, Inc.", slug="acme")
    twin = Organization.objects.create(name="ACME Inc", slug="acme-2")
    onsite = _listing(at_0006, acme, work_mode="onsite", location="Boston, MA")
    remote = _listing(at_0006, twin, work_mode="remote", location="")
    anywhere = _listing(at_0006, twin, work_mode="hybrid", location="Remote (US)")

    apps = migrate(AFTER)

    Opportunity = apps.get_model("opportunities", "Opportunity")
    rows = Opportunity.objects.in_bulk([onsite.pk, remote.pk, anywhere.pk])
    assert (rows[onsite.pk].locations, rows[onsite.pk].is_remote) == (["Boston, MA"], False)
    assert (rows[remote.pk].locations, rows[remote.pk].is_remote) == ([], True)
    assert (rows[anywhere.pk].locations, rows[anywhere.pk].is_remote) == (["Remote (US)"], True)
    keys = dict(
        apps.get_model("opportunities", "Organization").objects.values_list("pk", "name_key")
    )
    # Two spellings of one name: the later one is set apart, for an admin to merge.
    assert keys == {acme.pk: "acmeinc", twin.pk: f"acmeinc~{twin.pk}"}
    SearchSynonym = apps.get_model("opportunities", "SearchSynonym")
    assert SearchSynonym.objects.get(term="ML").equivalents == "machine learning"

    apps = migrate([("opportunities", "0007_listing_facts_may_be_unstated")])

    back = apps.get_model("opportunities", "Opportunity").objects.in_bulk()
    assert back[onsite.pk].location == "Boston, MA"
    assert back[remote.pk].location == ""
    assert back[anywhere.pk].location == "Remote (US)"
