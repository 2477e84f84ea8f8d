"""Career-center staff in the Django admin."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, CareerAdminFactory, StudentFactory

from .helpers import screenshot

pytestmark = pytest.mark.e2e


def admin_login(page: Page, email: str, password: str) -> None:
    """Log in through the admin's own login form."""
    page.goto("/admin/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


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
