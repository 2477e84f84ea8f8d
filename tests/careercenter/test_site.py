import pytest
from django.contrib.auth.models import Group

from careercenter import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_roles_are_created_by_a_migration():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)


def test_admin_group_can_curate_the_catalogue():
    group = Group.objects.get(name=roles.ADMIN)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "change_user" in codenames


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, None),
        (roles.STUDENT, roles.STUDENT),
        (roles.ADVISOR, roles.ADVISOR),
        (roles.ADMIN, roles.ADMIN),
    ],
)
def test_role_of(role, expected):
    assert roles.role_of(UserFactory(role=role)) == expected


def test_a_deactivated_user_has_no_role():
    assert roles.role_of(UserFactory(role=roles.ADVISOR, is_active=False)) is None


def test_superuser_counts_as_career_admin():
    assert roles.role_of(UserFactory(is_superuser=True)) == roles.ADMIN


def test_home_explains_the_site_to_a_visitor(client):
    response = client.get("/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Get the right exposure to work" in body
    assert 'href="/accounts/signup/"' in body
    assert 'href="/admin/"' not in body


def test_navigation_depends_on_the_role(client, student, advisor, career_admin):
    client.force_login(student)
    student_body = client.get("/").content.decode()
    client.force_login(advisor)
    advisor_body = client.get("/").content.decode()
    client.force_login(career_admin)
    admin_body = client.get("/").content.decode()

    assert "(Student)" in student_body
    assert "(Advisor)" in advisor_body
    assert "(Career center admin)" in admin_body
    assert 'href="/admin/"' in admin_body
    assert 'href="/admin/"' not in student_body
    assert 'href="/admin/"' not in advisor_body
    assert "Sign up" not in student_body


def test_every_page_has_a_skip_link_and_landmarks(client):
    body = client.get("/").content.decode()

    assert 'href="#main"' in body
    assert '<main id="main"' in body
    assert '<nav class="navbar' in body and 'aria-label="Main"' in body
    assert 'role="status" aria-live="polite"' in body


def test_login_page_renders_labelled_fields(client):
    body = client.get("/accounts/login/").content.decode()

    assert 'for="id_login"' in body
    assert 'for="id_password"' in body


def test_help_page(client):
    assert client.get("/help/").status_code == 200


def test_seed_demo_is_idempotent(django_user_model):
    from django.core.management import call_command

    call_command("seed_demo", listings=0)
    users = django_user_model.objects.count()
    call_command("seed_demo", listings=0)

    emails = set(django_user_model.objects.values_list("email", flat=True))
    assert emails >= {"student@demo.edu", "advisor@demo.edu", "admin@demo.edu"}
    assert django_user_model.objects.count() == users  # the demo caseload's students too
    admin = django_user_model.objects.get(email="admin@demo.edu")
    assert admin.check_password("demo1234") and admin.is_staff
