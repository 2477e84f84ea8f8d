"""`make audit` fails, and says so, when it could not look a dependency up.

pip-audit asks PyPI's JSON API for each package's advisories. A registry mirror that does not
serve that API answers 404, and pip-audit without --strict then skips every package and still
prints "No known vulnerabilities found". That is what these machines do; the test runs the real
target against it, and is skipped where PyPI's advisory data can be reached.
"""

import subprocess
import urllib.error
import urllib.request
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def advisory_source_reachable() -> bool:
    """Whether PyPI answers what pip-audit asks it: one release's data, with its advisories."""
    probe = f"https://pypi.org/pypi/django/{version('django')}/json"
    try:
        with urllib.request.urlopen(probe, timeout=15) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def test_make_audit_fails_loudly_without_an_advisory_source():
    if advisory_source_reachable():
        pytest.skip("PyPI's advisory data is reachable here: the no-source case cannot happen")
    result = subprocess.run(
        # -o: use the virtualenv as it is, never reinstall it from inside a test.
        ["make", "--no-print-directory", "-o", ".venv/bin/.installed", "audit"],  # noqa: S607 (make from PATH, as a developer runs it)
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr

    assert result.returncode != 0
    assert "could not be audited" in output  # pip-audit names each package it skipped
    assert "make audit FAILED" in result.stderr
    assert "No known vulnerabilities found" not in output
