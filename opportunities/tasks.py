"""Background work on the catalogue (django-tasks; see settings.TASKS and the README)."""

from django.db import transaction
from django_tasks import task

from . import alerts, reminders
from .importing import runs
from .models import Cadence, ImportRun, ImportStatus, Opportunity


@transaction.atomic
def close_expired_listings() -> int:
    """Close published listings whose deadline has passed; returns how many. Idempotent."""
    return Opportunity.objects.expired().close()


@task()
def close_expired_listings_task() -> int:
    """`close_expired_listings` on a worker (`manage.py close_expired_listings --enqueue`)."""
    return close_expired_listings()


def _perform(run_id: int, *, write: bool) -> str:
    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None:  # deleted while it waited
        return "gone"
    try:
        with run.file.open("rb") as file:
            runs.perform(run, file, write=write)
    except FileNotFoundError:
        runs.record_failure(run, "The uploaded file is no longer in the media storage.")
        raise
    return run.status


@task()
def check_import_task(run_id: int) -> str:
    """Check an uploaded file (a dry run): the counts and the rejected rows, nothing written."""
    return _perform(run_id, write=False)


@task()
def write_import_task(run_id: int) -> str:
    """Import a checked file: checked again first, then written in one transaction."""
    return _perform(run_id, write=True)


def request_check(run: ImportRun) -> None:
    """Queue the check of a new run, once the transaction that saved it commits."""
    transaction.on_commit(lambda: check_import_task.enqueue(run.pk))


@transaction.atomic
def confirm_import(run: ImportRun) -> bool:
    """Queue the import of a checked run; False when it is not (or no longer) checked, e.g.
    a second click on the button."""
    claimed = ImportRun.objects.filter(pk=run.pk, status=ImportStatus.CHECKED).update(
        status=ImportStatus.IMPORT_QUEUED, progress=0, finished_at=None
    )
    if claimed:
        transaction.on_commit(lambda: write_import_task.enqueue(run.pk))
    return bool(claimed)


@task()
def send_search_alerts_task(cadence: str, batch_size: int = alerts.BATCH_SIZE) -> int:
    """The saved-search alerts of one cadence (`manage.py send_search_alerts --enqueue`)."""
    return alerts.send_search_alerts(Cadence(cadence), batch_size=batch_size)


@task()
def send_listing_reminders_task() -> int:
    """Deadline reminders and closed notices (`manage.py send_listing_reminders --enqueue`)."""
    return reminders.send_listing_reminders()
