"""The floor view and the query counter exist only when the benchmark turns them on."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECK_FLOOR = """
import django; django.setup()
from django.test import Client
response = Client().get("/bench/floor/", HTTP_HOST="127.0.0.1")
print(response.status_code, response.get("X-Bench-Token"), response.get("X-Bench-Queries"))
"""


def test_the_floor_is_not_routed_without_the_bench_setting(client, settings):
    assert settings.BENCH_FLOOR is False

    response = client.get("/bench/floor/")

    assert response.status_code == 404
    assert "X-Bench-Queries" not in response


def test_the_floor_answers_with_the_runs_token_and_a_query_count_when_on():
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env |= {
        "BENCH_FLOOR": "1",
        "BENCH_TOKEN": "run-42",
        "DATABASE_URL": "sqlite:///:memory:",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "careercenter.settings",
    }

    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", CHECK_FLOOR],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "run-42", "0"]
