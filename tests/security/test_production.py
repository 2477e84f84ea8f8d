"""The site run with production settings, in a fresh interpreter, asserting on real responses.

Why the test client and not gunicorn: every header checked here is set by Django's middleware,
which the test client runs exactly as a WSGI server would (same handler, same stack), while it
needs no free port, no waiting for workers and lets the probe log in like a browser. gunicorn
itself is configured in gunicorn.conf.py and adds none of these headers.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOST = "careers.example.edu"


@pytest.fixture(scope="module")
def seen(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("production")
    # Drop what the test run itself sets (pytest-env), so the child sees production defaults.
    test_only = {"SECRET_KEY", "DEBUG", "STATIC_STORAGE", "SECURE_SSL_REDIRECT", "DATABASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in test_only} | {
        "DJANGO_SETTINGS_MODULE": "careercenter.settings",
        "DEBUG": "0",
        "SECRET_KEY": "production-like-secret-key-" + "Zq8x-w3Rt" * 6,
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp / "static"),
    }
    out = tmp / "seen.json"
    result = subprocess.run(  # noqa: S603 (our own interpreter running our own script)
        [sys.executable, "-m", "tests.security.production_probe", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(out.read_text())


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


HTML_PAGES = [
    "home",
    "help",
    "login page",
    "signup page",
    "password reset page",
    "admin login page",
    "home signed in",
    "admin index",
    "admin user list",
    "admin user change",
]
PERSONAL_PAGES = [
    "login page",
    "signup page",
    "password reset page",
    "admin login page",
    "home signed in",
    "help signed in",
    "admin index",
    "admin user list",
    "admin user change",
]


def test_http_is_redirected_to_https(seen):
    response = seen["http home"]

    assert response["status"] == 301
    assert response["headers"]["Location"] == f"https://{HOST}/"


@pytest.mark.parametrize("page", HTML_PAGES)
def test_security_headers(seen, page):
    response = seen[page]
    headers = response["headers"]

    assert response["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("page", HTML_PAGES)
def test_content_security_policy(seen, page):
    policy = directives(seen[page]["headers"]["Content-Security-Policy"])

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    everything = " ".join(v for values in policy.values() for v in values)
    assert "unsafe-inline" not in everything
    assert "unsafe-eval" not in everything


def test_the_session_cookie_is_secure_http_only_and_same_site(seen):
    login = seen["login"]

    assert login["status"] == 302
    assert login["cookies"]["sessionid"] == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_the_csrf_cookie_is_secure_and_same_site(seen):
    # Not HttpOnly: Django's docs explain it would add nothing, and the token is in the page.
    assert seen["login page"]["cookies"]["csrftoken"] == {
        "secure": True,
        "httponly": False,
        "samesite": "Lax",
    }


def test_a_post_without_the_csrf_token_is_refused(seen):
    assert seen["login without token"]["status"] == 403


@pytest.mark.parametrize("page", PERSONAL_PAGES)
def test_personal_and_account_pages_are_never_stored(seen, page):
    cache_control = {v.strip() for v in seen[page]["headers"]["Cache-Control"].split(",")}

    assert {"no-store", "private"} <= cache_control


@pytest.mark.parametrize("page", ["home", "help"])
def test_public_pages_seen_anonymously_may_be_cached(seen, page):
    assert "no-store" not in seen[page]["headers"].get("Cache-Control", "")


def test_static_files_come_hashed_from_the_manifest_and_cache_forever(seen):
    response = seen["static file"]

    assert response["status"] == 200
    assert "max-age=315360000" in response["headers"]["Cache-Control"]
    assert "immutable" in response["headers"]["Cache-Control"]


def test_no_debug_page(seen):
    missing = seen["missing page"]

    assert missing["status"] == 404
    assert "URLconf" not in missing["body"]
    assert "Traceback" not in missing["body"]
