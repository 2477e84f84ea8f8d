"""Background work on the catalogue (django-tasks; see settings.TASKS and the README)."""

from django.db import transaction
from django_tasks import task

from . import alerts, reminders
from .models import Cadence, Opportunity


@transaction.atomic
def close_expired_listings() -> int:
    """Close published listings whose deadline has passed; returns how many. Idempotent."""
    return Opportunity.objects.expired().close()


@task()
def close_expired_listings_task() -> int:
    """`close_expired_listings` on a worker (`manage.py close_expired_listings --enqueue`)."""
    return close_expired_listings()


@task()
def send_search_alerts_task(cadence: str, batch_size: int = alerts.BATCH_SIZE) -> int:
    """The saved-search alerts of one cadence (`manage.py send_search_alerts --enqueue`)."""
    return alerts.send_search_alerts(Cadence(cadence), batch_size=batch_size)


@task()
def send_listing_reminders_task() -> int:
    """Deadline reminders and closed notices (`manage.py send_listing_reminders --enqueue`)."""
    return reminders.send_listing_reminders()
