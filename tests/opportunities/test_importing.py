"""The import pipeline against the database: dedupe, organizations, closing, all or nothing."""

import io
from datetime import UTC, datetime

import pytest
from django.db.models import CheckConstraint

from opportunities.importing import pipeline
from opportunities.importing.pipeline import CONSTRAINTS, import_listings
from opportunities.models import (
    Format,
    Opportunity,
    Organization,
    Sponsorship,
    Status,
    WorkMode,
)
from tests.factories import OpportunityFactory, OrganizationFactory
from tests.opportunities.feeds import feed_bytes, simplify_item, small_feed

pytestmark = pytest.mark.django_db


def run(items_or_bytes, *, source="simplify", **options):
    data = items_or_bytes if isinstance(items_or_bytes, bytes) else feed_bytes(items_or_bytes)
    return import_listings(io.BytesIO(data), source=source, **options)


def counts(result):
    """(created, updated, unchanged, closed, rejected)"""
    return (result.created, result.updated, result.unchanged, result.closed, result.rejected)


def test_a_feed_imported_twice_creates_nothing_the_second_time():
    first = run(small_feed())
    second = run(small_feed())

    assert first.ok, first.errors
    assert counts(first) == (3, 0, 0, 0, 0)
    assert first.organizations_created == 2
    assert counts(second) == (0, 0, 3, 0, 0)
    assert second.organizations_created == 0
    assert Opportunity.objects.count() == 3
    assert Organization.objects.count() == 2


def test_the_feed_fields_land_where_students_see_them():
    run(small_feed())

    first = Opportunity.objects.get(external_id=simplify_item(1)["id"])
    assert first.title == "Quantitative Research Intern 1"  # the feed's trailing space tidied
    assert first.external_source == "simplify"
    assert first.format == Format.objects.get(slug="internship")  # the adapter's default
    assert first.industry is None  # not in the feed: not stated
    assert first.locations == ["Chicago, IL"] and not first.is_remote
    assert first.work_mode == WorkMode.NOT_STATED
    assert first.terms == ["Summer 2025"]
    assert first.sponsorship == Sponsorship.OFFERS
    assert first.posted_at == datetime(2024, 10, 1, tzinfo=UTC)
    assert first.apply_url.startswith("https://boards.greenhouse.io/")
    assert first.deadline is None and first.weekly_hours_min is None
    assert first.compensation_type == ""
    assert first.status == Status.PUBLISHED and first.published_at is not None
    assert first.slug == "quantitative-research-intern-1"

    remote = Opportunity.objects.get(external_id=simplify_item(2)["id"])
    assert remote.is_remote and remote.work_mode == WorkMode.REMOTE
    assert remote.terms == ["Summer 2025", "Fall 2025"]
    assert remote.sponsorship == Sponsorship.NOT_STATED  # "Other"

    closed = Opportunity.objects.get(external_id=simplify_item(3)["id"])
    assert closed.status == Status.CLOSED and closed.closed_at is not None
    assert closed.is_remote  # "Remote" is one of its places, NYC another
    assert closed.sponsorship == Sponsorship.CITIZENSHIP_REQUIRED
    assert closed.apply_url == "" and "no application link" in closed.apply_instructions


def test_rows_written_in_bulk_derive_what_save_derives():
    run(small_feed())

    for listing in Opportunity.objects.all():
        before = (listing.slug, listing.is_remote)
        listing.save()
        assert (listing.slug, listing.is_remote) == before


def test_organizations_are_matched_by_name_whatever_the_case_and_punctuation():
    existing = OrganizationFactory(name="Akuna Capital, Inc", website="https://akuna.example")

    result = run(
        [
            simplify_item(1, company_name="AKUNA capital inc."),
            simplify_item(2, company_name="Brand New Co", company_url="https://new.example/co"),
            simplify_item(3, company_name="brand new co"),
        ]
    )

    assert result.organizations_created == 1
    assert Opportunity.objects.get(external_id=simplify_item(1)["id"]).organization == existing
    new = Organization.objects.get(name="Brand New Co")  # the first spelling met
    assert new.website == "https://new.example/co"
    assert new.slug == "brand-new-co" and new.name_key == "brandnewco"
    assert Opportunity.objects.filter(organization=new).count() == 2
    existing.refresh_from_db()
    assert existing.website == "https://akuna.example"  # an existing organization is left alone


