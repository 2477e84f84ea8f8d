"""Nothing lost, nothing twice: a real `db_worker` is killed in the middle of a digest run and
a new one is started; every due e-mail is sent exactly once (PostgreSQL).

The worker is a separate process on the test database, sending through Django's file-based
e-mail backend into a temporary folder: a capture that survives the process. It is killed with
SIGKILL (no chance to clean up) at a moment the test picks, not at random: the test holds an
uncommitted notification with the key of one alert of the third batch, and kills the worker
once PostgreSQL shows it waiting on that row, two batches sent and the third half-written.
"""

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from notifications.models import Email, EmailStatus, Notification
from opportunities import alerts
from opportunities.models import Cadence, Opportunity, SavedSearch, SearchAlertRun
from tests.factories import OpportunityFactory, StudentFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
STUDENTS, BATCH = 30, 5


def _wait_for(condition, what: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _recipients(folder: Path) -> Counter:
    """How many e-mails each address got, read from the file backend's files."""
    counts = Counter()
    for path in folder.glob("*.log"):
        counts.update(re.findall(r"^To: (\S+)$", path.read_text(), flags=re.MULTILINE))
    return counts


def _waiting_to_insert(database: str) -> bool:
    """Whether a connection waits for a lock to insert a notification. Asked outside the lock's
    transaction: PostgreSQL shows a transaction one snapshot of pg_stat_activity."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND datname = %s AND query ILIKE %s",
            [database, f"%INSERT INTO%{Notification._meta.db_table}%"],
        )
        return cursor.fetchone()[0] > 0


def _worker(env, *extra) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_a_worker_killed_mid_run_loses_nothing_and_sends_nothing_twice(tmp_path):
    mailbox = tmp_path / "mail"
    database = connection.settings_dict
    env = os.environ | {
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mailbox),
    }
    students = [StudentFactory() for _ in range(STUDENTS)]
    searches = [
        alerts.save_search(user=s, name="Everything", query="", cadence=Cadence.DAILY)
        for s in students
    ]
    SavedSearch.objects.update(alerts_from=timezone.now() - timedelta(days=2))
    listing = OpportunityFactory(title="Remote survey sprint")
    Opportunity.objects.filter(pk=listing.pk).update(
        published_at=timezone.now() - timedelta(hours=2)
    )
    run = alerts.start_run(Cadence.DAILY)
    lock = psycopg.connect(
        dbname=database["NAME"],
        host=database["HOST"],
        port=database["PORT"],
        user=database["USER"],
    )
    # An uncommitted notification with the key of the first alert of the third batch: the
    # worker's insert of that alert waits for this transaction, after two batches are done.
    blocked = searches[2 * BATCH]
    insert = (
        f"INSERT INTO {Notification._meta.db_table} "  # noqa: S608 (the model's table name)
        "(user_id, kind, title, body, url, key, created_at) "
        "VALUES (%s, 'search_alert', 'held', '', '', %s, now())"
    )
    lock.execute(
        insert,
        [blocked.user_id, f"search:{blocked.pk}:daily:{run.period}"],
    )
    call_command(
        "send_search_alerts",
        "--cadence",
        "daily",
        "--enqueue",
        f"--batch-size={BATCH}",
        verbosity=0,
    )

    first = _worker(env)
    try:
        _wait_for(lambda: _waiting_to_insert(database["NAME"]), "the worker to wait in batch 3")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        lock.rollback()
        lock.close()
        if first.poll() is None:
            first.kill()

    stopped = SearchAlertRun.objects.get(pk=run.pk)
    sent_before = _recipients(mailbox)
    assert stopped.finished_at is None
    assert sum(sent_before.values()) == 2 * BATCH, sent_before
    assert stopped.last_search_id == searches[2 * BATCH - 1].pk
    assert set(sent_before.values()) == {1}
    # The killed worker's task is left "running": nobody will finish it...
    alert_tasks = DBTaskResult.objects.filter(task_path__endswith="send_search_alerts_task")
    assert alert_tasks.get().status == TaskResultStatus.RUNNING

    # ...until cron runs the command again, and a new worker takes the run from its checkpoint.
    call_command(
        "send_search_alerts",
        "--cadence",
        "daily",
        "--enqueue",
        f"--batch-size={BATCH}",
        verbosity=0,
    )
    second = _worker(env, "--batch")
    assert second.wait(timeout=120) == 0, second.stderr.read().decode()

    received = _recipients(mailbox)
    assert received == Counter({s.email: 1 for s in students})
    assert SearchAlertRun.objects.get(pk=run.pk).finished_at is not None
    assert Notification.objects.count() == STUDENTS
    assert Email.objects.filter(status=EmailStatus.SENT).count() == STUDENTS
