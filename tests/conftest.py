import pytest
from django.db import connection

from tests import factories


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Skip tests marked `postgres` when the suite runs on another database."""
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests log in hundreds of times; hashing strength is not what they check (1.7 s a hash)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def student(db):
    return factories.StudentFactory()


@pytest.fixture
def advisor(db):
    return factories.AdvisorFactory()


@pytest.fixture
def career_admin(db):
    return factories.CareerAdminFactory()


@pytest.fixture
def student_client(client, student):
    client.force_login(student)
    return client


@pytest.fixture
def advisor_client(client, advisor):
    client.force_login(advisor)
    return client


@pytest.fixture
def admin_client_(client, career_admin):
    """A client logged in as a career-center admin (staff, in the admin group, not superuser)."""
    client.force_login(career_admin)
    return client


@pytest.fixture(autouse=True)
def fresh_catalogue():
    """Each test starts with no catalogue rows kept in the process (opportunities.catalogue):
    a rolled-back transaction sends no signal to clear rows an earlier test created."""
    from opportunities import catalogue

    catalogue.clear()
    yield
    catalogue.clear()
