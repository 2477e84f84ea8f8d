"""Every route of the project: a POST without a CSRF token is refused, a GET changes nothing,
and pages keep to the Content-Security-Policy.

Routes come from the URLconf (tests/security/routes.py), so those the apps add later are
checked with no change here; each is requested by every kind of user.
"""

import re
from dataclasses import fields

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.db import transaction
from django.test import Client

from tests.security.routes import all_routes, missing_sample_message, sample_kwargs
from tests.security.world import World

pytestmark = pytest.mark.django_db

PRINCIPALS = [
    "anonymous",
    "student",  # S, who owns the world's records
    "other_student",
    "advisor",  # S's advisor
    "other_advisor",
    "career_admin",
    "superuser",
    "deactivated",
]
UNSAFE_METHODS = ["post", "put", "patch", "delete"]
CSRF_REFUSAL = b"CSRF verification failed"
# A valid (secret, token) pair: the unmasked 32-character form Django accepts for both.
CSRF_SECRET = "k" * 32

# What a GET may legitimately write, by route key: {model label: why}.
GET_MAY_WRITE: dict[str, dict[str, str]] = {
    "account_email": {
        "account.EmailAddress": "allauth records the account's own address as an unverified "
        "EmailAddress row the first time this page is shown to a user created outside sign-up "
        "(admin, seed_demo): bookkeeping of a fact the account already holds."
    },
    "account_reset_password_from_key": {
        "sessions.Session": "allauth, like Django, moves the reset key from the URL into the "
        "session and redirects, so the key cannot leak through the Referer header."
    },
}


@pytest.fixture
def clients(world):
    """One client per principal, CSRF checks enforced, signed in before anything is compared."""
    result = {}
    for name in PRINCIPALS:
        client = Client(enforce_csrf_checks=True)
        if name != "anonymous":
            client.force_login(getattr(world, name))
        result[name] = client
    return result


@pytest.fixture
def requests(world):
    """(route, path) for every route, with the arguments the world provides."""
    result = []
    for route in all_routes():
        kwargs = sample_kwargs(route, world)
        if kwargs is not None:
            result.append((route, route.build_path(kwargs)))
    return result


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table Django manages (many-to-many tables included).

    Access-log entries are left out: recording who viewed a student's records is the one write
    a read is meant to make.
    """
    state = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        if model is LogEntry:
            rows = rows.exclude(action=LogEntry.Action.ACCESS)
        state[model._meta.label] = list(rows)
    return state


def changed_tables(before: dict, after: dict) -> set[str]:
    return {label for label in before if before[label] != after[label]}


def test_the_route_list_is_complete():
    keys = {route.key for route in all_routes()}

    assert {"home", "help", "account_login", "account_signup", "admin:index"} <= keys
    assert "admin:careercenter_user_change" in keys
    assert len(keys) == len(all_routes()), "two routes share a key"


def test_every_route_can_be_requested(world):
    """A route with URL arguments and no sample is a new URL nobody has reviewed here yet."""
    missing = [
        missing_sample_message(route)
        for route in all_routes()
        if sample_kwargs(route, world) is None
    ]

    assert not missing, "Routes without sample arguments:\n" + "\n".join(missing)


@pytest.mark.urls("tests.security.audit_urls")
def test_a_new_route_with_arguments_is_reported_until_it_has_a_sample(world):
    missing = [missing_sample_message(r) for r in all_routes() if sample_kwargs(r, world) is None]

    assert missing == [
        "profiles/<int:pk>/: add sample arguments ['pk'] to SAMPLES",
        "profiles/<int:pk>/programme/: add sample arguments ['pk'] to SAMPLES",
    ]


def test_the_world_has_every_kind_of_user():
    assert set(PRINCIPALS) - {"anonymous"} <= {f.name for f in fields(World)}


# Routes that take a POST without a CSRF token, and why that is safe: {route key: reason}.
CSRF_EXEMPT: dict[str, str] = dict.fromkeys(
    ("notifications:unsubscribe", "opportunities:search_unsubscribe"),
    "the one-click unsubscribe of an e-mail (RFC 8058): mail programs POST it with no cookie "
    "and no form token. The signed token in the address is the credential, no session is read, "
    "and all it can do is stop e-mails (tests/notifications, tests/opportunities).",
)


def test_a_request_without_csrf_token_is_refused_on_every_route(clients, requests):
    accepted = []
    for route, path in requests:
        if route.key in CSRF_EXEMPT:
            continue
        for name, client in clients.items():
            for method in UNSAFE_METHODS if name == "superuser" else ["post"]:
                response = getattr(client, method)(path)
                if response.status_code != 403 or CSRF_REFUSAL not in response.content:
                    accepted.append(f"{method.upper()} {path} ({route.key}) as {name}")

    assert not accepted, "Accepted without a CSRF token:\n" + "\n".join(accepted)


def test_the_same_request_with_a_token_gets_past_the_csrf_check(clients, requests, world):
    """So the refusals above are the CSRF check's doing, not something else answering 403."""
    refused = []
    for route, path in requests:
        name = "superuser" if route.key.startswith("admin:") else "student"
        client = clients[name]
        client.cookies["csrftoken"] = CSRF_SECRET
        # Whatever the empty POST does is rolled back, so every route sees the same world.
        with transaction.atomic():
            response = client.post(path, HTTP_X_CSRFTOKEN=CSRF_SECRET)
            transaction.set_rollback(True)
        if response.status_code == 403 and CSRF_REFUSAL in response.content:
            refused.append(f"POST {path} ({route.key}) as {name}")

    assert not refused, "Refused even with a valid token:\n" + "\n".join(refused)


