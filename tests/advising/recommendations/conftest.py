"""The student the recommendation tests record for: with an advisor, two windows and listings."""

import pytest

from tests.factories import (
    AvailabilityWindowFactory,
    StudentProfileFactory,
    stock_listings,
)


@pytest.fixture
def profile(advisor, student, formats):
    stock_listings(formats.values())
    profile = StudentProfileFactory(user=student, advisor=advisor, career_clarity="exploring")
    AvailabilityWindowFactory(profile=profile, label="Spring term", weeks=14, weekly_hours=6)
    AvailabilityWindowFactory(profile=profile, label="Summer", weeks=10, weekly_hours=40)
    return profile
