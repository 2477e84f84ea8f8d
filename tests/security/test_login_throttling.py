"""Failed logins lock an account for one address for a while, on the site and in the admin."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, CareerAdminFactory, StudentFactory

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"


class LoginForm:
    def __init__(self, url, field, after_login):
        self.url, self.field, self.after_login = url, field, after_login

    def post(self, client, email, password, ip, **extra):
        return client.post(
            self.url, {self.field: email, "password": password}, REMOTE_ADDR=ip, **extra
        )


SITE = LoginForm("/accounts/login/", "login", "/")
ADMIN = LoginForm("/admin/login/?next=/admin/", "username", "/admin/")
FORMS = pytest.mark.parametrize("form", [SITE, ADMIN], ids=["site", "admin"])


@pytest.fixture
def user(db):
    # Staff, so that the same account can use both the site and the admin login.
    return CareerAdminFactory(email="sam@uni.example.edu")


def fail(form, client, times, ip=ATTACKER, email="sam@uni.example.edu", **extra):
    responses = [form.post(client, email, "wrong-password", ip, **extra) for _ in range(times)]
    return responses


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@FORMS
def test_the_correct_password_is_refused_after_five_failures(client, user, form, settings):
    responses = fail(form, client, settings.AXES_FAILURE_LIMIT)

    assert [r.status_code for r in responses[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert responses[-1].status_code == 429

    response = form.post(client, user.email, PASSWORD, ATTACKER)

    assert response.status_code == 429
    assert not logged_in(client)
    body = response.content.decode()
    assert "<h1>Sign-in paused for now</h1>" in body
    assert "paused for 15 minutes" in body
    assert 'href="/accounts/password/reset/"' in body
    assert response["Retry-After"] == "900"
    assert "no-store" in response["Cache-Control"]


@FORMS
def test_fewer_failures_than_the_limit_do_not_lock(client, user, form, settings):
    fail(form, client, settings.AXES_FAILURE_LIMIT - 1)

    response = form.post(client, user.email, PASSWORD, ATTACKER)

    assert response.status_code == 302
    assert logged_in(client)


@FORMS
def test_the_owner_can_still_log_in_from_another_address(client, user, form, settings):
    fail(form, client, settings.AXES_FAILURE_LIMIT + 3)

    response = form.post(client, user.email, PASSWORD, OWNER)

    assert response.status_code == 302
    assert response["Location"] == form.after_login
    assert logged_in(client)


@FORMS
def test_the_lock_ends_after_the_cool_off(client, user, form, settings):
    fail(form, client, settings.AXES_FAILURE_LIMIT)
    assert form.post(client, user.email, PASSWORD, ATTACKER).status_code == 429

    # Move the attempts back in time rather than waiting the real 15 minutes.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time
        - settings.AXES_COOLOFF_TIME
        - timedelta(seconds=1)
    )
    response = form.post(client, user.email, PASSWORD, ATTACKER)

    assert response.status_code == 302
    assert logged_in(client)


@FORMS
def test_a_short_cool_off_setting_is_honoured(client, user, form, settings):
    settings.AXES_COOLOFF_TIME = timedelta(seconds=0)
    fail(form, client, settings.AXES_FAILURE_LIMIT)

    response = form.post(client, user.email, PASSWORD, ATTACKER)

    assert response.status_code == 302


@FORMS
def test_a_successful_login_resets_the_count(client, user, form, settings):
    below_limit = settings.AXES_FAILURE_LIMIT - 1
    fail(form, client, below_limit)
    assert form.post(client, user.email, PASSWORD, ATTACKER).status_code == 302
    client.logout()

    fail(form, client, below_limit)
    response = form.post(client, user.email, PASSWORD, ATTACKER)

    assert response.status_code == 302
    assert logged_in(client)


@FORMS
def test_the_email_is_matched_whatever_its_case(client, user, form, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        form.post(
            client, "SAM@uni.example.edu" if i % 2 else " sam@UNI.example.edu", "nope", ATTACKER
        )

    response = form.post(client, user.email, PASSWORD, ATTACKER)

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {user.email}


def test_the_site_and_the_admin_share_one_count(client, user, settings):
    half = settings.AXES_FAILURE_LIMIT // 2
    fail(SITE, client, half)
    fail(ADMIN, client, settings.AXES_FAILURE_LIMIT - half)

    assert SITE.post(client, user.email, PASSWORD, ATTACKER).status_code == 429
    assert ADMIN.post(client, user.email, PASSWORD, ATTACKER).status_code == 429


@FORMS
def test_a_forged_forwarded_for_header_does_not_reset_the_count(client, user, form, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        form.post(
            client,
            user.email,
            "wrong-password",
            ATTACKER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",
            HTTP_USER_AGENT=f"bot/{i}",
        )

    response = form.post(client, user.email, PASSWORD, ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(client, user, settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for i in range(settings.AXES_FAILURE_LIMIT):
        # The attacker writes the left part; our proxy appends the address it saw.
        fail(SITE, client, 1, ip=proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}, {ATTACKER}")

    locked = SITE.post(client, user.email, PASSWORD, proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
    owner = SITE.post(client, user.email, PASSWORD, proxy, HTTP_X_FORWARDED_FOR=OWNER)

    assert locked.status_code == 429
    assert owner.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


# --- behind one proxy (TRUSTED_PROXY_COUNT=1) ----------------------------------------------
# The proxy at PROXY appends the address it received each request from to X-Forwarded-For;
# whatever stands left of that entry was written by the client.
PROXY = "10.0.0.2"


def via_proxy(client_address: str, forged: str = "") -> dict:
    """The request as the app receives it from the proxy: REMOTE_ADDR is the proxy."""
    forwarded = f"{forged}, {client_address}" if forged else client_address
    return {"ip": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


@FORMS
def test_behind_one_proxy_the_lock_is_per_account_and_client_address(
    client, user, form, settings, one_proxy
):
    fail(form, client, settings.AXES_FAILURE_LIMIT, **via_proxy(ATTACKER))

    locked = form.post(client, user.email, PASSWORD, **via_proxy(ATTACKER))
    owner = form.post(client, user.email, PASSWORD, **via_proxy(OWNER))

    assert locked.status_code == 429
    assert owner.status_code == 302
    assert set(AccessAttempt.objects.values_list("username", "ip_address")) == {
        (user.email, ATTACKER)
    }


@FORMS
def test_behind_one_proxy_an_attacker_cannot_lock_the_owner_out(
    client, user, form, settings, one_proxy
):
    """The attacker claims to be the owner's address; the proxy still appends theirs."""
    fail(form, client, settings.AXES_FAILURE_LIMIT + 3, **via_proxy(ATTACKER, forged=OWNER))

    response = form.post(client, user.email, PASSWORD, **via_proxy(OWNER))

    assert response.status_code == 302
    assert logged_in(client)
    assert not AccessAttempt.objects.filter(ip_address=OWNER).exists()


