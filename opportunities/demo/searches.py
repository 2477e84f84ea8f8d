"""The demo student's saved searches."""

from django.db import transaction
from django.utils import timezone

from notifications.models import Kind, Notification

from ..alerts import normalized_query
from ..models import Opportunity, SavedSearch

DEMO_SEARCHES = (
    # name, query, alert
    ("Paid remote projects", "work_mode=remote&paid=1&family=micro", "daily"),
    ("Marketing internships", "format=internship&industry=marketing", "weekly"),
)


@transaction.atomic
def create_demo_searches(student) -> None:
    """Two saved searches for the demo student, and the in-app alert the first one would have
    made this morning, so a newcomer sees the bell, the notification and the searches page."""
    for name, query, cadence in DEMO_SEARCHES:
        SavedSearch.objects.get_or_create(
            user=student,
            name=name,
            defaults={
                "query": normalized_query(query),
                "cadence": cadence,
                "alerts_from": timezone.now(),
            },
        )
    search = SavedSearch.objects.get(user=student, name=DEMO_SEARCHES[0][0])
    newest = list(
        Opportunity.objects.open()
        .filter(work_mode="remote", format__family="micro")
        .paid()
        .select_related("organization")
        .order_by("-published_at", "-id")[:3]
    )
    if newest:
        Notification.objects.get_or_create(
            user=student,
            key="demo:first-alert",
            defaults={
                "kind": Kind.SEARCH_ALERT,
                "title": f"{len(newest)} new listings for “{search.name}”",
                "body": "\n".join(f"{o.title} ({o.organization.name})" for o in newest),
                "url": search.get_absolute_url(),
            },
        )