def test_a_new_organization_gets_a_slug_no_other_has():
    OrganizationFactory(name="Café Labs")  # slug cafe-labs, key cafélabs

    run([simplify_item(1, company_name="Cafe Labs")])

    assert Organization.objects.get(name="Cafe Labs").slug == "cafe-labs-2"


def test_a_changed_row_updates_its_listing_in_place():
    run(small_feed())
    original = Opportunity.objects.get(external_id=simplify_item(1)["id"])
    changed = small_feed()
    changed[0]["title"] = "Quantitative Research Intern - Options"
    changed[0]["locations"] = ["Chicago, IL", "Remote in USA"]

    result = run(changed)

    assert counts(result) == (0, 1, 2, 0, 0)
    listing = Opportunity.objects.get(pk=original.pk)
    assert listing.title == "Quantitative Research Intern - Options"
    assert listing.slug == "quantitative-research-intern-options"
    assert listing.is_remote
    assert listing.updated_at > original.updated_at
    assert listing.content_hash != original.content_hash


def test_an_import_keeps_what_admins_curated_and_the_feed_does_not_give():
    run(small_feed())
    listing = Opportunity.objects.get(external_id=simplify_item(1)["id"])
    flex = Format.objects.get(slug="flexternship")
    listing.format = flex
    listing.summary = "Written by the career center."
    listing.save()
    changed = small_feed()
    changed[0]["title"] = "Renamed"

    run(changed)

    listing.refresh_from_db()
    assert listing.title == "Renamed"
    assert listing.format == flex and listing.summary == "Written by the career center."


def test_rows_that_say_inactive_close_their_listings():
    run(small_feed())
    later = small_feed()
    later[0]["active"] = False
    later[1]["is_visible"] = False

    result = run(later)

    assert counts(result) == (0, 0, 1, 2, 0)
    assert Opportunity.objects.filter(status=Status.CLOSED).count() == 3


def test_a_whole_feed_closes_the_listings_that_left_it():
    run(small_feed())
    elsewhere = OpportunityFactory(external_source="other-feed", external_id="x1")
    by_hand = OpportunityFactory()

    result = run(small_feed()[1:])  # the first listing left the feed

    assert result.closed == 1
    gone = Opportunity.objects.get(external_id=simplify_item(1)["id"])
    assert gone.status == Status.CLOSED
    for listing in (elsewhere, by_hand):
        listing.refresh_from_db()
        assert listing.status == Status.PUBLISHED  # other sources and hand-made listings


def test_part_of_a_feed_closes_nothing():
    run(small_feed())

    result = run(small_feed()[1:], whole_feed=False)

    assert result.closed == 0
    assert Opportunity.objects.get(external_id=simplify_item(1)["id"]).status == Status.PUBLISHED


def test_a_listing_closed_by_hand_is_not_reopened_by_the_next_import():
    run(small_feed())
    Opportunity.objects.filter(external_id=simplify_item(1)["id"]).close()

    result = run(small_feed())

    assert result.unchanged == 3
    assert Opportunity.objects.get(external_id=simplify_item(1)["id"]).status == Status.CLOSED


def test_progress_is_told_while_checking_and_when_writing_starts(monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)
    calls = []

    run(small_feed(), progress=lambda phase, rows: calls.append((phase, rows)))
    again = []
    result = run(small_feed(), progress=lambda phase, rows: again.append((phase, rows)))

    assert calls == [("check", 2), ("check", 3), ("write", 0)]
    assert again == [("check", 2), ("check", 3)]  # nothing to write: no second reading
    assert not result.dry_run and result.unchanged == 3


