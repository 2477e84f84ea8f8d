"""What advising tells people: a shared recommendation (to the student), the student's answer
(to the advisor), a follow-up date that has come (to the advisor)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from advising import notices
from advising.models import Recommendation
from notifications.models import Delivery, Email, Kind, Notification, Preference
from tests.factories import (
    AdvisorFactory,
    RecommendationFactory,
    RecommendationItemFactory,
    StudentFactory,
    StudentProfileFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile():
    advisor = AdvisorFactory(first_name="Alex", last_name="Morgan")
    student = StudentFactory(first_name="Sam", last_name="Rivera")
    return StudentProfileFactory(user=student, advisor=advisor)


def test_sharing_a_draft_tells_the_student(client, profile):
    draft = RecommendationFactory(profile=profile)
    RecommendationItemFactory(recommendation=draft)
    assert not Notification.objects.exists()  # a draft is the advisor's alone
    client.force_login(profile.advisor)

    client.post(reverse("advising:recommendation_share", args=[draft.pk]))

    notification = Notification.objects.get()
    assert notification.user == profile.user
    assert notification.kind == Kind.RECOMMENDATION_SHARED
    assert notification.title == "Alex Morgan shared a recommendation with you"
    assert draft.next_step in notification.body
    assert notification.url == reverse("advising:my_recommendation", args=[draft.pk])
    assert Email.objects.get().to == profile.user.email
    # Sharing again changes nothing and says nothing.
    client.post(reverse("advising:recommendation_share", args=[draft.pk]))
    assert Notification.objects.count() == 1


@pytest.mark.parametrize(("decision", "verb"), [("accept", "accepted"), ("decline", "declined")])
def test_the_students_answer_reaches_their_advisor(client, profile, decision, verb):
    shared = RecommendationFactory(profile=profile, shared=True)
    client.force_login(profile.user)

    client.post(
        reverse("advising:recommendation_respond", args=[shared.pk]),
        {"decision": decision, "comment": "Summer is busy."},
    )

    notification = Notification.objects.get()
    assert notification.user == profile.advisor
    assert notification.kind == Kind.RECOMMENDATION_ANSWERED
    assert notification.title == f"Sam Rivera {verb} your recommendation"
    assert notification.body == "Their comment: Summer is busy."
    assert notification.url == reverse("advising:student", args=[profile.pk])


def test_a_change_of_mind_is_told_too(client, profile):
    shared = RecommendationFactory(profile=profile, shared=True)
    client.force_login(profile.user)
    url = reverse("advising:recommendation_respond", args=[shared.pk])

    client.post(url, {"decision": "accept", "comment": ""})
    client.post(url, {"decision": "decline", "comment": "After all, no time."})

    assert Notification.objects.filter(user=profile.advisor).count() == 2


def test_an_advisor_who_turned_answers_off_gets_nothing(client, profile):
    Preference.objects.create(
        user=profile.advisor, kind=Kind.RECOMMENDATION_ANSWERED, delivery=Delivery.OFF
    )
    shared = RecommendationFactory(profile=profile, shared=True)
    client.force_login(profile.user)

    client.post(
        reverse("advising:recommendation_respond", args=[shared.pk]),
        {"decision": "accept", "comment": ""},
    )

    assert not Notification.objects.exists()
    assert Recommendation.objects.get().status == "accepted"


def _due(profile, days_ago: int, **extra) -> Recommendation:
    return RecommendationFactory(
        profile=profile,
        follow_up_on=timezone.localdate() - timedelta(days=days_ago),
        **({"shared": True} | extra),
    )


def test_a_follow_up_date_that_came_reminds_the_advisor_once(profile):
    due = _due(profile, 0)
    _due(profile, 30)  # long past: history, not news
    RecommendationFactory(profile=profile, follow_up_on=timezone.localdate())  # a draft
    RecommendationFactory(
        profile=profile, shared=True, follow_up_on=timezone.localdate() + timedelta(days=1)
    )

    assert notices.send_follow_up_reminders() == 1
    assert notices.send_follow_up_reminders() == 0

    notification = Notification.objects.get()
    assert notification.user == profile.advisor
    assert notification.kind == Kind.FOLLOW_UP_DUE
    assert notification.title == "Follow up with Sam Rivera"
    assert due.next_step in notification.body
    assert len(mail.outbox) == 0 and Email.objects.count() == 1


def test_a_student_without_an_advisor_reminds_nobody():
    profile = StudentProfileFactory(advisor=None)
    _due(profile, 1)

    assert notices.send_follow_up_reminders() == 0


def test_the_follow_up_command_runs_on_the_worker(run_tasks, profile):
    from django.core.management import call_command

    _due(profile, 2)
    call_command("send_follow_up_reminders", "--enqueue", verbosity=0)
    run_tasks()

    assert [m.to for m in mail.outbox] == [[profile.advisor.email]]
    assert mail.outbox[0].subject == "Follow up with Sam Rivera"
