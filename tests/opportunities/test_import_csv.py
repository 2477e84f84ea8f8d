"""The import pipeline on the project's own CSV and JSON columns (split from
test_importing.py)."""

import csv
import io

import pytest

from opportunities.models import (
    Opportunity,
    Skill,
)
from tests.factories import OpportunityFactory
from tests.opportunities.feeds import small_feed
from tests.opportunities.test_importing import run

pytestmark = pytest.mark.django_db


HEADER = [
    "external_id",
    "title",
    "organization",
    "format",
    "industry",
    "skills",
    "work_mode",
    "locations",
    "weekly_hours_min",
    "weekly_hours_max",
    "duration_weeks",
    "deadline",
    "compensation_type",
    "compensation_amount",
    "apply_url",
    "status",
]


def csv_bytes(*rows, header=HEADER, delimiter=",", encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def csv_row(**values):
    row = {
        "external_id": "r1",
        "title": "Grant research",
        "organization": "Heron Labs",
        "format": "Flashternship",
        "industry": "nonprofit",
        "skills": "grant-writing,research",
        "work_mode": "Remote",
        "locations": "Lyon, France; Remote",
        "weekly_hours_min": "2",
        "weekly_hours_max": "5",
        "duration_weeks": "1.5",
        "deadline": "2099-01-31",
        "compensation_type": "fixed_fee",
        "compensation_amount": "250",
        "apply_url": "https://heron.example.org/apply",
        "status": "published",
    }
    row.update(values)
    return [row[name] for name in HEADER]


def test_a_listing_csv_creates_and_then_updates_by_external_id():
    first = run(csv_bytes(csv_row()), source="csv-upload", format="csv")
    second = run(csv_bytes(csv_row(weekly_hours_max="6")), source="csv-upload", format="csv")

    assert first.created == 1 and first.organizations_created == 1
    assert second.updated == 1 and second.created == 0
    listing = Opportunity.objects.get()
    assert listing.format.slug == "flashternship" and listing.industry.slug == "nonprofit"
    assert sorted(listing.skills.values_list("slug", flat=True)) == ["grant-writing", "research"]
    assert listing.locations == ["Lyon, France", "Remote"] and listing.is_remote
    assert listing.weekly_hours_max == 6 and str(listing.duration_weeks) == "1.5"


def test_a_semicolon_csv_is_read_like_a_comma_one():
    result = run(csv_bytes(csv_row(), delimiter=";"), source="csv-upload", format="csv")

    assert result.ok and result.created == 1


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"format": "mega-internship"}, "There is no format with the slug or name"),
        ({"skills": "python,juggling"}, "skills: Unknown skill slugs: juggling."),
        ({"weekly_hours_min": "20", "weekly_hours_max": "5"}, "Weekly hours: give both"),
        ({"weekly_hours_max": ""}, "Weekly hours: give both or neither"),
        ({"deadline": "31/01/2099"}, "write dates as YYYY-MM-DD (ISO 8601), e.g. 2099-01-31"),
        ({"deadline": "01/02/2099"}, "“01/02/2099” could be 2099-02-01 or 2099-01-02"),
        ({"work_mode": "underwater"}, "work_mode: “underwater” is not one of"),
        ({"title": ""}, "title: cannot be empty."),
        ({"apply_url": "not a link"}, "apply_url: Enter a valid URL."),
        ({"compensation_amount": "12,50"}, "compensation_amount: “12,50” value must be a decimal"),
    ],
)
def test_a_bad_csv_row_is_rejected_with_its_row_number(bad, message):
    result = run(
        csv_bytes(csv_row(external_id="ok"), csv_row(**bad)), source="csv-upload", format="csv"
    )

    assert [e.row for e in result.errors] == [3]
    assert message in result.errors[0].message
    assert not Opportunity.objects.exists()


def test_an_unknown_column_is_a_problem_with_the_file():
    result = run(
        csv_bytes([*csv_row(), "x"], header=[*HEADER, "deadine"]), source="csv", format="csv"
    )

    assert result.problem.startswith("Unknown columns: deadine.")


def test_a_row_with_an_id_updates_that_listing_and_only_its_columns():
    listing = OpportunityFactory(title="Old title", skills=["python"])
    hours = (listing.weekly_hours_min, listing.weekly_hours_max)

    result = run(
        csv_bytes([listing.pk, "New title", "2099-05-01"], header=["id", "title", "deadline"]),
        source="csv",
        format="csv",
    )

    assert result.updated == 1, result.errors
    listing.refresh_from_db()
    assert listing.title == "New title" and str(listing.deadline) == "2099-05-01"
    assert (listing.weekly_hours_min, listing.weekly_hours_max) == hours
    assert list(listing.skills.values_list("slug", flat=True)) == ["python"]
    assert listing.external_source == ""  # a hand-made listing stays one


def test_a_row_naming_a_listing_that_does_not_exist_is_rejected():
    result = run(csv_bytes(["999999", "Title"], header=["id", "title"]), source="csv", format="csv")

    assert [(e.row, e.message) for e in result.errors] == [(2, "id: there is no listing 999999.")]


def test_skills_given_in_a_csv_replace_the_listings_skills():
    run(csv_bytes(csv_row()), source="csv", format="csv")

    run(csv_bytes(csv_row(skills="python")), source="csv", format="csv")

    listing = Opportunity.objects.get()
    assert list(listing.skills.all()) == [Skill.objects.get(slug="python")]


@pytest.mark.postgres
def test_imported_listings_are_found_by_search():
    run(small_feed())

    assert Opportunity.objects.search("quantitative").count() == 3
    assert Opportunity.objects.search("akuna").count() == 2


def test_a_json_array_with_the_listing_columns_is_read_like_the_csv():
    item = {
        "external_id": "j1",
        "title": "Data clean-up",
        "organization": "Heron Labs",
        "format": "micro-internship",
        "locations": ["Remote"],
        "terms": ["Spring 2026"],
        "skills": ["python"],
        "weekly_hours_min": 5,
        "weekly_hours_max": 10,
        "apply_url": "https://heron.example.org/apply",
    }

    result = run([item], source="json-upload")  # told from the file: no company_name
    again = run([item], source="json-upload", format="json")

    assert (result.created, again.unchanged) == (1, 1), result.errors
    listing = Opportunity.objects.get()
    assert listing.locations == ["Remote"] and listing.is_remote
    assert listing.weekly_hours_max == 10
    assert list(listing.skills.values_list("slug", flat=True)) == ["python"]
    assert run([{**item, "deadine": "2099-01-01"}], source="json-upload").errors[0].message == (
        "unknown keys: deadine"
    )
