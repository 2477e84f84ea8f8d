"""Counting a page's SQL queries the way the budgets in issue 8 mean them.

What is excluded, precisely: a query whose *main table* is the session table, the user table or
Django's group table. The main table is the first table named after FROM, UPDATE, INSERT INTO
or DELETE FROM. That is: loading and saving the session, loading `request.user`, and the role
check (`rules`' group lookup, once per request). Every other query counts, including queries
that join the user table from another one (the caseload's names, a recommendation's advisor).

Measured on a warm process: the first request of each count is a warm-up, so the catalogue
rows every process keeps (`opportunities.catalogue`, reread at most once a minute) are loaded,
as in a server that has served any page in the last minute; so is the sample of open listings
the suggestion counts against (`advising.matching.listing_supply`, kept a minute, the same for
every student). Rendered listing cards are kept
too, unless `cold` asks for a count without them.
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

MAIN_TABLE = re.compile(
    r"\b(?:FROM|UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+[\"`]?(\w+)[\"`]?", re.IGNORECASE
)


def session_and_auth_tables() -> frozenset[str]:
    return frozenset(
        {Session._meta.db_table, get_user_model()._meta.db_table, Group._meta.db_table}
    )


def main_table(sql: str) -> str | None:
    match = MAIN_TABLE.search(sql)
    return match.group(1) if match else None


def counted(queries) -> list[str]:
    """The SQL of `queries` (CaptureQueriesContext entries) minus session and auth queries."""
    skip = session_and_auth_tables()
    return [q["sql"] for q in queries if main_table(q["sql"]) not in skip]


def page_queries(client, url: str, *, cold: bool = False, **get) -> tuple[int, list[str]]:
    """(status code, counted queries) of a GET of `url`, after one warm-up request.

    `cold`: with no rendered fragment kept (a worker's first view of these listings), so the
    listings behind the cards are read too.
    """
    client.get(url, get)
    if cold:
        caches["fragments"].clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, get)
    return response.status_code, counted(ctx.captured_queries)


def call_queries(function, *args, **kwargs) -> tuple[object, list[str]]:
    """(result, counted queries) of one call, after one warm-up call."""
    function(*args, **kwargs)
    with CaptureQueriesContext(connection) as ctx:
        result = function(*args, **kwargs)
    return result, counted(ctx.captured_queries)
