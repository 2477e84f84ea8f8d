"""Saved searches: saving a browse query, renaming, alerts and their runs, unsubscribing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from notifications.models import Delivery, Email, Kind, Notification, Preference
from opportunities import alerts
from opportunities.models import AlertPolicy, Cadence, SavedSearch, SearchAlertRun
from tests.factories import AdvisorFactory, OpportunityFactory, StudentFactory

pytestmark = pytest.mark.django_db


def _search(user, query="work_mode=remote", cadence=Cadence.DAILY, **extra):
    search = alerts.save_search(user=user, name=extra.pop("name", "Remote"), query=query)
    SavedSearch.objects.filter(pk=search.pk).update(
        cadence=cadence, alerts_from=timezone.now() - timedelta(days=2), **extra
    )
    search.refresh_from_db()
    return search


def _published(hours_ago: float, **fields):
    listing = OpportunityFactory(**fields)
    listing.published_at = timezone.now() - timedelta(hours=hours_ago)
    type(listing).objects.filter(pk=listing.pk).update(published_at=listing.published_at)
    return listing


# --- saving and changing --------------------------------------------------------------------


def test_a_student_saves_the_search_they_are_looking_at(client):
    student = StudentFactory()
    client.force_login(student)
    browse = client.get("/opportunities/", {"work_mode": "remote", "paid": "1", "page": "2"})
    assert b"Save this search" in browse.content

    form = client.get(reverse("opportunities:search_add"), {"query": "work_mode=remote&paid=1"})
    assert form.status_code == 200 and b"Remote" in form.content and b"Paid only" in form.content
    response = client.post(
        reverse("opportunities:search_add"),
        {"name": "Paid remote", "query": "page=2&paid=1&work_mode=remote&x=1", "cadence": "daily"},
    )

    assert response.status_code == 302
    search = SavedSearch.objects.get(user=student)
    assert (search.name, search.cadence) == ("Paid remote", "daily")
    # Only the form's filters, in its order; the page and unknown parameters are dropped.
    assert search.query == "work_mode=remote&paid=1"
    assert search.get_absolute_url() == "/opportunities/?work_mode=remote&paid=1"
    listing = client.get(reverse("opportunities:searches")).content.decode()
    assert "Paid remote" in listing and "Remote · Paid only" in listing


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "", "cadence": "daily"}, "name", "This field is required"),
        ({"name": "A", "cadence": "hourly"}, "cadence", "Select a valid choice"),
        ({"name": "A", "cadence": ""}, "cadence", "This field is required"),
        (
            {"name": "A", "cadence": "daily", "query": "max_weekly_hours=900"},
            "query",
            "These filters cannot be saved",
        ),
        ({"name": "Taken", "cadence": "daily"}, "name", "already have a saved search called"),
    ],
)
def test_bad_input_is_an_error_next_to_its_field_and_saves_nothing(client, data, field, message):
    student = StudentFactory()
    _search(student, name="Taken")
    client.force_login(student)

    response = client.post(reverse("opportunities:search_add"), data)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert SavedSearch.objects.count() == 1


def test_a_student_keeps_at_most_the_limit_of_searches(client, monkeypatch):
    monkeypatch.setattr(alerts, "MAX_SAVED_SEARCHES", 2)
    student = StudentFactory()
    _search(student, name="One")
    _search(student, name="Two")
    client.force_login(student)

    response = client.post(
        reverse("opportunities:search_add"), {"name": "Three", "cadence": "weekly"}
    )

    assert "You can keep up to 2 searches" in response.content.decode()
    assert SavedSearch.objects.count() == 2


def test_rename_and_change_the_alert(client):
    student = StudentFactory()
    search = _search(student, cadence=Cadence.OFF)
    client.force_login(student)
    before = timezone.now()

    response = client.post(
        reverse("opportunities:search_edit", args=[search.pk]),
        {"name": "Remote, renamed", "cadence": "instant"},
    )

    assert response.status_code == 302
    search.refresh_from_db()
    assert (search.name, search.cadence) == ("Remote, renamed", "instant")
    # Turned on again: it starts from now, not with everything it missed while off.
    assert search.alerts_from >= before


def test_anothers_search_is_404_and_untouched(client):
    owner, other = StudentFactory(), StudentFactory()
    search = _search(owner)
    client.force_login(other)

    for name in ("search_edit", "search_delete"):
        url = reverse(f"opportunities:{name}", args=[search.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "Mine now", "cadence": "off"}).status_code == 404
    assert client.get(reverse("opportunities:search_edit", args=[987654])).status_code == 404
    search.refresh_from_db()
    assert (search.name, search.cadence) == ("Remote", "daily")


def test_advisors_have_no_saved_searches(client):
    client.force_login(AdvisorFactory())
    assert client.get(reverse("opportunities:searches")).status_code == 403
    assert client.post(reverse("opportunities:search_add"), {"name": "x"}).status_code == 403


def test_delete_asks_first_then_deletes(client):
    student = StudentFactory()
    search = _search(student)
    client.force_login(student)
    url = reverse("opportunities:search_delete", args=[search.pk])

    assert b"Delete" in client.get(url).content
    assert SavedSearch.objects.exists()
    client.post(url)
    assert not SavedSearch.objects.exists()


# --- alerts ---------------------------------------------------------------------------------


def test_a_daily_run_alerts_only_searches_with_new_matches(django_capture_on_commit_callbacks):
    now = timezone.now()
    remote_fan, onsite_fan, quiet = StudentFactory(), StudentFactory(), StudentFactory()
    remote = _search(remote_fan, "work_mode=remote")
    _search(onsite_fan, "work_mode=onsite")
    _search(quiet, "work_mode=hybrid", cadence=Cadence.OFF)
    _published(30, title="Old remote project", work_mode="remote")  # before the window
    new = _published(2, title="Remote survey sprint", work_mode="remote")
    _published(2, title="Hybrid thing", work_mode="hybrid")

    made = alerts.send_search_alerts(Cadence.DAILY, now=now)

    assert made == 1
    notification = Notification.objects.get()
    assert notification.user == remote_fan and notification.kind == Kind.SEARCH_ALERT
    assert notification.title == "1 new listing for “Remote”"
    assert notification.url == "/opportunities/?work_mode=remote"
    assert notification.key == f"search:{remote.pk}:daily:{timezone.localdate(now)}"
    message = mail.outbox[0]  # sent by the run right after its batch committed
    assert message.to == [remote_fan.email]
    assert "Remote survey sprint" in message.body and "Old remote project" not in message.body
    assert f"http://testserver{new.get_absolute_url()}" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://testserver/searches/unsubscribe/"
    )
    remote.refresh_from_db()
    assert remote.last_alert_at is not None


def test_the_same_period_is_sent_once_and_the_next_one_only_has_newer_listings():
    now = timezone.now()
    student = StudentFactory()
    _search(student, "work_mode=remote")
    _published(2, title="First remote", work_mode="remote")

    assert alerts.send_search_alerts(Cadence.DAILY, now=now) == 1
    assert alerts.send_search_alerts(Cadence.DAILY, now=now + timedelta(minutes=5)) == 0
    assert SearchAlertRun.objects.count() == 1

    tomorrow = now + timedelta(days=1)
    listing = OpportunityFactory(title="Second remote", work_mode="remote")
    type(listing).objects.filter(pk=listing.pk).update(published_at=now + timedelta(hours=3))
    assert alerts.send_search_alerts(Cadence.DAILY, now=tomorrow) == 1
    latest = Notification.objects.order_by("-id").first()
    assert "Second remote" in latest.body and "First remote" not in latest.body
    assert len(mail.outbox) == 2


def test_no_email_when_nothing_is_new():
    _search(StudentFactory(), "work_mode=remote")
    _published(2, work_mode="onsite")

    assert alerts.send_search_alerts(Cadence.WEEKLY) == 0
    assert mail.outbox == [] and not Notification.objects.exists()
    assert SearchAlertRun.objects.get().finished_at is not None


def test_an_alert_lists_at_most_the_policys_number_and_links_to_the_rest():
    AlertPolicy.objects.filter(pk=1).update(digest_size=3)
    _search(StudentFactory(), "")
    for i in range(5):
        _published(1 + i, title=f"Listing {i}")

    alerts.send_search_alerts(Cadence.DAILY)

    notification = Notification.objects.get()
    assert notification.title == "More than 3 new listings for “Remote”"
    body = mail.outbox[0].body
    assert [f"Listing {i}" in body for i in range(5)] == [True, True, True, False, False]
    assert "See them all: http://testserver/opportunities/" in body


def test_alerts_use_the_browse_filters_text_included():
    _search(StudentFactory(), "q=hydrology&format=micro-internship")
    _published(1, title="Hydrology field notes", format__slug="micro-internship")
    _published(1, title="Hydrology internship", format__slug="internship")
    _published(1, title="Marketing notes", format__slug="micro-internship")

    alerts.send_search_alerts(Cadence.DAILY)

    assert "Hydrology field notes" in mail.outbox[0].body
    assert "Hydrology internship" not in mail.outbox[0].body
    assert "Marketing" not in mail.outbox[0].body


def test_closed_listings_and_those_before_the_search_was_saved_are_not_new():
    search = _search(StudentFactory(), "")
    SavedSearch.objects.filter(pk=search.pk).update(alerts_from=timezone.now() - timedelta(hours=5))
    _published(10, title="Before the search")
    _published(2, title="Closed since", status="closed")
    _published(2, title="Still open")

    alerts.send_search_alerts(Cadence.DAILY)

    body = mail.outbox[0].body
    assert "Still open" in body and "Closed since" not in body and "Before the search" not in body


def test_a_student_who_turned_alerts_off_gets_none_and_in_app_only_gets_no_email():
    off, in_app = StudentFactory(), StudentFactory()
    Preference.objects.create(user=off, kind=Kind.SEARCH_ALERT, delivery=Delivery.OFF)
    Preference.objects.create(user=in_app, kind=Kind.SEARCH_ALERT, delivery=Delivery.IN_APP)
    _search(off, "")
    _search(in_app, "")
    _published(1)

    alerts.send_search_alerts(Cadence.DAILY)

    assert list(Notification.objects.values_list("user", flat=True)) == [in_app.pk]
    assert not Email.objects.exists() and mail.outbox == []


def test_a_stopped_run_goes_on_from_its_last_batch():
    now = timezone.now()
    students = [StudentFactory() for _ in range(4)]
    searches = [_search(s, "") for s in students]
    _published(1)
    run = alerts.start_run(Cadence.DAILY, now=now)
    # What a worker stopped after its first two batches of one search leaves behind.
    SearchAlertRun.objects.filter(pk=run.pk).update(last_search_id=searches[1].pk)

    made = alerts.send_search_alerts(Cadence.DAILY, now=now, batch_size=1)

    assert made == 2
    assert set(Notification.objects.values_list("user", flat=True)) == {
        students[2].pk,
        students[3].pk,
    }
    run.refresh_from_db()
    assert run.finished_at and run.last_search_id == searches[3].pk


def test_a_batch_run_twice_makes_its_alerts_once():
    now = timezone.now()
    student = StudentFactory()
    _search(student, "")
    _published(1)
    run = alerts.start_run(Cadence.DAILY, now=now)
    alerts.process_run(run)
    # As if the checkpoint had not been saved: the batch is done again.
    SearchAlertRun.objects.filter(pk=run.pk).update(last_search_id=0, finished_at=None)

    assert alerts.process_run(run) == 0
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_publishing_in_the_admin_sends_instant_alerts_through_the_worker(run_tasks):
    student = StudentFactory()
    _search(student, "work_mode=remote", cadence=Cadence.INSTANT)
    draft = OpportunityFactory(title="Remote data sprint", work_mode="remote", draft=True)
    admin = Client()
    from tests.factories import CareerAdminFactory

    admin.force_login(CareerAdminFactory())

    admin.post(
        "/admin/opportunities/opportunity/",
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    run_tasks()

    assert len(mail.outbox) == 1
    assert "Remote data sprint" in mail.outbox[0].body


# --- unsubscribing from an alert ------------------------------------------------------------


def test_the_alerts_unsubscribe_link_works_without_login_and_only_on_post():
    search = _search(StudentFactory(), "")
    url = reverse("opportunities:search_unsubscribe", args=[alerts.unsubscribe_token(search)])
    anonymous = Client(enforce_csrf_checks=True)

    assert b"Stop alerts for" in anonymous.get(url).content
    search.refresh_from_db()
    assert search.cadence == Cadence.DAILY

    response = anonymous.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200 and b"Alerts stopped" in response.content
    search.refresh_from_db()
    assert search.cadence == Cadence.OFF


def test_an_unsubscribe_link_for_a_deleted_or_forged_search_is_404(client):
    search = _search(StudentFactory(), "")
    token = alerts.unsubscribe_token(search)
    other = _search(StudentFactory(), "", name="Other")
    forged = alerts.unsubscribe_token(other)[:-3] + "abc"

    assert (
        client.post(reverse("opportunities:search_unsubscribe", args=[forged])).status_code == 404
    )
    search.delete()
    assert client.get(reverse("opportunities:search_unsubscribe", args=[token])).status_code == 404
    other.refresh_from_db()
    assert other.cadence == Cadence.DAILY


def test_the_command_sends_a_cadence_now_or_hands_it_to_the_worker(run_tasks):
    from io import StringIO

    from django.core.management import call_command

    _search(StudentFactory(), "", cadence=Cadence.WEEKLY)
    _published(1)
    out = StringIO()

    call_command("send_search_alerts", "--cadence", "weekly", stdout=out)
    call_command("send_search_alerts", "--cadence", "weekly", "--enqueue", stdout=out)
    run_tasks()

    assert out.getvalue().splitlines()[0] == "Sent 1 weekly alert."
    assert "Queued for the background worker" in out.getvalue()
    assert len(mail.outbox) == 1  # the same week: sent once


def test_an_imported_feed_sends_instant_alerts_through_the_worker(run_tasks):
    import io

    from opportunities.importing.pipeline import import_listings
    from tests.opportunities.feeds import feed_bytes, small_feed

    student = StudentFactory()
    _search(student, "q=quantitative", cadence=Cadence.INSTANT)

    result = import_listings(io.BytesIO(feed_bytes(small_feed())), source="simplify")
    assert result.ok, result.errors
    run_tasks()

    (alert,) = mail.outbox
    assert alert.to == [student.email]
    assert "Quantitative Research Intern 1" in alert.body
