"""Visitors and students with their accounts: reading, signing up, logging in and out."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from careercenter import roles
from tests.factories import StudentFactory

from .helpers import axe_check, enter_code, log_out, login, screenshot, sign_up

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "Plum-orchard-autumn-47"


def test_a_visitor_reads_the_home_page_and_goes_to_sign_up(page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Get the right exposure to work")

    page.get_by_role("link", name="Create a student account").click()

    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign Up")


def test_a_new_student_signs_up_logs_out_and_logs_back_in(page):
    sign_up(page, "Ada.Student@uni.example.edu", NEW_PASSWORD)

    expect(page.get_by_text("ada.student@uni.example.edu (Student)")).to_be_visible()
    user = get_user_model().objects.get(email="ada.student@uni.example.edu")
    assert roles.role_of(user) == roles.STUDENT

    log_out(page)
    expect(page.get_by_role("navigation").get_by_role("link", name="Log in")).to_be_visible()
    expect(page.get_by_text("ada.student@uni.example.edu")).to_have_count(0)

    login(page, "ada.student@uni.example.edu", NEW_PASSWORD)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_text("ada.student@uni.example.edu (Student)")).to_be_visible()
    expect(page.get_by_role("heading", name="Your next steps")).to_be_visible()
    screenshot(page, "student-signs-up-and-logs-back-in")


def test_sign_up_with_a_taken_address_looks_the_same_and_the_owner_is_told(page, mailoutbox):
    StudentFactory(email="sam@uni.example.edu")

    sign_up(page, "sam@uni.example.edu", NEW_PASSWORD, verify=False)

    # The same page a new address gets; nothing says the address has an account.
    expect(page.get_by_text("already", exact=False)).to_have_count(0)
    axe_check(page, "sign-up-code")
    (message,) = mailoutbox
    assert message.to == ["sam@uni.example.edu"]
    assert "already" in message.body.lower()
    enter_code(page, "ABCD-EFGH")
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    screenshot(page, "sign-up-with-a-taken-address")


def test_a_wrong_password_is_refused_with_a_message(page):
    StudentFactory(email="sam@uni.example.edu")

    login(page, "sam@uni.example.edu", "not-the-password", expect_success=False)

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(
        page.get_by_text("email address and/or password you specified are not correct")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)


def test_a_student_asks_for_a_password_reset(page, mailoutbox):
    StudentFactory(email="sam@uni.example.edu")
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()

    page.get_by_label("Email").fill("sam@uni.example.edu")
    page.get_by_role("button", name="Reset My Password").click()

    expect(page).to_have_url(re.compile(r"/accounts/password/reset/done/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert [m.to for m in mailoutbox] == [["sam@uni.example.edu"]]


def test_sign_up_and_login_work_without_javascript(new_page):
    page = new_page(java_script_enabled=False)

    sign_up(page, "no.script@uni.example.edu", NEW_PASSWORD)
    expect(page.get_by_text("no.script@uni.example.edu (Student)")).to_be_visible()

    page.context.clear_cookies()
    login(page, "no.script@uni.example.edu", NEW_PASSWORD)
    expect(page.get_by_text("no.script@uni.example.edu (Student)")).to_be_visible()
