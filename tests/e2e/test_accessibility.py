"""axe-core, a phone-sized screen and the keyboard on the pages that exist today.

Add a page to PAGES (or a test below, for a page that needs data or a state first) as each
feature lands.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, CareerAdminFactory, StudentFactory

from .helpers import (
    PHONE,
    admin_login,
    assert_focus_visible,
    assert_no_horizontal_scroll,
    axe_check,
    login,
    tab_round,
    tab_to,
)

pytestmark = pytest.mark.e2e

# Pages anyone can open, as a visitor sees them.
PAGES = {
    "home": "/",
    "help": "/help/",
    "sign-up": "/accounts/signup/",
    "login": "/accounts/login/",
    "password-reset": "/accounts/password/reset/",
    "admin-login": "/admin/login/",
}
PHONE_PAGES = ["home", "help", "sign-up", "login"]


@pytest.mark.parametrize("name", PAGES)
def test_public_page_passes_axe(page, name):
    page.goto(PAGES[name])
    axe_check(page, name)


def test_sign_up_with_errors_showing_passes_axe(page):
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("not-an-address")
    page.get_by_role("button", name="Sign Up").click()

    # Each message is next to its field and read out with it.
    expect(page.get_by_label("Email")).to_have_accessible_description(
        re.compile("Enter a valid email address")
    )
    expect(page.get_by_label("Password (again)")).to_have_accessible_description(
        re.compile("This field is required")
    )
    axe_check(page, "sign-up-with-errors")


def test_login_with_errors_showing_passes_axe(page):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("nobody@uni.example.edu")
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("are not correct")).to_be_visible()

    axe_check(page, "login-with-errors")


def test_home_for_a_logged_in_student_passes_axe(page):
    StudentFactory(email="sam@uni.example.edu")
    login(page, "sam@uni.example.edu", PASSWORD)

    axe_check(page, "home-as-student")


def test_admin_index_passes_axe(page):
    CareerAdminFactory(email="admin@uni.example.edu")
    admin_login(page, "admin@uni.example.edu", PASSWORD)
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    axe_check(page, "admin-index")


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_page_fits_a_phone_screen(new_page, name):
    page = new_page(viewport=PHONE)
    page.goto(PAGES[name])
    assert_no_horizontal_scroll(page)


def test_login_form_by_keyboard_alone(page: Page):
    page.goto("/accounts/login/")
    sequence = tab_round(page)

    # The skip link comes first, then the site navigation, then the form in reading order.
    assert sequence[0].name == "Skip to main content"
    nav = [i for i, f in enumerate(sequence) if f.region == "nav"]
    assert nav, f"Tab never reached the navigation: {[str(f) for f in sequence]}"
    assert nav == list(range(1, 1 + len(nav))), "the navigation is not reached in one run"
    in_form = [f.id or f.name for f in sequence if f.region == "main"]
    expected = [
        "sign up",
        "id_login",
        "id_password",
        "Forgot your password?",
        "id_remember",
        "Sign In",
    ]
    assert in_form == expected
    assert sequence[-1].region == "footer"
    assert_focus_visible(sequence)

    # The skip link takes focus past the navigation, to the page's content.
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main")).to_be_focused()

    # Typed and sent with the keyboard: Enter in the password field submits the form.
    StudentFactory(email="kb@uni.example.edu")
    page.goto("/accounts/login/")
    tab_to(page, page.get_by_label("Email"))
    page.keyboard.type("kb@uni.example.edu")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Log out")).to_be_attached()
