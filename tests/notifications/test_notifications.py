"""Notifications: each kind and each delivery choice, the outbox and its retries, the bell,
the pages and the one-click unsubscribe."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notifications import services
from notifications.models import (
    DEFAULT_DELIVERY,
    Delivery,
    Email,
    EmailStatus,
    Kind,
    Notification,
    Preference,
)
from tests.factories import AdvisorFactory, StudentFactory

pytestmark = pytest.mark.django_db


def _note(user, kind=Kind.DEADLINE_SOON, **extra):
    return {
        "user": user,
        "kind": kind,
        "title": "“Survey sprint” closes in 3 days",
        "body": "Acme takes applications until 9 December.",
        "url": "/opportunities/1/survey-sprint/",
        **extra,
    }


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("delivery", list(Delivery))
def test_each_kind_goes_where_the_person_chose(kind, delivery):
    user = StudentFactory()
    Preference.objects.create(user=user, kind=kind, delivery=delivery)

    made = services.notify(**_note(user, kind))

    if delivery == Delivery.OFF:
        assert made is None
        assert not Notification.objects.exists()
        return
    assert Notification.objects.get().kind == kind
    assert Email.objects.filter(notification=made).exists() == (delivery == Delivery.EMAIL)


@pytest.mark.parametrize("kind", list(Kind))
def test_without_a_choice_each_kind_has_its_default(kind):
    user = StudentFactory()

    services.notify(**_note(user, kind))

    assert Email.objects.exists() == (DEFAULT_DELIVERY[kind] == Delivery.EMAIL)


def test_a_key_makes_a_notification_once():
    user = StudentFactory()

    first = services.notify(**_note(user, key="deadline:7:2026-12-09"))
    second = services.notify(**_note(user, key="deadline:7:2026-12-09"))

    assert first is not None and second is None
    assert Notification.objects.count() == 1 == Email.objects.count()


def test_nothing_is_made_for_a_deactivated_account():
    assert services.notify(**_note(StudentFactory(is_active=False))) is None
    assert not Notification.objects.exists()


def test_the_email_is_sent_with_text_html_and_one_click_unsubscribe():
    user = StudentFactory(email="sam@uni.example.edu")
    notification = services.notify(**_note(user))

    assert services.send_email(notification.email.pk)

    message = mail.outbox[0]
    assert message.to == ["sam@uni.example.edu"]
    assert message.subject == "“Survey sprint” closes in 3 days"
    assert "Acme takes applications until 9 December." in message.body
    assert "http://testserver/opportunities/1/survey-sprint/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'name="viewport"' in html and "http://testserver/opportunities/1/survey-sprint/" in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/notifications/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    email = Email.objects.get()
    assert email.status == EmailStatus.SENT and email.attempts == 1
    # Sent once: a second call (a retry, another worker) finds it sent.
    assert not services.send_email(email.pk)
    assert len(mail.outbox) == 1


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def broken_mail_server(settings):
    """Real SMTP to a port nobody listens on: every send fails as a dead server makes it."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _closed_port()
    settings.EMAIL_TIMEOUT = 2


def test_a_failed_send_keeps_the_notification_and_schedules_a_retry(
    broken_mail_server, django_capture_on_commit_callbacks
):
    user = StudentFactory()
    notification = services.notify(**_note(user))
    before = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        assert not services.send_email(notification.email.pk)

    email = Email.objects.get()
    assert email.status == EmailStatus.PENDING and email.attempts == 1
    assert "Connection refused" in email.last_error or "Errno" in email.last_error
    assert email.next_attempt_at >= before + timedelta(minutes=services.RETRY_MINUTES[0])
    # The retry is a task that waits for its time.
    retry = DBTaskResult.objects.get(task_path="notifications.tasks.send_emails_task")
    assert retry.args_kwargs["args"] == [[email.pk]]
    assert retry.run_after >= email.next_attempt_at - timedelta(seconds=1)
    # In the app all along.
    assert Notification.objects.for_user(user).unread().get() == notification


