"""A career-center admin imports a real-shaped feed in the browser, twice, on the real worker."""

import re

import pytest
from playwright.sync_api import Page, expect

from opportunities.models import ImportRun, Opportunity, Organization
from tests.factories import PASSWORD, CareerAdminFactory
from tests.opportunities.feeds import small_feed, write_feed

from .helpers import admin_login, axe_check, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def feed(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # the live server stores uploads here
    CareerAdminFactory(email="admin@uni.example.edu")
    return write_feed(tmp_path / "listings.json", small_feed())


def count(page: Page, label: str):
    return page.get_by_role("row", name=re.compile(f"^{label} ")).get_by_role("cell")


def upload(page: Page, feed) -> None:
    page.goto("/admin/opportunities/opportunity/")
    page.get_by_role("link", name="Import a feed").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a feed")
    page.get_by_label("File:").set_input_files(feed)
    page.get_by_label("Source:").fill("simplify")
    page.get_by_role("button", name="Upload and check").click()


def test_an_admin_imports_a_feed_twice_and_the_second_time_creates_nothing(page, feed, run_tasks):
    admin_login(page, "admin@uni.example.edu", PASSWORD)

    for attempt, created in ((1, "3"), (2, "0")):
        upload(page, feed)
        expect(page.get_by_role("heading", name="Waiting to be checked")).to_be_visible()
        if attempt == 1:
            axe_check(page, "import-run-waiting")
        page.evaluate("window.e2eSamePage = true")  # gone if the page were loaded again

        run_tasks()

        # htmx polls the status into the page: the same document, now showing the check.
        expect(page.get_by_role("heading", name="Checked: ready to import")).to_be_visible()
        assert page.evaluate("window.e2eSamePage") is True
        expect(count(page, "Listings created")).to_have_text(created)
        expect(count(page, "Listings unchanged")).to_have_text("3" if attempt == 2 else "0")
        assert Opportunity.objects.count() == (0 if attempt == 1 else 3)  # checked, not written
        if attempt == 1:
            expect(count(page, "Organizations created")).to_have_text("2")
            axe_check(page, "import-run-checked")

        page.get_by_role("button", name="Import these listings").click()
        expect(page.get_by_role("heading", name="Waiting to be imported")).to_be_visible()
        run_tasks()
        expect(page.get_by_role("heading", name="Imported", exact=True)).to_be_visible()
        expect(count(page, "Listings created")).to_have_text(created)

    screenshot(page, "import-feed-twice")
    assert Opportunity.objects.count() == 3 and Organization.objects.count() == 2
    assert ImportRun.objects.filter(status="imported").count() == 2
    page.get_by_role("link", name="The listings of simplify").click()
    expect(page.get_by_text("3 opportunities")).to_be_visible()


def test_without_javascript_the_run_page_reloads_itself(new_page, feed, run_tasks):
    page = new_page(java_script_enabled=False)
    admin_login(page, "admin@uni.example.edu", PASSWORD)
    upload(page, feed)
    expect(page.get_by_role("heading", name="Waiting to be checked")).to_be_visible()

    run_tasks()

    # <noscript><meta http-equiv="refresh">: the page loads again by itself within 3 s.
    expect(page.get_by_role("heading", name="Checked: ready to import")).to_be_visible(
        timeout=10_000
    )
    page.get_by_role("button", name="Import these listings").click()
    run_tasks()
    expect(page.get_by_role("heading", name="Imported", exact=True)).to_be_visible(timeout=10_000)
    assert Opportunity.objects.count() == 3


def test_the_import_form_is_accessible(page, feed):
    admin_login(page, "admin@uni.example.edu", PASSWORD)
    page.goto("/admin/opportunities/importrun/add/")
    page.get_by_role("button", name="Upload and check").click()  # nothing chosen

    expect(page.get_by_text("This field is required.").first).to_be_visible()
    axe_check(page, "import-form-errors")
