"""Reminders of saved listings: a deadline coming up, and a listing that closed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from notifications.models import Email, Kind, Notification
from opportunities.models import AlertPolicy, Opportunity
from opportunities.reminders import remind_deadlines, send_listing_reminders, tell_closed
from tests.factories import OpportunityFactory, SavedOpportunityFactory

pytestmark = pytest.mark.django_db


def _saved(days_left: int, **listing):
    deadline = timezone.localdate() + timedelta(days=days_left)
    return SavedOpportunityFactory(opportunity=OpportunityFactory(deadline=deadline, **listing))


def test_a_saved_listing_closing_within_the_policys_days_is_reminded_once():
    soon = _saved(3, title="Survey sprint")
    tomorrow = _saved(1, title="Logo refresh")
    later = _saved(4)

    assert remind_deadlines() == 2
    assert remind_deadlines() == 0  # said once, however often it runs

    titles = dict(Notification.objects.values_list("user", "title"))
    assert titles == {
        soon.user_id: "“Survey sprint” closes in 3 days",
        tomorrow.user_id: "“Logo refresh” closes tomorrow",
    }
    assert later.user_id not in titles
    assert Notification.objects.get(user=soon.user).kind == Kind.DEADLINE_SOON
    assert {m.to[0] for m in mail.outbox} == set()  # e-mails wait for the worker
    assert Email.objects.count() == 2


def test_the_reminder_days_are_the_policys():
    AlertPolicy.objects.filter(pk=1).update(deadline_reminder_days=7)
    _saved(6)

    assert remind_deadlines() == 1


def test_a_moved_deadline_is_reminded_again():
    saved = _saved(2)
    remind_deadlines()
    Opportunity.objects.filter(pk=saved.opportunity_id).update(
        deadline=timezone.localdate() + timedelta(days=3)
    )

    assert remind_deadlines() == 1
    assert Notification.objects.filter(user=saved.user).count() == 2


def test_closed_or_draft_listings_get_no_deadline_reminder():
    _saved(2, status="closed")
    _saved(2, draft=True)

    assert remind_deadlines() == 0


def test_a_saved_listing_that_closed_is_told_once():
    saved = _saved(10, title="Data clean-up")
    Opportunity.objects.filter(pk=saved.opportunity_id).close()

    assert tell_closed() == 1
    assert tell_closed() == 0
    notification = Notification.objects.get()
    assert notification.title == "“Data clean-up” has closed"
    assert notification.kind == Kind.LISTING_CLOSED
    # In the app only, unless the student asks for e-mail (the kind's default).
    assert not Email.objects.exists()


def test_closings_from_before_the_save_or_long_ago_are_not_news():
    long_ago = _saved(10)
    Opportunity.objects.filter(pk=long_ago.opportunity_id).update(
        status="closed", closed_at=timezone.now() - timedelta(days=30)
    )
    listing = OpportunityFactory(closed=True)
    SavedOpportunityFactory(opportunity=listing)  # saved after it closed

    assert tell_closed() == 0


def test_the_command_does_both_and_can_hand_them_to_the_worker(run_tasks):
    _saved(2)
    closed = _saved(10)
    Opportunity.objects.filter(pk=closed.opportunity_id).close()

    call_command("send_listing_reminders", "--enqueue", verbosity=0)
    assert not Notification.objects.exists()
    run_tasks()

    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 1  # the deadline reminder; the closed notice is in-app only
    assert send_listing_reminders() == 0
