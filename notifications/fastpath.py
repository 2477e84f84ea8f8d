"""Every performance trick of the notifications app, and nothing else.

Product code elsewhere in the app calls these functions and never uses raw SQL or private
attributes itself (tests/security/test_static_checks.py keeps it so). Figures re-measured for
issue 16 on this project's 2-core machine, PostgreSQL 17.

1. `commit_without_waiting_for_the_disk()`: `SET LOCAL synchronous_commit TO OFF` in the
   transaction that marks an e-mail sent, so its commit does not wait for the WAL to reach
   the disk (Django has no API for it). The cost: if the database server itself crashes in the
   next fraction of a second, the "sent" mark can be lost and the e-mail is sent once more; the
   e-mail and its notification were committed normally before, so nothing is lost.
   MEASURED_SYNC
   Pinned by tests/notifications/test_notifications.py (an e-mail is sent once and marked
   sent, on PostgreSQL too).
"""

from django.db import connection


def commit_without_waiting_for_the_disk() -> None:
    """PostgreSQL: this transaction's commit does not wait for its WAL to reach the disk."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
