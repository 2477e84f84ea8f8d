"""Follow-through in a real browser: a student saves a search, staff publish a matching listing,
the worker e-mails the alert, its link opens the filtered page, and its one-click unsubscribe
works without logging in. Every new page is checked with axe, at a phone's width and by
keyboard."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from advising.models import CalendarFeed
from opportunities.models import Cadence, SavedSearch
from tests.factories import (
    PASSWORD,
    CareerAdminFactory,
    OpportunityFactory,
    StudentFactory,
    StudentProfileFactory,
)

from .helpers import (
    assert_focus_visible,
    assert_no_horizontal_scroll,
    axe_check,
    login,
    screenshot,
    tab_round,
    tab_to,
)

pytestmark = pytest.mark.e2e


def _link(text: str, label: str) -> str:
    return re.search(rf"^{label}: (\S+)$", text, flags=re.MULTILINE).group(1)


def test_save_a_search_get_the_alert_open_it_and_unsubscribe(
    page, new_page, live_server, run_tasks, settings
):
    settings.SITE_URL = live_server.url  # links in e-mails lead to this test's server
    student = StudentFactory(email="sam@uni.example.edu")
    StudentProfileFactory(user=student)
    CareerAdminFactory(email="staff@uni.example.edu")
    OpportunityFactory(title="Onsite archive project", work_mode="onsite")
    draft = OpportunityFactory(title="Remote survey sprint", work_mode="remote", draft=True)

    # The student filters the listings and saves the search with an instant alert.
    login(page, "sam@uni.example.edu", PASSWORD)
    page.goto("/opportunities/")
    page.get_by_label("Work mode").select_option("remote")
    page.get_by_role("button", name="Show results").click()
    expect(page.get_by_role("list", name="Filters in use")).to_contain_text("Remote")
    page.get_by_role("button", name="Save this search").click()
    expect(page.get_by_role("heading", name="Save this search")).to_be_visible()
    axe_check(page, "save-search")
    page.get_by_label("Name").fill("Remote work")
    page.get_by_label("Instant: as soon as they are published").check()
    page.get_by_role("button", name="Save search").click()
    expect(page).to_have_url(re.compile(r"/me/searches/$"))
    expect(page.get_by_role("link", name="Remote work", exact=True)).to_be_visible()
    axe_check(page, "saved-searches")
    assert SavedSearch.objects.get().cadence == Cadence.INSTANT

    # Staff publish the matching listing in the admin; the worker sends the alert.
    admin = new_page()
    admin.goto("/admin/opportunities/opportunity/")
    admin.get_by_label("E-mail address").fill("staff@uni.example.edu")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    admin.locator(f"input[name=_selected_action][value='{draft.pk}']").check()
    admin.locator("select[name=action]").select_option("publish")
    admin.get_by_role("button", name="Go").click()
    expect(admin.get_by_text("1 listing published.")).to_be_visible()
    assert mail.outbox == []
    run_tasks()

    (alert,) = mail.outbox
    assert alert.to == ["sam@uni.example.edu"]
    assert alert.subject == "1 new listing for “Remote work”"
    assert "Remote survey sprint" in alert.body and "Onsite archive" not in alert.body

    # The alert's link opens the filtered page.
    page.goto(_link(alert.body, "Open the search"))
    expect(page.get_by_label("Work mode")).to_have_value("remote")
    expect(page.get_by_role("link", name="Remote survey sprint")).to_be_visible()
    expect(page.get_by_role("link", name="Onsite archive project")).to_have_count(0)

    # The bell says so too; opening the notification marks it read.
    page.goto("/me/")
    bell = page.get_by_role("link", name=re.compile(r"Notifications\s+1 unread"))
    expect(bell).to_be_visible()
    bell.click()
    axe_check(page, "notifications")
    page.get_by_role("button", name=re.compile(r"^Open\W+1 new listing for .Remote work")).click()
    expect(page).to_have_url(re.compile(r"/opportunities/\?work_mode=remote$"))
    expect(page.get_by_role("link", name=re.compile(r"^\s*Notifications\s*$"))).to_be_visible()

    # One click from the e-mail, without logging in: a page first, then the button.
    unsubscribe = alert.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe == _link(alert.body, "Stop alerts for this search with one click")
    anonymous = new_page()
    anonymous.goto(unsubscribe)
    expect(anonymous.get_by_role("heading", name="Stop alerts for “Remote work”?")).to_be_visible()
    axe_check(anonymous, "search-unsubscribe")
    assert SavedSearch.objects.get().cadence == Cadence.INSTANT  # the visit changed nothing
    anonymous.get_by_role("button", name="Stop these alerts").click()
    expect(anonymous.get_by_role("heading", name="Alerts stopped")).to_be_visible()
    assert SavedSearch.objects.get().cadence == Cadence.OFF
    screenshot(anonymous, "alerts-unsubscribed")


def test_the_new_pages_by_keyboard_and_on_a_phone(new_page, settings, live_server):
    settings.SITE_URL = live_server.url
    student = StudentFactory(email="kim@uni.example.edu")
    StudentProfileFactory(user=student)
    page = new_page()
    login(page, "kim@uni.example.edu", PASSWORD)

    # Notification settings: every choice reachable and sent with the keyboard.
    page.goto("/me/notifications/settings/")
    axe_check(page, "notification-settings")
    assert_no_horizontal_scroll(page)
    # Tab reaches a group's chosen radio; the arrow keys choose another (e-mail → app → off).
    tab_to(page, page.get_by_role("radio", name="In the app and by e-mail").nth(1))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    tab_to(page, page.get_by_role("button", name="Save settings"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your notification settings are saved.")).to_be_visible()
    expect(page.get_by_role("radio", name="Off").nth(1)).to_be_checked()

    # The calendar page: get a link, read it back, reset it.
    page.goto("/me/calendar/")
    axe_check(page, "calendar-empty")
    page.get_by_role("button", name="Get my calendar link").click()
    link = page.get_by_label("Your calendar link")
    token = CalendarFeed.objects.get(user=student).token
    expect(link).to_have_value(f"{live_server.url}/me/calendar/{token}.ics")
    axe_check(page, "calendar")
    assert_no_horizontal_scroll(page)
    sequence = tab_round(page)
    assert_focus_visible(sequence)
    assert "Reset the link" in [f.name for f in sequence]
    feed = page.request.get(f"/me/calendar/{token}.ics")
    assert feed.ok and feed.text().startswith("BEGIN:VCALENDAR")
    page.get_by_role("button", name="Reset the link").click()
    assert page.request.get(f"/me/calendar/{token}.ics").status == 404

    # Saved searches and the notifications list, empty, at a phone's width.
    for path, name in [("/me/searches/", "searches-empty"), ("/me/notifications/", "notes-empty")]:
        page.goto(path)
        axe_check(page, name)
        assert_no_horizontal_scroll(page)  # at a phone's size (390 px) from here on