def test_after_the_last_retry_the_email_is_given_up_and_the_notification_stays(
    broken_mail_server,
):
    user = StudentFactory()
    notification = services.notify(**_note(user))

    for _ in range(len(services.RETRY_MINUTES) + 1):
        services.send_email(notification.email.pk)

    email = Email.objects.get()
    assert email.status == EmailStatus.FAILED
    assert email.attempts == len(services.RETRY_MINUTES) + 1
    assert Notification.objects.for_user(user).unread().count() == 1


def test_the_sweep_sends_due_retries_and_leftovers_but_not_early_ones(settings):
    user = StudentFactory()
    now = timezone.now()
    due = services.notify(**_note(user, key="a")).email
    Email.objects.filter(pk=due.pk).update(next_attempt_at=now - timedelta(minutes=1))
    early = services.notify(**_note(user, key="b")).email
    Email.objects.filter(pk=early.pk).update(next_attempt_at=now + timedelta(minutes=5))
    left = services.notify(**_note(user, key="c")).email  # a worker died before sending it
    Email.objects.filter(pk=left.pk).update(created_at=now - timedelta(minutes=2))
    fresh = services.notify(**_note(user, key="d")).email  # its own task is about to send it

    assert services.send_due_emails(now) == 2

    sent = set(Email.objects.filter(status=EmailStatus.SENT).values_list("pk", flat=True))
    assert sent == {due.pk, left.pk}
    assert fresh.pk not in sent and early.pk not in sent


def test_the_worker_sends_the_email_after_the_notification_commits(run_tasks):
    user = StudentFactory()
    services.notify(**_note(user))
    assert mail.outbox == []

    run_tasks()

    assert len(mail.outbox) == 1
    assert Email.objects.get().status == EmailStatus.SENT


# --- the pages ------------------------------------------------------------------------------


def test_the_bell_counts_unread_notifications(client):
    user = StudentFactory()
    client.force_login(user)
    assert "badge rounded-pill" not in client.get("/help/").content.decode()

    for i in range(3):
        services.notify(**_note(user, Kind.LISTING_CLOSED, key=str(i)))
    body = client.get("/help/").content.decode()

    assert '3<span class="visually-hidden"> unread</span>' in body


def test_the_bell_stops_counting_at_99(client):
    user = StudentFactory()
    Notification.objects.bulk_create(
        [Notification(user=user, kind=Kind.LISTING_CLOSED, title=str(i)) for i in range(120)]
    )
    client.force_login(user)

    assert "99+<span" in client.get("/help/").content.decode()


