"""An import as a recorded run (`ImportRun`): what the background tasks and the command call.

A run from the admin takes two tasks (opportunities.tasks): a check (a dry run: the counts and
the rejected rows, nothing written) and, once an admin confirms, the import (which checks the
file again, since the catalogue may have changed meanwhile, then writes it). The command does
the import directly, or the check with --dry-run. Each step records its outcome on the run,
whatever happens.
"""

from typing import BinaryIO

from django.utils import timezone

from ..models import ImportRun, ImportStatus
from .pipeline import ImportResult, import_listings

# Which status a step's phases show, and where it ends.
_PHASES = {
    False: {"check": ImportStatus.CHECKING},
    True: {"check": ImportStatus.RECHECKING, "write": ImportStatus.WRITING},
}


def perform(run: ImportRun, file: BinaryIO, *, write: bool) -> ImportResult:
    """Check (write=False) or import the run's file, recording progress and the outcome."""
    run.started_at = timezone.now()
    run.progress = 0
    run.status = _PHASES[write]["check"]
    run.save(update_fields=["started_at", "progress", "status"])

    def progress(phase: str, rows: int) -> None:
        # A plain UPDATE outside the import's transaction (the write phase reports only its
        # start, just before the transaction opens): the progress page reads it meanwhile.
        ImportRun.objects.filter(pk=run.pk).update(status=_PHASES[write][phase], progress=rows)

    try:
        result = import_listings(
            file,
            source=run.source,
            format=run.format or None,
            encoding=run.encoding,
            whole_feed=run.whole_feed,
            dry_run=not write,
            progress=progress,
        )
    except Exception as error:
        record_failure(run, f"{type(error).__name__}: {error}")
        raise
    record(run, result)
    return result


def record(run: ImportRun, result: ImportResult) -> None:
    if not result.ok:
        run.status = ImportStatus.REJECTED
    elif result.dry_run:
        run.status = ImportStatus.CHECKED
    else:
        run.status = ImportStatus.IMPORTED
    for name, value in result.counts().items():
        setattr(run, name, value)
    run.progress = result.rows
    run.errors = [{"row": e.row, "message": e.message} for e in result.errors]
    run.problem = result.problem
    run.finished_at = timezone.now()
    run.save()


def record_failure(run: ImportRun, message: str) -> None:
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportStatus.FAILED, problem=message, finished_at=timezone.now()
    )
