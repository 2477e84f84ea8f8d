"""The benchmark's floor view and SQL counter, switched on by settings alone.

With `BENCH_FLOOR` set (bench/run.py sets it for the server it measures), the settings put
`QueryCountMiddleware` first in the middleware and route through `bench.urls`, which adds
`/bench/floor/` to the site's own URLs. Nothing in the product imports this module.
"""

import os
from contextlib import contextmanager

from django.db import connection
from django.http import HttpResponse


def floor(request):
    """The floor every page is measured against: the full middleware stack and nothing more.

    It also says whose server this is (the run's token, the gunicorn master's pid), so the
    harness never measures another server that happens to hold the port.
    """
    response = HttpResponse("floor", content_type="text/plain")
    response["X-Bench-Token"] = os.environ.get("BENCH_TOKEN", "")
    response["X-Bench-Master"] = str(os.getppid())
    return response


class QueryCountMiddleware:
    """Adds X-Bench-Queries: the SQL statements run for this request, sessions and auth included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with counting_queries() as count:
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(count[0])
        return response


@contextmanager
def counting_queries():
    """Count the SQL statements run inside the block: `with counting_queries() as n: …; n[0]`."""
    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        yield count