@FORMS
def test_behind_one_proxy_forged_entries_do_not_change_the_key(
    client, user, form, settings, one_proxy
):
    for i in range(settings.AXES_FAILURE_LIMIT):
        forged = ", ".join(f"192.0.2.{i * 3 + n}" for n in range(3))
        fail(form, client, 1, **via_proxy(ATTACKER, forged=forged))

    # Locked whatever the attacker writes in front of the proxy's entry, or leaves out.
    for forged in ("", "192.0.2.200", f"{OWNER}, 192.0.2.201"):
        response = form.post(client, user.email, PASSWORD, **via_proxy(ATTACKER, forged=forged))
        assert response.status_code == 429, forged
    assert AccessAttempt.objects.get().ip_address == ATTACKER


def test_an_unknown_account_locks_the_same_way(client, user, settings):
    """The lockout page must not tell an attacker which e-mail addresses have accounts."""
    # From two addresses, so that allauth's per-address limit (10 a minute) stays out of it.
    fail(SITE, client, settings.AXES_FAILURE_LIMIT)
    known = SITE.post(client, user.email, PASSWORD, ATTACKER)
    fail(SITE, client, settings.AXES_FAILURE_LIMIT, ip=OWNER, email="nobody@uni.example.edu")
    unknown = SITE.post(client, "nobody@uni.example.edu", PASSWORD, OWNER)

    assert known.status_code == unknown.status_code == 429
    assert strip_tokens(known.content) == strip_tokens(unknown.content)


def test_failed_passwords_are_not_stored(client, user):
    fail(SITE, client, 2)

    attempt = AccessAttempt.objects.get()
    assert "wrong-password" not in attempt.post_data
    assert "sam@uni.example.edu" in attempt.post_data


def test_a_student_is_throttled_too(client, settings):
    student = StudentFactory()
    fail(SITE, client, settings.AXES_FAILURE_LIMIT, email=student.email)

    assert SITE.post(client, student.email, PASSWORD, ATTACKER).status_code == 429
    assert SITE.post(client, student.email, PASSWORD, OWNER).status_code == 302


# --- password reset ------------------------------------------------------------------------

CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]+"')


def strip_tokens(body: bytes) -> bytes:
    return CSRF.sub(rb"\1TOKEN", body)


def test_password_reset_answers_identically_for_known_and_unknown_addresses(client, user):
    url = reverse("account_reset_password")

    known = client.post(url, {"email": user.email}, follow=True)
    unknown = client.post(url, {"email": "nobody@uni.example.edu"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain
    assert known.redirect_chain == [(reverse("account_reset_password_done"), 302)]
    assert known.status_code == unknown.status_code == 200
    assert strip_tokens(known.content) == strip_tokens(unknown.content)
    # Both get an e-mail; only the owner's has a link that resets anything.
    assert [m.to for m in mail.outbox] == [[user.email], ["nobody@uni.example.edu"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "/accounts/password/reset/key/" not in mail.outbox[1].body
