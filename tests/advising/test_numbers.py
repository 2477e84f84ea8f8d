"""The one number formatter of the advising app (`advising.engine.numbers`)."""

from decimal import Decimal

import pytest

from advising.engine import plain, plain_value


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (6, 2, "6"),
        (6.0, 2, "6"),
        (0.25, 2, "0.25"),
        (0.250, 2, "0.25"),
        (7.25, 1, "7.2"),
        (7.5, 1, "7.5"),
        (1040, 1, "1040"),
        (Decimal("14.0"), 2, "14"),
        (-0.001, 2, "0"),
        (-0.0, 1, "0"),
    ],
)
def test_plain_writes_a_number_as_people_do(value, places, text):
    assert plain(value, places) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [(14.0, 14), (Decimal("14.0"), 14), (Decimal("10.5"), 10.5), (0.25, 0.25), (None, None)],
)
def test_plain_value_drops_a_whole_numbers_point(value, expected):
    result = plain_value(value)
    assert result == expected
    assert type(result) is type(expected)
