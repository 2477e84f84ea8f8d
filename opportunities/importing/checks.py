"""What the import pipeline checks each row against, and what it reports: the model's
constraints in Python, the catalogue's names, a row's content hash and derived fields, and the
result of an import."""

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db.models import Model

from ..models import (
    Format,
    Industry,
    Opportunity,
    Skill,
    listing_slug,
    organization_key,
    remote_possible,
)
from .adapters import ListingRecord

# A listing's stored values that an import reads back: what a partial row leaves as it is
# but the constraints and the derived fields (slug, is_remote) depend on.
STORED = (
    "title",
    "work_mode",
    "locations",
    "weekly_hours_min",
    "weekly_hours_max",
    "duration_weeks",
    "compensation_amount",
    "apply_url",
    "apply_instructions",
)
MESSAGES = {c.name: str(c.violation_error_message) for c in Opportunity._meta.constraints}


def _hours_range(v: dict) -> bool:
    low, high = v.get("weekly_hours_min"), v.get("weekly_hours_max")
    if low is None and high is None:
        return True
    return low is not None and high is not None and low <= high <= 80


# Opportunity's check constraints, in Python: the check runs before anything is written, and
# a query per row and constraint (what Model.validate_constraints() does) would cost more
# than the import. tests/opportunities/test_importing.py fails for a constraint missing here.
CONSTRAINTS: dict[str, Callable[[dict], bool]] = {
    "opportunity_weekly_hours_range": _hours_range,
    "opportunity_duration_positive": lambda v: (
        v.get("duration_weeks") is None or v["duration_weeks"] > 0
    ),
    "opportunity_amount_not_negative": lambda v: (
        v.get("compensation_amount") is None or v["compensation_amount"] >= 0
    ),
    "opportunity_how_to_apply": lambda v: bool(v.get("apply_url") or v.get("apply_instructions")),
}


@dataclass
class RowError:
    row: int
    message: str


@dataclass
class ImportResult:
    """What an import did, or would do (`dry_run`), or why it did nothing."""

    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    rejected: int = 0
    organizations_created: int = 0
    errors: list[RowError] = field(default_factory=list)
    problem: str = ""  # the file as a whole could not be read

    @property
    def ok(self) -> bool:
        return not self.problem and not self.rejected

    COUNTS = ("created", "updated", "unchanged", "closed", "rejected", "organizations_created")

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in ("rows", *self.COUNTS)}

    def summary(self) -> str:
        """One line: "120 rows: 100 created, 15 updated, …, 3 organizations created"."""
        if self.problem:
            return f"Nothing imported: {self.problem}"
        parts = [f"{getattr(self, name):,} {name}" for name in self.COUNTS[:5]]
        parts.append(f"{self.organizations_created:,} organizations created")
        text = f"{self.rows:,} rows: " + ", ".join(parts)
        return text + (" (dry run: nothing written)" if self.dry_run else "")

    def as_json(self) -> dict:
        return asdict(self)


class Rejected(Exception):
    """A row failed while writing (the database changed since the check): roll back."""


class CatalogueNames:
    """Formats, industries and skills by slug or name (any letter case): small tables, read
    once per pass."""

    def __init__(self):
        self.formats = self._names(Format)
        self.industries = self._names(Industry)
        self.skills = dict(Skill.objects.values_list("slug", "pk"))

    @staticmethod
    def _names(model: type[Model]) -> dict[str, int]:
        names = {}
        for pk, slug, name in model.objects.values_list("pk", "slug", "name"):
            names[name.lower()] = pk
            names[slug] = pk
        return names

    def find(self, kind: str, value: str | None) -> int | None:
        if value is None:
            return None
        names = self.formats if kind == "format" else self.industries
        pk = names.get(value) or names.get(value.lower())
        if pk is None:
            raise ValueError(f"There is no {kind} with the slug or name “{value}”.")
        return pk


def content_hash(record: ListingRecord) -> str:
    """A fingerprint of what the source says about the listing: the same row imported again
    has the same hash, and the import leaves the listing alone."""
    payload = [
        organization_key(record.organization),
        sorted(record.values.items()),
        record.skills,
        record.status,
    ]
    text = json.dumps(payload, default=str, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def derived(values: dict) -> dict:
    """The fields Opportunity.save() derives, for rows written in bulk (save() is not called)."""
    return {
        "slug": listing_slug(values["title"]),
        "is_remote": remote_possible(values.get("work_mode"), values.get("locations")),
    }
