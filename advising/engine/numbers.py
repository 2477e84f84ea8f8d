"""Numbers as people write them, for every text, page and document the advising app makes (here,
in the pure engine, so that the engine's reasons, the pages and the suggest_mix contract share
one spelling)."""

from decimal import Decimal


def plain(value: float | Decimal, places: int = 2) -> str:
    """A number as people write it, to at most `places` decimals: 6 not 6.0, 0.25 not 0.250."""
    text = f"{float(value):.{places}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def plain_value(value: float | Decimal | None) -> int | float | None:
    """14 rather than 14.0 (or Decimal("14.0")) in JSON and form values; None stays None."""
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number
