"""Real-browser tests: Playwright's sync API driving Debian's Chromium against `live_server`.

Fixtures for test modules in this folder:

- `page`: a fresh browser context and tab for the test, whose relative URLs ("/help/") go to
  the live server. Console errors, uncaught exceptions and Content-Security-Policy violations
  on it fail the test.
- `new_page(**context_options)`: more tabs, each in its own context (its own cookies), e.g.
  `new_page(java_script_enabled=False)` or `new_page(viewport=PHONE)`, or an advisor and a
  student side by side. Checked the same way as `page`.
- `browser`: the one Chromium started per run.
- `browser_problems`: what the pages reported so far (a test that provokes a problem on
  purpose reads and clears it).

Every test here gets a live server with a transactional database. `serialized_rollback`
puts back what data migrations created (role groups, and the catalogue's seeded rows) before
each test, since the flush after a transactional test empties every table.

Without Chromium at /usr/bin/chromium (or $CHROMIUM), or without Playwright, every test here
is skipped with a message saying so, unless E2E_REQUIRE_BROWSER is set (as `.ci/run` does,
after installing Chromium), which makes that an error. These tests run after all others.
"""

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).parent


def _why_no_browser() -> str | None:
    try:
        import axe_playwright_python  # noqa: F401 (imported only to see that it is installed)
        import playwright  # noqa: F401 (imported only to see that it is installed)
    except ImportError:
        return "Playwright or axe-playwright-python is not installed: pip install -e '.[dev]'"
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)) and not shutil.which(
        CHROMIUM
    ):
        return (
            f"Chromium not found at {CHROMIUM}: real-browser tests skipped "
            "(apt-get install chromium, or set CHROMIUM=/path/to/chromium)"
        )
    return None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run this folder's tests last, or skip them, each with the reason, without a browser.

    Last (after pytest-django has put transactional tests after the others, and before the
    tests that use no database): the browser then starts once, after every faster test has
    given its answer, and nothing runs after it while its event loop is alive.
    """
    mine = [item for item in items if HERE in Path(item.path).parents]
    others = [item for item in items if HERE not in Path(item.path).parents]
    items[:] = others + mine
    reason = _why_no_browser()
    if reason and os.environ.get("E2E_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"E2E_REQUIRE_BROWSER is set, but: {reason}")
    for item in mine:
        if item.get_closest_marker("e2e") is None:
            raise pytest.UsageError(f"{item.nodeid}: mark real-browser tests with pytest.mark.e2e")
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="package")
def browser(django_db_setup, django_db_blocker):
    """One Chromium for the run, closed as soon as the last test in this folder is done.

    Playwright's sync API keeps an asyncio loop running in this thread while it is started.
    Two things follow for Django in the test code (factories, asserts on the database):
    - its ORM refuses to run in a thread with a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE
      is set (set here only while the browser exists);
    - `django.db.connections` then hands out other connection objects (asgiref keeps
      thread-critical locals per async context), which lack the database snapshot that
      `serialized_rollback` restores from. The snapshot is handed over to them here, and
      they are closed before the loop stops.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with django_db_blocker.unblock():
        snapshots = {
            alias: connections[alias]._test_serialized_contents
            for alias in connections
            if hasattr(connections[alias], "_test_serialized_contents")
        }
    with pytest.MonkeyPatch.context() as mp, sync_playwright() as playwright:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        connections.close_all()


@dataclass
class PageProblems:
    """What went wrong in the browser while a test ran: each entry is a readable line."""

    lines: list[str] = field(default_factory=list)


PROBLEMS = pytest.StashKey[PageProblems]()

# Runs in every page before its own scripts (through the DevTools protocol, so the CSP does not
# apply to it); reports CSP violations that the page's own code could swallow.
_REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__e2eReportCsp(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline code"}` +
    ` at ${event.sourceFile || document.location.href}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def browser_problems(request) -> PageProblems:
    """What the test's pages reported so far; checked when the test ends."""
    return request.node.stash.setdefault(PROBLEMS, PageProblems())


@pytest.fixture
def new_page(browser, live_server, browser_problems) -> Iterator[Callable[..., object]]:
    problems = browser_problems
    contexts = []

    def make(**context_options):
        context_options.setdefault("base_url", live_server.url)
        context = browser.new_context(**context_options)
        contexts.append(context)
        context.set_default_timeout(10_000)
        context.expose_binding("__e2eReportCsp", lambda source, text: _csp(problems, source, text))
        context.add_init_script(_REPORT_CSP_VIOLATIONS)
        page = context.new_page()
        page.on("console", lambda msg: _console(problems, page, msg))
        page.on("pageerror", lambda error: problems.lines.append(f"uncaught error: {error}"))
        return page

    yield make
    for context in contexts:
        with suppress(Exception):
            context.close()


def _axe_styling(page, text: str) -> bool:
    """axe-core's own inline styles, blocked while it runs (see helpers.axe_check)."""
    return getattr(page, "e2e_axe_running", False) and (
        text.startswith("Applying inline style violates") or text.startswith("style-src")
    )


def _csp(problems: PageProblems, source, text: str) -> None:
    if not _axe_styling(source.get("page"), text):
        problems.lines.append(f"CSP violation: {text}")


def _console(problems: PageProblems, page, message) -> None:
    if message.type == "error":
        if _axe_styling(page, message.text):
            return
        where = message.location.get("url") or page.url
        problems.lines.append(f"console error on {where}: {message.text}")


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test whose pages logged console errors or CSP violations, even if it passed."""
    result = yield
    problems = item.stash.get(PROBLEMS, None)
    if problems and problems.lines:
        pytest.fail(
            "the browser reported problems:\n  " + "\n  ".join(problems.lines), pytrace=False
        )
    return result


@pytest.fixture(autouse=True)
def _fresh_site(django_db_serialized_rollback, settings):
    """Migration data back in place, an empty cache (allauth's rate limits live there), and a
    fast password hasher: the real one costs ~0.7 s a hash here, and hashing is not what these
    tests are about (the live server reads the same settings)."""
    from django.core.cache import cache

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
