"""The advising policy as the engine takes it (`current()`), kept in each process.

The policy is one row career-center staff edit a few times a year, read by every suggestion:
`current()` reads it at most once per `opportunities.catalogue.TTL` seconds per process, like
the format catalogue. Saving it through the ORM (the admin) clears this process's copy at once;
other processes reread theirs within the TTL.
"""

from __future__ import annotations

from opportunities.fastpath import Kept

from . import engine
from .models import AdvisingPolicy

_kept = Kept("advising-policy", AdvisingPolicy)

# Stored as whole percentages and whole numbers; the engine takes shares and counts.
PERCENT_FIELDS = ("term_load_share", "break_load_share")
COUNT_FIELDS = ("term_max_engagements", "break_max_engagements")


def as_engine(row: AdvisingPolicy) -> engine.Policy:
    values = {}
    for name in engine.Policy.__dataclass_fields__:
        value = getattr(row, name)
        if name in PERCENT_FIELDS:
            value = value / 100
        values[name] = value if name in COUNT_FIELDS else float(value)
    return engine.Policy(**values)


def current() -> engine.Policy:
    """The policy row (its defaults if an admin deleted it), read at most `TTL` seconds ago."""
    return _kept.get(
        None, lambda: as_engine(AdvisingPolicy.objects.filter(pk=1).first() or AdvisingPolicy())
    )


clear = _kept.clear