def test_the_list_shows_only_ones_own_and_opening_marks_read(client):
    user, other = StudentFactory(), StudentFactory()
    mine = services.notify(**_note(user))
    theirs = services.notify(**_note(other, title="Someone else's"))
    client.force_login(user)

    page = client.get(reverse("notifications:list")).content.decode()
    assert mine.title in page and "Someone else" not in page

    response = client.post(reverse("notifications:open", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == mine.url
    mine.refresh_from_db()
    assert mine.is_read
    # Another's notification is not there for them.
    assert client.post(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_mark_all_read(client):
    user, other = StudentFactory(), StudentFactory()
    for i in range(3):
        services.notify(**_note(user, key=str(i)))
    services.notify(**_note(other))
    client.force_login(user)

    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    client.post(reverse("notifications:mark_all_read"))

    assert not Notification.objects.for_user(user).unread().exists()
    assert Notification.objects.for_user(other).unread().count() == 1


def test_settings_offer_each_role_its_kinds_and_save_them(client):
    student, advisor = StudentFactory(), AdvisorFactory()
    client.force_login(student)
    form = client.get(reverse("notifications:settings")).context["form"]
    assert set(form.fields) == {
        "recommendation_shared",
        "search_alert",
        "deadline_soon",
        "listing_closed",
    }

    response = client.post(
        reverse("notifications:settings"),
        dict.fromkeys(form.fields, "in_app") | {"search_alert": "off"},
    )

    assert response.status_code == 302
    assert services.choices_of(student)[Kind.SEARCH_ALERT] == Delivery.OFF
    assert services.choices_of(student)[Kind.DEADLINE_SOON] == Delivery.IN_APP
    client.force_login(advisor)
    form = client.get(reverse("notifications:settings")).context["form"]
    assert set(form.fields) == {"recommendation_answered", "follow_up_due"}


def test_a_bad_setting_is_an_error_next_to_the_field_and_saves_nothing(client):
    student = StudentFactory()
    client.force_login(student)

    response = client.post(
        reverse("notifications:settings"),
        {
            "recommendation_shared": "in_app",
            "search_alert": "sometimes",
            "deadline_soon": "off",
            "listing_closed": "off",
        },
    )

    assert response.status_code == 200
    assert "search_alert" in response.context["form"].errors
    assert not Preference.objects.filter(user=student).exists()


# --- unsubscribe ----------------------------------------------------------------------------


def test_unsubscribe_shows_a_page_on_get_and_acts_on_post_without_login():
    user = StudentFactory()
    url = reverse(
        "notifications:unsubscribe", args=[services.unsubscribe_token(user, Kind.DEADLINE_SOON)]
    )
    anonymous = Client(enforce_csrf_checks=True)

    page = anonymous.get(url)
    assert page.status_code == 200 and b"Stop these e-mails?" in page.content
    assert not Preference.objects.exists()  # a link checker's GET changes nothing

    # RFC 8058: the mail program POSTs this body, with no cookie and no CSRF token.
    done = anonymous.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert done.status_code == 200 and b"You are unsubscribed" in done.content
    assert services.choices_of(user)[Kind.DEADLINE_SOON] == Delivery.IN_APP
    # The other kinds keep their choice; the notification itself still reaches the app.
    assert services.choices_of(user)[Kind.RECOMMENDATION_SHARED] == Delivery.EMAIL
    services.notify(**_note(user))
    assert Notification.objects.count() == 1 and not Email.objects.exists()


@pytest.mark.parametrize("token", ["nonsense", "W1sxLCJkZWFkbGluZV9zb29uIl0:forged"])
def test_a_bad_unsubscribe_token_is_404_and_changes_nothing(client, token):
    assert client.get(reverse("notifications:unsubscribe", args=[token])).status_code == 404
    assert client.post(reverse("notifications:unsubscribe", args=[token])).status_code == 404
    assert not Preference.objects.exists()


def test_an_unsubscribe_token_is_signed_for_its_user_and_kind():
    user = StudentFactory()
    token = services.unsubscribe_token(user, Kind.SEARCH_ALERT)

    assert services.read_unsubscribe_token(token) == (user.pk, Kind.SEARCH_ALERT)
    assert services.read_unsubscribe_token(token[:-2] + "xx") is None


def test_the_bell_costs_one_query_whatever_the_number_of_notifications(client):
    """The nav's count reads at most 100 entries of a partial index, in one query; the pages'
    query budgets (tests/perf) include it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.perf.queries import counted

    user = StudentFactory()
    client.force_login(user)
    client.get("/help/")
    with CaptureQueriesContext(connection) as none:
        client.get("/help/")
    Notification.objects.bulk_create(
        [Notification(user=user, kind=Kind.LISTING_CLOSED, title=str(i)) for i in range(150)]
    )
    with CaptureQueriesContext(connection) as many:
        client.get("/help/")

    bell = [q for q in counted(many.captured_queries) if "notification" in q]
    assert len(bell) == 1 and "LIMIT 100" in bell[0]
    assert len(counted(none.captured_queries)) == len(counted(many.captured_queries)) == 1
    # htmx fragments and visitors pay nothing.
    with CaptureQueriesContext(connection) as fragment:
        client.get("/opportunities/", HTTP_HX_REQUEST="true")
    assert not [q for q in counted(fragment.captured_queries) if "notification" in q]
