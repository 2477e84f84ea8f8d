"""The catalogue the `suggest_mix` tests read: the formats, three industries and a skill."""

import pytest

from tests.factories import (
    IndustryFactory,
    SkillFactory,
    create_catalogue,
)


@pytest.fixture
def catalogue(db):
    formats = create_catalogue()
    for slug in ("technology", "marketing", "finance"):
        IndustryFactory(slug=slug)
    SkillFactory(slug="data-analysis")
    return formats
