"""gunicorn.conf.py as gunicorn itself resolves it (`gunicorn --print-config`)."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def resolved_bind(**env: str) -> list[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("GUNICORN_")}
    result = subprocess.run(  # noqa: S603 (our own virtualenv's gunicorn, our own config)
        [str(GUNICORN), "-c", "gunicorn.conf.py", "--print-config"],
        cwd=ROOT,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    match = re.search(r"^bind\s*=\s*\[(.*)\]$", result.stdout, re.M)
    assert match, result.stdout
    return [part.strip().strip("'\"") for part in match.group(1).split(",")]


def test_gunicorn_listens_on_the_loopback_only_by_default():
    # Behind a proxy on the same host, nothing else may reach the app directly: a client that
    # could would also choose its own X-Forwarded-For (see TRUSTED_PROXY_COUNT).
    assert resolved_bind() == ["127.0.0.1:8000"]


def test_gunicorn_bind_sets_the_address():
    assert resolved_bind(GUNICORN_BIND="0.0.0.0:8000") == ["0.0.0.0:8000"]