def test_a_dry_run_counts_and_writes_nothing():
    result = run(small_feed(), dry_run=True)

    assert result.dry_run and result.ok
    assert counts(result)[0] == 3 and result.organizations_created == 2
    assert not Opportunity.objects.exists() and not Organization.objects.exists()


@pytest.mark.parametrize("batch_size", [1000, 2])
def test_a_bad_row_rejects_the_whole_file(monkeypatch, batch_size):
    monkeypatch.setattr(pipeline, "BATCH_SIZE", batch_size)
    items = [
        *small_feed(),
        simplify_item(4, title=""),
        simplify_item(5, date_posted="03/04/2025"),
        simplify_item(6, sponsorship="Maybe"),
        simplify_item(7, url="https://x.example/" + "a" * 2040),
    ]

    result = run(items)

    assert not result.ok and result.rejected == 4
    assert [(e.row, e.message) for e in result.errors] == [
        (4, "title: is missing."),
        (
            5,
            "date_posted: “03/04/2025” could be 2025-04-03 or 2025-03-04: write dates as "
            "YYYY-MM-DD (ISO 8601).",
        ),
        (6, result.errors[2].message),
        (
            7,
            "apply_url: Enter a valid URL. Ensure this value has at most 2048 characters "
            "(it has 2058).",
        ),
    ]
    assert "“Maybe” is not a sponsorship statement" in result.errors[2].message
    assert not Opportunity.objects.exists()
    assert not Organization.objects.exists()


def test_a_bad_row_after_good_batches_leaves_earlier_imports_as_they_were(monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)
    run(small_feed())
    before = list(Opportunity.objects.order_by("pk").values_list("title", "status"))
    changed = [simplify_item(n, title=f"Changed {n}") for n in (1, 2, 3)]

    result = run([*changed, simplify_item(9, title=""), simplify_item(10)])

    assert result.rejected == 1 and result.created == 0
    assert list(Opportunity.objects.order_by("pk").values_list("title", "status")) == before


def test_links_up_to_2048_characters_are_kept():
    url = "https://careers.example.com/" + "x" * (2048 - 28)

    result = run([simplify_item(1, url=url)])

    assert result.ok, result.errors
    assert Opportunity.objects.get().apply_url == url


def test_an_id_twice_in_one_file_is_rejected():
    result = run([simplify_item(1), simplify_item(2), simplify_item(1, title="Again")])

    assert [(e.row, e.message) for e in result.errors] == [
        (3, f"external id: “{simplify_item(1)['id']}” is also row 1.")
    ]


def test_a_file_problem_is_reported_and_nothing_is_written():
    result = run(b'{"listings": []}')

    assert result.problem.startswith("The file is not a JSON array of listings")
    assert not result.ok and result.rows == 0


def test_every_check_constraint_of_a_listing_is_checked_before_writing():
    checks = {c.name for c in Opportunity._meta.constraints if isinstance(c, CheckConstraint)}

    assert checks == set(CONSTRAINTS)


def test_the_python_constraint_checks_agree_with_the_database():
    """Each check in CONSTRAINTS says no exactly where the database would."""
    from django.db import IntegrityError, transaction

    cases = [
        {"weekly_hours_min": 5, "weekly_hours_max": None},
        {"weekly_hours_min": 10, "weekly_hours_max": 5},
        {"weekly_hours_min": 5, "weekly_hours_max": 81},
        {"weekly_hours_min": None, "weekly_hours_max": None},
        {"duration_weeks": 0},
        {"compensation_amount": -1},
        {"apply_url": "", "apply_instructions": ""},
    ]
    for values in cases:
        merged = {**pipeline._NEW_LISTING, "apply_url": "https://a.example", **values}
        expected_ok = all(holds(merged) for holds in CONSTRAINTS.values())
        try:
            with transaction.atomic():
                OpportunityFactory(**{"apply_url": "https://a.example", **values})
            database_ok = True
        except IntegrityError:
            database_ok = False
        assert expected_ok == database_ok, values
