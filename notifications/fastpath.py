"""The performance tricks of the notifications app: none is left.

Product code in this app uses the ORM only (a static-check test keeps raw SQL
and private attributes out of it). Re-measured for issue 16 and removed:

1. `SET LOCAL synchronous_commit TO OFF` in the transaction that marks an e-mail sent (so its
   commit did not wait for the WAL to reach the disk). Sending 500 e-mails one by one through
   `services.send_email` (Django's dummy backend, PostgreSQL 15 with fsync on, this project's
   2-core machine), two runs alternating: 1.07 and 1.17 ms per e-mail with it, 1.17 and
   1.21 ms without: under 10 %, inside the machine's noise. Not worth its cost: a database
   crash right after the commit could lose the "sent" mark and send the e-mail twice.
   Measure again with `bench/digests.py` (a daily alert run, which sends its e-mails).

Put a new trick here with its figures and the test that pins it.
"""
