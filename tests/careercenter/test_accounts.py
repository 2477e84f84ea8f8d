import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import Client
from django.urls import reverse

from careercenter import roles
from tests.factories import PASSWORD, AdvisorFactory, StudentFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
SIGNUP = "/accounts/signup/"
LOGIN = "/accounts/login/"


def signup(client, email, password="a-Long-and-unusual-pass-42", password2=None):
    return client.post(
        SIGNUP, {"email": email, "password1": password, "password2": password2 or password}
    )


def test_login_url_setting_points_to_the_login_page():
    assert reverse("account_login") == LOGIN


VERIFY = "/accounts/confirm-email/"
# The verification code, alone on its line in the e-mail (allauth's template), e.g. SWRQ-HDVG.
CODE = re.compile(r"^\s*([0-9A-Z]{4,}(?:-[0-9A-Z]{4,})*)\s*$", re.M)


def code_in(message) -> str:
    (code,) = CODE.findall(message.body)
    return code


def signed_in(client):
    return client.get("/").context["user"]


def test_signup_creates_a_student_who_signs_in_with_the_emailed_code(client):
    response = signup(client, "New.Student@Uni.Example.edu")

    assert response.status_code == 302
    assert response["Location"] == VERIFY
    user = User.objects.get()
    assert user.email == "new.student@uni.example.edu"
    assert roles.role_of(user) == roles.STUDENT
    assert not user.is_staff
    # Not signed in until the code sent to the address comes back: the address is proven.
    assert not signed_in(client).is_authenticated
    (message,) = mail.outbox
    assert message.to == ["new.student@uni.example.edu"]

    wrong = client.post(VERIFY, {"code": "WRNG-CODE"})
    assert wrong.status_code == 200
    assert not signed_in(client).is_authenticated

    response = client.post(VERIFY, {"code": code_in(message)})

    assert response.status_code == 302
    assert response["Location"] == reverse("advising:profile")
    assert signed_in(client) == user
    assert EmailAddress.objects.get(user=user).verified


def test_signup_with_a_taken_address_answers_as_for_a_new_one_and_tells_the_owner(client):
    """Whether an address has an account is never shown: both sign-ups get the same pages."""
    owner = StudentFactory(email="taken@uni.example.edu")
    other = Client()
    fresh = signup(other, "fresh@uni.example.edu")
    fresh_page = other.get(VERIFY).content.decode()
    mail.outbox.clear()

    taken = signup(client, "TAKEN@uni.example.edu")
    page = client.get(VERIFY)

    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert same_page(body.replace("taken@", "fresh@"), fresh_page)
    assert "already" not in body.lower()
    assert User.objects.filter(email__iexact="taken@uni.example.edu").count() == 1
    # The owner is told that someone tried; the mail carries nothing that signs anyone in.
    (message,) = mail.outbox
    assert message.to == ["taken@uni.example.edu"]
    assert "already" in (message.subject + message.body).lower()
    assert not CODE.findall(message.body)
    client.post(VERIFY, {"code": "ABCD-EFGH"})
    assert not signed_in(client).is_authenticated
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


class CountingHasher(MD5PasswordHasher):
    """The tests' fast hasher, counting the passwords it hashes."""

    hashed = 0

    def encode(self, password, salt):
        type(self).hashed += 1
        return super().encode(password, salt)


def test_signup_with_a_taken_address_costs_the_same_password_hash(client, settings):
    """Time must not tell either: a new address costs a password hash (about 0.2 s with the
    production hasher), so a taken one costs one too. Counted, not timed."""
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    StudentFactory(email="taken@uni.example.edu")
    spent = {}
    for email in ("fresh@uni.example.edu", "taken@uni.example.edu"):
        CountingHasher.hashed = 0
        response = signup(Client(), email)
        assert (response.status_code, response["Location"]) == (302, VERIFY)
        spent[email] = CountingHasher.hashed

    assert spent["fresh@uni.example.edu"] >= 1
    assert spent["taken@uni.example.edu"] == spent["fresh@uni.example.edu"]


TOKENS = re.compile(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]+"')


def same_page(a: str, b: str) -> bool:
    strip = lambda text: TOKENS.sub(r"\1TOKEN", text)  # noqa: E731 (a one-line helper)
    return strip(a) == strip(b)


def test_an_account_without_a_verified_address_gets_a_code_at_login(client):
    """Accounts made in the admin prove their address the first time they sign in."""
    advisor = AdvisorFactory(email="made.in.admin@uni.example.edu", email_verified=False)

    response = client.post(LOGIN, {"login": advisor.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == VERIFY
    assert not signed_in(client).is_authenticated
    response = client.post(VERIFY, {"code": code_in(mail.outbox[-1])})
    assert response.status_code == 302
    assert signed_in(client) == advisor


def test_the_demo_accounts_sign_in_straight_away(client):
    from careercenter.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo_accounts

    create_demo_accounts()
    for email, *_ in DEMO_ACCOUNTS:
        response = client.post(LOGIN, {"login": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        assert response["Location"] == "/", email
        assert signed_in(client).email == email
        client.logout()


def test_signup_refuses_a_weak_password(client):
    response = signup(client, "weak@uni.example.edu", password="password")

    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert not User.objects.exists()


def test_signup_refuses_mismatched_passwords(client):
    response = signup(
        client, "typo@uni.example.edu", "a-Long-and-unusual-pass-42", "a-Long-and-unusual-pass-43"
    )

    assert response.status_code == 200
    assert not User.objects.exists()


def test_signup_restricted_to_institution_domains(client, settings):
    settings.SIGNUP_EMAIL_DOMAINS = ["uni.example.edu"]

    refused = signup(client, "someone@gmail.example.com")
    accepted = signup(client, "someone@uni.example.edu")

    assert refused.status_code == 200
    errors = refused.context["form"].errors["email"]
    assert errors == ["Use your institution e-mail address (ending in @uni.example.edu)."]
    assert b"@uni.example.edu" in refused.content
    assert accepted.status_code == 302
    assert list(User.objects.values_list("email", flat=True)) == ["someone@uni.example.edu"]


def test_login_with_email_and_logout(client):
    user = StudentFactory(email="sam@uni.example.edu")

    response = client.post(LOGIN, {"login": "sam@uni.example.edu", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == user

    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not client.get("/").context["user"].is_authenticated


def test_login_with_a_wrong_password_is_refused(client):
    StudentFactory(email="sam@uni.example.edu")

    response = client.post(LOGIN, {"login": "sam@uni.example.edu", "password": "wrong"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not client.get("/").context["user"].is_authenticated


def test_logout_is_not_done_by_a_get(client, student):
    client.force_login(student)

    client.get(reverse("account_logout"))

    assert client.get("/").context["user"] == student


def test_password_reset_sends_a_link_to_a_known_address(client):
    StudentFactory(email="sam@uni.example.edu")

    response = client.post(reverse("account_reset_password"), {"email": "sam@uni.example.edu"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_password_reset_answers_the_same_for_an_unknown_address(client):
    StudentFactory(email="sam@uni.example.edu")

    known = client.post(reverse("account_reset_password"), {"email": "sam@uni.example.edu"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@uni.example.edu"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_the_admin_accepts_an_email_login(client, career_admin):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": career_admin.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
