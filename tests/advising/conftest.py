import pytest

from tests.factories import create_catalogue


@pytest.fixture
def formats(db):
    """The seeded formats with the engine tests' values, by slug (`create_catalogue`)."""
    return create_catalogue()
