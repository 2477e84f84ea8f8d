import pytest

from tests.advising.engine_cases import CATALOGUE
from tests.factories import create_catalogue


@pytest.fixture
def formats(db):
    """The seeded formats with the engine tests' values, by slug (`create_catalogue`)."""
    return create_catalogue()


@pytest.fixture
def catalogue():
    """The engine tests' catalogue: the reference's twelve formats (`engine_cases.CATALOGUE`)."""
    return CATALOGUE
