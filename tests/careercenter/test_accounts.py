import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from careercenter import roles
from tests.factories import PASSWORD, StudentFactory

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


def test_signup_creates_a_student_and_logs_them_in(client):
    response = signup(client, "New.Student@Uni.Example.edu")

    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "new.student@uni.example.edu"
    assert roles.role_of(user) == roles.STUDENT
    assert not user.is_staff
    assert client.get("/").context["user"] == user


def test_signup_refuses_a_duplicate_email_whatever_its_case(client):
    StudentFactory(email="taken@uni.example.edu")

    response = signup(client, "TAKEN@uni.example.edu")

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert User.objects.count() == 1


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