# --- Content-Security-Policy ---------------------------------------------------------------

INLINE = {
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"""<[^>]*\sstyle\s*=\s*["'][^>]*>""", re.IGNORECASE),
    "event handler": re.compile(r"""<[^>]*\son[a-z]+\s*=\s*["'][^>]*>""", re.IGNORECASE),
    "javascript: URL": re.compile(r"""=\s*["']\s*javascript:""", re.IGNORECASE),
}
# Third-party markup the policy blocks, with why that is acceptable: {exact snippet: reason}.
ALLOWED_INLINE: dict[str, str] = {
    # django-import-export's export page (when the listings admin gets it): cosmetic only
    # (padding, bold); the page works without them, so style-src stays 'self'.
    'style="padding: 0;"': "import-export export page, cosmetic",
    'style="font-weight: bold;"': "import-export export page, cosmetic",
    # Its "Select all" toggle: the browser blocks the handler, so staff tick the columns one by
    # one (all are ticked by default); script-src stays 'self'.
    'onchange="onSelectToggleChange(event)"': "import-export export page, convenience toggle",
}


def inline_code(html: str) -> list[str]:
    found = []
    for what, pattern in INLINE.items():
        for match in pattern.finditer(html):
            snippet = match.group(0)
            if not any(allowed in snippet for allowed in ALLOWED_INLINE):
                found.append(f"{what}: {snippet[:120]}")
    return found


def test_get_changes_nothing_and_pages_keep_to_the_policy(clients, requests):
    """A GET by anyone, on any route, leaves every table as it was; and no page carries inline
    script or style, which script-src and style-src 'self' would have the browser block.
    (One walk for both checks: each request is made once.)"""
    problems = []
    pages = 0
    before = snapshot()
    for route, path in requests:
        for name, client in clients.items():
            response = client.get(path)
            if "html" in response.get("Content-Type", "") and not response.streaming:
                pages += 1
                for found in inline_code(response.content.decode()):
                    problems.append(f"GET {path} ({route.key}) as {name}: {found}")
        after = snapshot()
        writes = changed_tables(before, after) - set(GET_MAY_WRITE.get(route.key, {}))
        if writes:
            problems.append(f"GET {path} ({route.key}) changed {sorted(writes)}")
        before = after

    assert pages > len(requests)
    assert not problems, "\n".join(problems)


def test_the_inline_code_scan_finds_what_it_looks_for():
    html = (
        '<script>alert(1)</script><script src="/static/x.js"></script>'
        '<style>p{}</style><p style="color:red">x</p><a onclick="x()">y</a>'
        '<a href="javascript:void(0)">z</a>'
    )

    assert [p.split(":")[0] for p in inline_code(html)] == [
        "inline script",
        "style element",
        "style attribute",
        "event handler",
        "javascript",
    ]
