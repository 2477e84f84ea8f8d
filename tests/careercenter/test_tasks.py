"""Background tasks run on the workers the site runs: the database worker by default, RQ on
Redis when TASKS_BACKEND=rq."""

import os
import socket
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import redis
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opportunities.models import Status
from tests.factories import OpportunityFactory

ROOT = Path(__file__).resolve().parents[2]
REDIS = ("127.0.0.1", 6379)


def test_an_enqueued_task_waits_for_the_database_worker_and_then_runs(run_tasks):
    expired = OpportunityFactory(expired=True)
    out = StringIO()

    call_command("close_expired_listings", "--enqueue", stdout=out)

    assert "Queued for the background worker" in out.getvalue()
    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY
    expired.refresh_from_db()
    assert expired.status == Status.PUBLISHED  # nothing happened yet

    run_tasks()

    expired.refresh_from_db()
    assert expired.status == Status.CLOSED
    done = DBTaskResult.objects.get()
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.task_result.return_value == 1


def _redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


RQ_SCRIPT = """
import django
django.setup()
from django.core.management import call_command
from django_tasks import TaskResultStatus, default_task_backend
from opportunities.tasks import close_expired_listings_task

call_command("migrate", verbosity=0)
result = close_expired_listings_task.enqueue()
assert default_task_backend.get_result(result.id).status == TaskResultStatus.READY
call_command("rqworker", "default", burst=True, job_class="django_tasks_rq.Job",
             worker_class="rq.SimpleWorker", verbosity=0)
done = default_task_backend.get_result(result.id)
print(done.status, done.return_value)
"""


def test_the_rq_backend_runs_tasks_through_redis(tmp_path):
    if not _redis_up():
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail("Redis is not answering on 127.0.0.1:6379 (REQUIRE_REDIS is set)")
        pytest.skip("Redis is not answering on 127.0.0.1:6379")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DEBUG="1",
        TASKS_BACKEND="rq",
        REDIS_URL="redis://127.0.0.1:6379/14",  # a database of its own; the queue is emptied
        DATABASE_URL=f"sqlite:///{tmp_path / 'rq.sqlite3'}",
        DJANGO_SETTINGS_MODULE="careercenter.settings",
    )
    redis.Redis(*REDIS, db=14).flushdb()  # an empty queue to start from

    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", RQ_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["SUCCESSFUL", "0"]
