import pytest

from tests.security.world import build_world


@pytest.fixture
def world(db):
    """The small world of `tests.security.world`: one row of every kind around a student S
    (among them a recommendation shared with S and not yet answered, whose response form the
    bad-input tests post). A module that needs more defines its own `world`."""
    return build_world()
