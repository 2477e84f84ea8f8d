"""Benchmark-only pieces, active only when settings.BENCH_FLOOR is set (see bench/run.py)."""

import os

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
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(count)
        return response
