"""Career-center staff in the Django admin."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, CareerAdminFactory, StudentFactory

from .helpers import admin_login, screenshot

pytestmark = pytest.mark.e2e


def test_an_admin_logs_into_the_admin_and_sees_the_index(page):
    CareerAdminFactory(email="admin@uni.example.edu")

    admin_login(page, "admin@uni.example.edu", PASSWORD)

    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    # What the career-center admin group may curate, granted by the roles migration.
    expect(page.get_by_role("link", name="Users", exact=True)).to_be_visible()
    screenshot(page, "admin-logs-in")


def test_a_student_cannot_use_the_admin(page):
    StudentFactory(email="sam@uni.example.edu")

    admin_login(page, "sam@uni.example.edu", PASSWORD)

    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.get_by_role("heading", name="Site administration")).to_have_count(0)


def test_an_admin_adds_a_format_and_the_formats_guide_shows_it(page):
    CareerAdminFactory(email="admin@uni.example.edu")
    admin_login(page, "admin@uni.example.edu", PASSWORD)

    page.get_by_role("link", name="Formats").click()
    page.get_by_role("link", name=re.compile("Add format", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Add format", re.I))

    page.get_by_label("Name:").press_sequentially("Weekend hackathon")
    expect(page.get_by_label("Slug:")).to_have_value("weekend-hackathon")  # prepopulated
    page.get_by_label("Family:").select_option("micro")
    page.get_by_label("Summary:").fill("Two days of building something real with a sponsor's team.")
    page.get_by_label("Suitability:").fill("Students who like short, intense team work.")
    page.get_by_label("Typical weeks (min):").fill("0.3")
    page.get_by_label("Typical weeks (max):").fill("0.4")
    page.get_by_label("Typical hours per week (min):").fill("16")
    page.get_by_label("Typical hours per week (max):").fill("20")
    page.get_by_label("Typical total hours (min):").fill("16")
    page.get_by_label("Typical total hours (max):").fill("20")
    for label in (
        "Commitment: schedule:",
        "Exposure:",
        "Learning outcome:",
        "Application process:",
        "Compensation:",
        "Networking:",
    ):
        page.get_by_label(label).select_option(index=1)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto("/formats/")
    expect(page.get_by_role("link", name="Weekend hackathon")).to_be_visible()
    page.get_by_role("link", name="Weekend hackathon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Weekend hackathon")
    expect(page.get_by_text("Two days of building something real")).to_be_visible()
    screenshot(page, "journey-3-new-format-in-the-guide")
