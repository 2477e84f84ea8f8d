"""Calendar feeds: what each person's feed holds, read back with icalendar; the token's reset;
nothing without the token; a directory-hold student's own feed works."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from advising.models import CalendarFeed
from tests.factories import (
    AdvisorFactory,
    ExperienceFactory,
    OpportunityFactory,
    RecommendationFactory,
    SavedOpportunityFactory,
    StudentFactory,
    StudentProfileFactory,
)

pytestmark = pytest.mark.django_db


def _events(client, token) -> dict[str, tuple]:
    response = client.get(reverse("advising:calendar_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {
        str(event["summary"]): (
            event.decoded("dtstart"),
            event.decoded("dtend"),
            str(event.get("url", "")),
            str(event.get("description", "")),
        )
        for event in calendar.walk("VEVENT")
    }


def _feed(client, user) -> str:
    client.force_login(user)
    assert client.post(reverse("advising:calendar_reset")).status_code == 302
    client.logout()
    return CalendarFeed.objects.get(user=user).token


def test_a_students_feed_holds_deadlines_plans_and_follow_ups(client):
    today = timezone.localdate()
    student = StudentFactory()
    profile = StudentProfileFactory(user=student, advisor=AdvisorFactory())
    listing = OpportunityFactory(title="Survey sprint", deadline=today + timedelta(days=9))
    SavedOpportunityFactory(user=student, opportunity=listing)
    SavedOpportunityFactory(opportunity=OpportunityFactory(title="Someone else's"))
    ExperienceFactory(
        profile=profile,
        title="Summer internship",
        organization_name="Acme",
        started_on=today + timedelta(days=30),
        ended_on=today + timedelta(days=100),
    )
    ExperienceFactory(  # ended two months ago: past what a feed keeps
        profile=profile,
        title="Old project",
        started_on=today - timedelta(days=90),
        ended_on=today - timedelta(days=60),
    )
    RecommendationFactory(
        profile=profile,
        shared=True,
        next_step="Apply to two micro-internships",
        follow_up_on=today + timedelta(days=14),
    )
    RecommendationFactory(profile=profile, next_step="A draft", follow_up_on=today)

    events = _events(client, _feed(client, student))

    assert set(events) == {
        "Deadline: Survey sprint",
        "Summer internship (Acme)",
        "Follow-up with your advisor: Apply to two micro-internships",
    }
    start, end, url, _ = events["Deadline: Survey sprint"]
    assert (start, end) == (listing.deadline, listing.deadline + timedelta(days=1))
    assert url == f"http://testserver{listing.get_absolute_url()}"
    assert events["Summer internship (Acme)"][:2] == (
        today + timedelta(days=30),
        today + timedelta(days=101),
    )
    follow_up = events["Follow-up with your advisor: Apply to two micro-internships"]
    assert follow_up[0] == today + timedelta(days=14)
    assert isinstance(follow_up[0], date)


def test_an_advisors_feed_holds_their_students_follow_ups_naming_only_listable_students(client):
    today = timezone.localdate()
    advisor = AdvisorFactory()
    named = StudentProfileFactory(
        user=StudentFactory(first_name="Sam", last_name="Rivera"), advisor=advisor
    )
    held = StudentProfileFactory(
        user=StudentFactory(first_name="Hidden", last_name="Person"),
        advisor=advisor,
        directory_hold=True,
    )
    other = StudentProfileFactory(advisor=AdvisorFactory())
    for profile in (named, held, other):
        RecommendationFactory(profile=profile, shared=True, follow_up_on=today + timedelta(days=3))

    events = _events(client, _feed(client, advisor))

    assert set(events) == {"Follow up with Sam Rivera", "Follow up with a student"}
    assert "Hidden" not in str(events)
    assert events["Follow up with a student"][2].endswith(
        reverse("advising:student", args=[held.pk])
    )


def test_a_held_students_own_feed_works_for_them(client):
    student = StudentFactory()
    StudentProfileFactory(user=student, directory_hold=True)
    SavedOpportunityFactory(user=student, opportunity=OpportunityFactory(title="Logo refresh"))

    assert "Deadline: Logo refresh" in _events(client, _feed(client, student))


def test_the_feed_reveals_nothing_without_its_token(client):
    _feed(client, StudentFactory())

    for token in ("nonsense", "A" * 43, ""):
        if token:
            assert client.get(reverse("advising:calendar_feed", args=[token])).status_code == 404
    assert client.get("/me/calendar/.ics").status_code == 404


def test_a_deactivated_accounts_feed_is_gone(client):
    student = StudentFactory()
    token = _feed(client, student)
    student.is_active = False
    student.save()

    assert client.get(reverse("advising:calendar_feed", args=[token])).status_code == 404


def test_resetting_the_token_kills_the_old_address(client):
    student = StudentFactory()
    old = _feed(client, student)
    client.force_login(student)
    page = client.get(reverse("advising:calendar")).content.decode()
    assert f"http://testserver/me/calendar/{old}.ics" in page

    client.post(reverse("advising:calendar_reset"))
    client.logout()
    new = CalendarFeed.objects.get(user=student).token

    assert new != old
    assert client.get(reverse("advising:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("advising:calendar_feed", args=[new])).status_code == 200


def test_the_calendar_page_makes_no_link_until_asked(client):
    student = StudentFactory()
    client.force_login(student)

    page = client.get(reverse("advising:calendar"))

    assert b"Get my calendar link" in page.content
    assert not CalendarFeed.objects.exists()
    assert client.get(reverse("advising:calendar_reset")).status_code == 405
