import pytest
from django.db import connection

from tests import factories


def pytest_collection_modifyitems(items):
    """Tests that take `run_tasks` get a transactional database with serialized rollback.

    Said with a marker on the test itself: pytest-django decides which databases to serialize
    when it creates them from each test's closest `django_db` marker, and a module's
    `pytestmark = pytest.mark.django_db` would otherwise hide the fixture's request, leaving
    nothing to put back after the first flush (no role groups, no seeded formats).
    """
    for item in items:
        if "run_tasks" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


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
    """Each test starts with no catalogue rows, policy or listing samples kept in the process
    (opportunities.catalogue, advising.policy, advising.matching): a rolled-back transaction
    sends no signal to clear rows an earlier test created."""
    from advising import matching, policy
    from opportunities import catalogue

    def forget() -> None:
        catalogue.clear()
        policy.clear()
        matching.clear_samples()

    forget()
    yield
    forget()


@pytest.fixture
def run_tasks(transactional_db, django_db_serialized_rollback):
    """Run every queued background task on the real database worker, then return.

    `run_tasks()` is `manage.py db_worker --batch`, in this process. A test that takes it gets
    a transactional database (rows really committed, the data migrations' rows put back before
    it): the worker closes its connection between tasks, as it does in production, which would
    end a test's enclosing transaction. The worker's handlers for SIGINT, SIGTERM and SIGQUIT
    (finish the task, then exit) are replaced by the ones before it when it returns: left
    installed, a signal later in the run raised SystemExit inside whatever test was running.
    """
    import signal

    from django.core.management import call_command

    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]

    def run() -> None:
        handlers = {number: signal.getsignal(number) for number in signals}
        try:
            call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
        finally:
            for number, handler in handlers.items():
                signal.signal(number, handler)

    return run
