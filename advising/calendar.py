"""Calendar feeds (RFC 5545, written with the icalendar package): what a person has coming up.

A student's: the deadlines of their saved listings, their planned and ongoing experiences, and
the follow-up dates of the recommendations shared with them, with the next step. An advisor's:
the follow-up dates of their students' recommendations. Every event is a whole day.

A feed is read by a calendar program through a secret link and usually kept by a calendar
service, so an advisor's feed names a student only if the student has no directory-information
hold (`StudentProfile.objects.listable()`); a held student is "a student" there, and the link
to the student's page (which needs a login) says who.
"""

from datetime import date, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from careercenter.roles import is_advisor, is_career_admin, is_student
from notifications.services import absolute
from opportunities.models import SavedOpportunity, Status

from .models import Experience, Recommendation, StudentProfile

PAST_DAYS = 30  # how far back a feed keeps events, so a calendar keeps recent history
PRODUCT_ID = "-//careercenter//calendar feed//EN"


def _uid(kind: str, pk: int) -> str:
    return f"{kind}-{pk}@{urlsplit(settings.SITE_URL).hostname or 'careercenter'}"


def _event(uid: str, summary: str, start: date, *, end: date | None = None, description="", url=""):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", (end or start) + timedelta(days=1))  # all-day events end the next day
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    return event


def feed_for(user, *, today: date | None = None) -> bytes:
    """The user's calendar as iCalendar bytes."""
    today = today or timezone.localdate()
    since = today - timedelta(days=PAST_DAYS)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "careercenter")
    calendar.add("refresh-interval;value=duration", "PT1H")
    events = []
    if is_student(user):
        events += _student_events(user, since)
    if is_advisor(user) or is_career_admin(user):
        events += _advisor_events(user, since)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def _student_events(user, since: date) -> list[Event]:
    events = []
    saved = (
        SavedOpportunity.objects.for_user(user)
        .filter(opportunity__deadline__gte=since)
        .exclude(opportunity__status=Status.DRAFT)
        .select_related("opportunity__organization")
    )
    for item in saved:
        listing = item.opportunity
        events.append(
            _event(
                _uid("deadline", listing.pk),
                f"Deadline: {listing.title}",
                listing.deadline,
                description=f"{listing.organization.name}. Last day to apply for this listing "
                "you saved.",
                url=absolute(listing.get_absolute_url()),
            )
        )
    experiences = Experience.objects.filter(profile__user=user).exclude(ended_on__lt=since)
    for experience in experiences:
        if experience.ended_on is None and experience.started_on < since:
            continue  # ongoing for long: nothing to put on a day
        events.append(
            _event(
                _uid("experience", experience.pk),
                f"{experience.title} ({experience.organization_name})",
                experience.started_on,
                end=experience.ended_on,
                description=f"{experience.hours} hours, from your exposure log.",
                url=absolute(reverse("advising:experience_edit", args=[experience.pk])),
            )
        )
    events += [
        _follow_up(
            rec,
            "follow-up",
            f"Follow-up with your advisor: {rec.next_step}",
            f"Next step: {rec.next_step}",
            reverse("advising:my_recommendation", args=[rec.pk]),
        )
        for rec in Recommendation.objects.shared_with(user).follow_ups_since(since)
    ]
    return events


def _follow_up(rec: Recommendation, kind: str, summary: str, description: str, path: str):
    """The event of `rec`'s follow-up date."""
    return _event(
        _uid(kind, rec.pk), summary, rec.follow_up_on, description=description, url=absolute(path)
    )


def _advisor_events(user, since: date) -> list[Event]:
    named = set(StudentProfile.objects.listable().filter(advisor=user).values_list("pk", flat=True))
    recommendations = (
        Recommendation.objects.visible_to_student()
        .filter(profile__advisor=user)
        .follow_ups_since(since)
        .select_related("profile__user")
    )

    def who(rec) -> str:
        return (rec.profile.user.get_full_name() if rec.profile_id in named else "") or "a student"

    return [
        _follow_up(
            rec,
            "advisor-follow-up",
            f"Follow up with {who(rec)}",
            f"Next step: {rec.next_step} ({rec.get_status_display().lower()})",
            reverse("advising:student", args=[rec.profile_id]),
        )
        for rec in recommendations
    ]
