"""A career-center admin who is not a superuser cannot give anyone more than they may hand out.

Career-center admins manage the accounts of students and advisors in the admin. They cannot
grant superuser status, staff status, single permissions, or a group other than Student and
Advisor, on any account including their own; and the accounts that hold more (staff,
superusers, other career-center admins) are read-only to them, password included. Each case
posts the admin's real add and change forms.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from careercenter import roles
from tests.factories import (
    PASSWORD,
    AdvisorFactory,
    CareerAdminFactory,
    StudentFactory,
    UserFactory,
)
from tests.security.hostile import page_form

pytestmark = pytest.mark.django_db


def change_url(user):
    return reverse("admin:careercenter_user_change", args=[user.pk])


def group(name):
    return str(Group.objects.get(name=name).pk)


def change_form(client, user) -> dict:
    page = client.get(change_url(user))
    assert page.status_code == 200
    data = page_form(page.content.decode(), "email")["data"]
    data.pop("csrfmiddlewaretoken", None)
    return data | {"_save": ["Save"]}


def grant_everything(data: dict) -> dict:
    return data | {
        "is_superuser": ["on"],
        "is_staff": ["on"],
        "groups": [group(roles.ADMIN)],
        "user_permissions": [str(Permission.objects.get(codename="delete_group").pk)],
    }


@pytest.fixture
def staff(db):
    return CareerAdminFactory(email="staff@uni.example.edu")


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


def powers(user) -> tuple:
    user.refresh_from_db()
    return (
        user.is_superuser,
        user.is_staff,
        sorted(user.groups.values_list("name", flat=True)),
        list(user.user_permissions.all()),
    )


def test_a_career_admin_cannot_raise_their_own_account(staff_client, staff):
    before = powers(staff)
    mine = {
        "email": [staff.email],
        "first_name": [staff.first_name],
        "last_name": [staff.last_name],
        "is_active": ["on"],
        "_save": ["Save"],
    }

    response = staff_client.post(change_url(staff), grant_everything(mine))

    assert response.status_code in (200, 403)
    assert powers(staff) == before
    assert not staff.is_superuser


def test_a_career_admin_cannot_raise_a_student(staff_client):
    student = StudentFactory()

    response = staff_client.post(
        change_url(student), grant_everything(change_form(staff_client, student))
    )

    assert response.status_code in (200, 403)
    assert powers(student) == (False, False, [roles.STUDENT], [])


def test_a_career_admin_still_makes_a_student_an_advisor(staff_client):
    student = StudentFactory()
    data = change_form(staff_client, student) | {"groups": [group(roles.ADVISOR)]}
    data["first_name"] = ["Renamed"]

    response = staff_client.post(change_url(student), data)

    assert response.status_code == 302
    assert powers(student) == (False, False, [roles.ADVISOR], [])
    assert student.first_name == "Renamed"


def test_a_career_admin_creates_an_advisor_but_not_staff(staff_client):
    add = reverse("admin:careercenter_user_add")
    form = {"password1": PASSWORD, "password2": PASSWORD, "_save": "Save"}

    ok = staff_client.post(
        add, form | {"email": "new.advisor@uni.example.edu", "groups": [group(roles.ADVISOR)]}
    )
    raised = staff_client.post(
        add,
        form
        | {
            "email": "new.staff@uni.example.edu",
            "groups": [group(roles.ADMIN)],
            "is_staff": "on",
            "is_superuser": "on",
        },
    )

    assert ok.status_code == 302
    from careercenter.models import User

    advisor = User.objects.get(email="new.advisor@uni.example.edu")
    assert powers(advisor) == (False, False, [roles.ADVISOR], [])
    assert raised.status_code == 200  # the form, with the group refused
    assert not User.objects.filter(
        email="new.staff@uni.example.edu", groups__name=roles.ADMIN
    ).exists()
    assert not User.objects.filter(email="new.staff@uni.example.edu", is_staff=True).exists()


@pytest.mark.parametrize("kind", ["superuser", "career admin", "staff"])
def test_accounts_with_more_power_are_read_only_to_a_career_admin(staff_client, kind):
    other = {
        "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
        "career admin": lambda: CareerAdminFactory(),
        "staff": lambda: UserFactory(is_staff=True),
    }[kind]()
    email = other.email

    response = staff_client.post(
        change_url(other), {"email": "taken.over@uni.example.edu", "_save": "Save"}
    )
    password = staff_client.post(
        reverse("admin:auth_user_password_change", args=[other.pk]),
        {"password1": "Pwned-pass-4242", "password2": "Pwned-pass-4242"},
    )

    assert response.status_code == 403
    assert password.status_code == 403
    other.refresh_from_db()
    assert other.email == email
    assert other.check_password(PASSWORD)


def test_a_career_admin_cannot_delete_a_superuser(staff_client):
    root = UserFactory(is_staff=True, is_superuser=True)

    response = staff_client.post(
        reverse("admin:careercenter_user_changelist"),
        {"action": "delete_selected", "_selected_action": [root.pk], "post": "yes"},
    )

    assert response.status_code in (200, 302, 403)
    assert type(root).objects.filter(pk=root.pk).exists()


def test_a_superuser_may_grant_anything(staff):
    root = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(root)
    advisor = AdvisorFactory()

    response = client.post(change_url(advisor), grant_everything(change_form(client, advisor)))

    assert response.status_code == 302
    assert powers(advisor)[:3] == (True, True, [roles.ADMIN])
