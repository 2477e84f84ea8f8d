"""The settings module read in a fresh interpreter, as production would start it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a" * 20 + "-production-like-secret-key-" + "Zq8x" * 10,
    "ALLOWED_HOSTS": "careers.example.edu",
    "DATABASE_URL": "sqlite:///:memory:",
    "EMAIL_HOST": "smtp.example.edu",
}


def run_django(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # Drop what the test run itself sets (pytest-env), so the child sees production defaults.
    test_only = {"SECRET_KEY", "DEBUG", "STATIC_STORAGE", "SECURE_SSL_REDIRECT", "DATABASE_URL"}
    base = {k: v for k, v in os.environ.items() if k not in test_only}
    base.update(env, DJANGO_SETTINGS_MODULE="careercenter.settings")
    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}

    result = run_django("import django; django.setup()", env)

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    code = (
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('check', deploy=True, fail_level='WARNING')"
    )

    result = run_django(code, PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_behind_a_tls_proxy_check_deploy_wants_the_proxy_count():
    """The TLS header says a proxy is in front; without TRUSTED_PROXY_COUNT every client would
    have the proxy's address, and five wrong passwords from anywhere would lock an account for
    everyone (login throttling keys on account + address)."""
    code = (
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    behind_proxy = PRODUCTION_ENV | {"SECURE_PROXY_SSL_HEADER_NAME": "HTTP_X_FORWARDED_PROTO"}

    missing = run_django(code, behind_proxy)
    counted = run_django(code, behind_proxy | {"TRUSTED_PROXY_COUNT": "1"})

    assert missing.returncode != 0
    assert "careercenter.W001" in missing.stderr
    assert "TRUSTED_PROXY_COUNT" in missing.stderr
    assert counted.returncode == 0, counted.stderr


def test_a_proxy_count_that_is_not_a_number_stops_the_start():
    for value in ("one", "-1"):
        result = run_django(
            "import django; django.setup()", PRODUCTION_ENV | {"TRUSTED_PROXY_COUNT": value}
        )

        assert result.returncode != 0
        assert "ImproperlyConfigured: TRUSTED_PROXY_COUNT" in result.stderr, result.stderr[-500:]


def test_check_deploy_wants_mail_that_reaches_people():
    """Sign-up proves the address with an e-mailed code: a console backend in production would
    leave every new student stuck at "enter the code"."""
    code = (
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    without_mail = {k: v for k, v in PRODUCTION_ENV.items() if k != "EMAIL_HOST"}

    console = run_django(code, without_mail)
    files = run_django(
        code, without_mail | {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}
    )
    provider = run_django(
        code, without_mail | {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}
    )

    assert console.returncode != 0
    assert "careercenter.W003" in console.stderr
    assert "careercenter.W003" in files.stderr
    assert provider.returncode == 0, provider.stderr
