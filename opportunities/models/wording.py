"""Plain-language text for numbers and ranges, and the small pure helpers the models derive
fields with (slugs, organization keys, terms, remote locations)."""

import re
import unicodedata
from decimal import Decimal

from django.utils.text import slugify

from .choices import WorkMode


def _number(n) -> str:
    """12, 0.5, 1,040: no trailing zeros, thousands separated."""
    if isinstance(n, Decimal) and n != n.to_integral_value():
        return f"{n:,f}".rstrip("0")
    return f"{int(n):,}"


def _plural(n, word: str) -> str:
    return f"{_number(n)} {word}" if n == 1 else f"{_number(n)} {word}s"


def describe_weeks(low: Decimal, high: Decimal | None = None) -> str:
    """'half a day to 3 weeks', '6–26 weeks': short durations read better in days."""

    def one(weeks: Decimal) -> str:
        if weeks >= 1:
            return _plural(weeks, "week")
        days = weeks * 5  # working days
        return "half a day" if days < 1 else _plural(days, "day")

    if high is None or high == low:
        return one(low)
    if low >= 1:
        return f"{_number(low)}–{_number(high)} weeks"
    return f"{one(low)} to {one(high)}"


def describe_range(low: int, high: int, unit: str) -> str:
    if low == high:
        return f"{_number(low)} {unit}"
    return f"{_number(low)}–{_number(high)} {unit}"


def organization_key(name: str) -> str:
    """What two spellings of one organization's name share: its letters and digits, case
    folded ("Acme, Inc." and "ACME Inc" are both "acmeinc"). Imports match organizations by
    it; a name with neither letters nor digits keeps its folded self."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if ch.isalnum()) or " ".join(folded.split())


# A location naming remote work ("Remote", "Remote in USA", "US (remote)").
_REMOTE = re.compile(r"\bremote\b", re.IGNORECASE)


_SEASONS = {"winter": 0, "spring": 1, "summer": 2, "fall": 3, "autumn": 3}
_TERM = re.compile(r"^\s*(winter|spring|summer|fall|autumn)\s+(\d{4})\s*$", re.IGNORECASE)


def term_order(term: str) -> tuple:
    """Sorts terms in calendar order ("Spring 2026" before "Summer 2026" before "Fall 2026"),
    and any other wording after them, alphabetically."""
    match = _TERM.match(term)
    if match:
        return (0, int(match[2]), _SEASONS[match[1].lower()], "")
    return (1, 0, 0, term.casefold())


def has_remote_location(locations) -> bool:
    """Whether any of `locations` is remote work."""
    return any(_REMOTE.search(place) for place in locations or ())


def remote_possible(work_mode: str, locations) -> bool:
    """What `Opportunity.is_remote` holds: the work mode is remote, or a remote place is among
    the locations."""
    return work_mode == WorkMode.REMOTE or has_remote_location(locations)


def listing_slug(title: str) -> str:
    """The readable part of a listing's address; the id keeps addresses unique."""
    return slugify(title)[:160] or "listing"
