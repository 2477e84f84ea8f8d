"""`manage.py import_listings`: files and URLs, counts, exit status, runs recorded."""

import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from opportunities.models import ImportRun, ImportStatus, Opportunity, Organization, Status
from tests.opportunities.feeds import feed_bytes, simplify_item, small_feed, write_feed

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def import_listings(*args) -> str:
    out = StringIO()
    call_command("import_listings", *args, stdout=out)
    return out.getvalue()


def test_a_feed_imported_twice_by_the_command_creates_nothing_the_second_time(tmp_path):
    feed = write_feed(tmp_path / "listings.json", small_feed())

    first = import_listings(str(feed), "--source", "simplify")
    second = import_listings(str(feed), "--source", "simplify")

    assert first.strip() == (
        "3 rows: 3 created, 0 updated, 0 unchanged, 0 closed, 0 rejected, 2 organizations created"
    )
    assert second.strip() == (
        "3 rows: 0 created, 0 updated, 3 unchanged, 0 closed, 0 rejected, 0 organizations created"
    )
    assert Opportunity.objects.count() == 3
    runs = list(ImportRun.objects.order_by("pk").values_list("status", "created", "unchanged"))
    assert runs == [(ImportStatus.IMPORTED, 3, 0), (ImportStatus.IMPORTED, 0, 3)]
    assert ImportRun.objects.first().requested_by is None


def test_a_dry_run_writes_nothing(tmp_path):
    feed = write_feed(tmp_path / "listings.json", small_feed())

    out = import_listings(str(feed), "--source", "simplify", "--dry-run")

    assert out.strip().endswith("(dry run: nothing written)")
    assert "3 created" in out
    assert not Opportunity.objects.exists()
    assert ImportRun.objects.get().status == ImportStatus.CHECKED


def test_partial_closes_nothing_that_is_missing(tmp_path):
    import_listings(str(write_feed(tmp_path / "a.json", small_feed())), "--source", "simplify")
    part = write_feed(tmp_path / "b.json", small_feed()[1:])

    import_listings(str(part), "--source", "simplify", "--partial")

    assert Opportunity.objects.get(external_id=simplify_item(1)["id"]).status == Status.PUBLISHED


def test_a_rejected_file_fails_with_one_line_and_writes_nothing(tmp_path):
    feed = write_feed(tmp_path / "bad.json", [*small_feed(), simplify_item(4, date_posted="4/3")])
    out = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_listings", str(feed), "--source", "simplify", stdout=out)

    assert str(error.value) == "1 of 4 rows rejected; nothing imported."
    assert out.getvalue().startswith("row 4: date_posted: “4/3” is not a date")
    assert not Opportunity.objects.exists() and not Organization.objects.exists()
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.REJECTED and run.rejected == 1
    assert run.errors == [{"row": 4, "message": out.getvalue().split(": ", 1)[1].strip()}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source", "Simplify Jobs!"], "--source: A source name is 1 to 40 lower-case"),
        (["--source", "s", "--format", "csv"], "The file is JSON, not CSV: import it as"),
    ],
)
def test_bad_arguments_fail_with_a_message(tmp_path, args, message):
    feed = write_feed(tmp_path / "listings.json", small_feed())

    with pytest.raises(CommandError, match=message):
        import_listings(str(feed), *args)


def test_a_missing_file_fails_with_a_message(tmp_path):
    with pytest.raises(CommandError, match=r"Cannot open .*nowhere\.json: No such file"):
        import_listings(str(tmp_path / "nowhere.json"), "--source", "s")


def test_the_process_exits_non_zero_with_one_line_on_stderr(tmp_path):
    """As cron sees it: a real process, its exit status and what it writes on stderr."""
    feed = write_feed(tmp_path / "bad.json", [simplify_item(1, title=""), simplify_item(2)])
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cron.sqlite3'}",
    }

    def manage(*args):
        return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    assert manage("migrate", "-v0").returncode == 0
    result = manage("import_listings", str(feed), "--source", "simplify")

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "CommandError: 1 of 2 rows rejected; nothing imported."
    ]
    assert result.stdout.strip() == "row 1: title: is missing."


# --- URLs ---------------------------------------------------------------------------------------


@contextmanager
def serving(body: bytes = b"", *, status: int = 200, delay: float = 0):
    """A real HTTP server on the loopback address, answering every GET the same way."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            time.sleep(delay)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with suppress(ConnectionError):  # a client that gave up waiting
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/listings.json"
    finally:
        server.shutdown()
        server.server_close()


def test_a_feed_is_fetched_from_a_url():
    with serving(feed_bytes(small_feed())) as url:
        out = import_listings(url, "--source", "simplify")

    assert "3 created" in out
    assert ImportRun.objects.get().filename == url


def test_a_url_that_does_not_answer_in_time_fails_clearly():
    with serving(feed_bytes(small_feed()), delay=3) as url:
        started = time.monotonic()
        with pytest.raises(CommandError) as error:
            import_listings(url, "--source", "simplify", "--timeout", "0.5")

    assert time.monotonic() - started < 2.5
    assert str(error.value) == f"{url} did not answer within 0.5 s (--timeout)."
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED
    assert run.finished_at is not None  # recorded as every other failure is
    assert not Opportunity.objects.exists()


def test_a_url_answering_an_error_fails_clearly():
    with serving(b"gone", status=404) as url, pytest.raises(CommandError) as error:
        import_listings(url, "--source", "simplify")

    assert str(error.value) == f"{url} answered 404 Not Found."
