"""The catalogue rows every page reads (formats, industries, skills), kept in each process.

They are a few dozen rows that career-center admins edit a few times a year, yet browse needs
all three for its filter choices, the engine needs every active format, and the dashboard needs
the names of a student's industries and skills: three to four queries on every page view.
`current()` reads them in three queries at most once per `TTL` seconds per process (kept
with `fastpath.Kept`), and a fourth for the terms that open listings are offered for (the
choices of browse's term filter; a new term an import brings shows within `TTL` seconds) and a
fifth for the search synonyms.

Freshness: saving or deleting a format, industry or skill through the ORM (the admin, the CSV
import, a factory) clears this process's copy at once, and other processes (gunicorn workers)
reread theirs within `TTL` seconds. Writes that bypass signals (`bulk_create`, raw SQL, a test's
rolled-back transaction) call `clear()` themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db.models.signals import post_delete, post_save

from .fastpath import TTL, Kept  # noqa: F401 (TTL: read as catalogue.TTL)
from .models import Format, Industry, Opportunity, SearchSynonym, Skill
from .search import synonym_groups

TERMS_SHOWN = 40  # the next terms in calendar order; a feed's odd wordings come last


@dataclass(frozen=True)
class Catalogue:
    formats: tuple[Format, ...]  # active ones, in display order
    industries: tuple[Industry, ...]  # by name
    skills: tuple[Skill, ...]  # by name
    terms: tuple[str, ...] = ()  # the terms open listings are offered for, in calendar order
    # Search synonyms: phrase -> every phrase of its group (`search.synonym_groups`).
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self):
        for name, rows in (
            ("formats_by_slug", self.formats),
            ("industries_by_slug", self.industries),
            ("skills_by_slug", self.skills),
        ):
            object.__setattr__(self, name, {row.slug: row for row in rows})
        object.__setattr__(self, "industries_by_id", {row.pk: row for row in self.industries})
        object.__setattr__(self, "skills_by_id", {row.pk: row for row in self.skills})


_kept = Kept("catalogue")


def current() -> Catalogue:
    """The catalogue, read at most `TTL` seconds ago by this process."""
    return _kept.get("catalogue", _read)


def _read() -> Catalogue:
    return Catalogue(
        formats=tuple(Format.objects.active()),
        industries=tuple(Industry.objects.order_by("name")),
        skills=tuple(Skill.objects.order_by("name")),
        terms=tuple(Opportunity.objects.open().terms()[:TERMS_SHOWN]),
        synonyms=synonym_groups([row.phrases() for row in SearchSynonym.objects.all()]),
    )


def clear(**_ignored) -> None:
    _kept.clear()
    # Rendered listing cards and pages show format, industry and skill names too.
    caches["fragments"].clear()


for _model in (Format, Industry, Skill, SearchSynonym):
    post_save.connect(clear, sender=_model, dispatch_uid=f"catalogue-clear-save-{_model.__name__}")
    post_delete.connect(
        clear, sender=_model, dispatch_uid=f"catalogue-clear-delete-{_model.__name__}"
    )
