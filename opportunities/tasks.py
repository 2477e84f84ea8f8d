"""Background work on the catalogue (django-tasks; see settings.TASKS and the README)."""

from django.db import transaction
from django_tasks import task

from .models import Opportunity


@transaction.atomic
def close_expired_listings() -> int:
    """Close published listings whose deadline has passed; returns how many. Idempotent."""
    return Opportunity.objects.expired().close()


@task()
def close_expired_listings_task() -> int:
    """`close_expired_listings` on a worker (`manage.py close_expired_listings --enqueue`)."""
    return close_expired_listings()
