"""The import pipeline: check every row of a file, then write them all in one transaction.

`import_listings()` reads the file twice, streamed, a batch of rows at a time:

1. **Check.** Each row goes through its adapter and the model's field checks; each batch is
   compared with the database in two queries (its listings by key, its organizations by
   name), which tells what the import would do: created, updated, unchanged, closed. Nothing
   is written. A dry run stops here, and so does a file with any bad row: the result lists
   every bad row with its number and messages, and nothing is imported.
2. **Write.** The same rows again, in one transaction: missing organizations, new listings,
   changed listings and their skills written in bulk (`bulk_create`, `bulk_update`), status
   changes as single UPDATEs, the search column refreshed for the rows touched. A whole-feed
   import then closes the source's published listings that the file no longer has.

Memory stays flat: a batch of rows, the keys seen so far (to find duplicates and the listings
that left the feed) and the organizations met, never the file's listings as model instances.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ..alerts import listings_published
from ..models import (
    Opportunity,
    Organization,
    Status,
    organization_key,
)
from .adapters import ADAPTERS, Adapter, ListingRecord, RowInvalid
from .checks import (
    CONSTRAINTS,
    MESSAGES,
    STORED,
    CatalogueNames,
    ImportResult,
    Rejected,
    RowError,
    content_hash,
    derived,
)
from .readers import FileProblem, Row, sniff_format

BATCH_SIZE = 1000
MAX_ERRORS = 500  # rejected rows kept with their messages; the count covers them all
SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


class _Pass:
    """One reading of the file: checking (`write=False`) or writing."""

    def __init__(self, *, source: str, adapter: Adapter, whole_feed: bool, write: bool):
        self.source = source
        self.adapter = adapter
        self.whole_feed = whole_feed
        self.write = write
        self.now = timezone.now()
        self.result = ImportResult(dry_run=not write)
        self.catalogue = CatalogueNames()
        self.keys: dict[str, int] = {}  # external id -> its row: the source's listings seen
        self.ids: dict[int, int] = {}  # listing id -> its row, for rows that name one
        self.organizations: dict[str, int | None] = {}  # name key -> id (None: to be created)

    def run(self, rows: Iterable[Row], progress: Callable[[int], None] | None) -> ImportResult:
        batch: list[ListingRecord] = []
        for row in rows:
            self.result.rows += 1
            record = self._record(row)
            if record is not None:
                batch.append(record)
            if len(batch) == BATCH_SIZE:
                self._batch(batch)
                batch = []
                if progress:
                    progress(self.result.rows)
        if batch:
            self._batch(batch)
        if not self.result.ok:
            return self.rejected()
        if self.whole_feed:
            self._close_missing()
        if progress:
            progress(self.result.rows)
        return self.result

    def rejected(self) -> ImportResult:
        """The result of a rejected file: nothing is done, so nothing is counted as done."""
        for name in ("created", "updated", "unchanged", "closed", "organizations_created"):
            setattr(self.result, name, 0)
        return self.result

    def reject(self, row: int, messages: dict[str, Any] | str) -> None:
        if isinstance(messages, dict):
            messages = "; ".join(
                f"{name}: {text}" if name else str(text) for name, text in messages.items()
            )
        self.result.rejected += 1
        if len(self.result.errors) < MAX_ERRORS:
            self.result.errors.append(RowError(row, messages))
        if self.write:
            raise Rejected

    # --- one row ---------------------------------------------------------------------------

    def _record(self, row: Row) -> ListingRecord | None:
        if row.problem:
            self.reject(row.number, row.problem)
            return None
        try:
            record = self.adapter.record(row)
            self._clean(record)
        except RowInvalid as error:
            self.reject(row.number, error.messages)
            return None
        if record.listing_id is not None:
            earlier = self.ids.setdefault(record.listing_id, row.number)
            if earlier != row.number:
                self.reject(row.number, f"id: listing {record.listing_id} is also row {earlier}.")
                return None
        elif record.key:
            earlier = self.keys.setdefault(record.key, row.number)
            if earlier != row.number:
                self.reject(row.number, f"external id: “{record.key}” is also row {earlier}.")
                return None
        return record

    def _clean(self, record: ListingRecord) -> None:
        """Convert and check the record's values with the model's own fields (their messages),
        and resolve catalogue names to ids, in place."""
        errors = {}
        for name, value in list(record.values.items()):
            if name in ("format", "industry"):
                continue
            try:
                record.values[name] = Opportunity._meta.get_field(name).clean(value, None)
            except ValidationError as error:
                errors[name] = " ".join(error.messages)
        for target in (record.values, record.defaults):
            for kind in ("format", "industry"):
                if kind in target:
                    try:
                        target[f"{kind}_id"] = self.catalogue.find(kind, target.pop(kind))
                    except ValueError as error:
                        errors[kind] = str(error)
        if record.skills:
            unknown = [slug for slug in record.skills if slug not in self.catalogue.skills]
            if unknown:
                errors["skills"] = "Unknown skill slugs: " + ", ".join(unknown) + "."
        for name, value, limit in (
            ("external id", record.key, Opportunity._meta.get_field("external_id").max_length),
            ("organization", record.organization, Organization._meta.get_field("name").max_length),
        ):
            if len(value) > limit:
                errors[name] = f"at most {limit} characters (it has {len(value)})."
        if record.website:
            try:
                record.website = Organization._meta.get_field("website").clean(record.website, None)
            except ValidationError as error:
                errors["organization website"] = " ".join(error.messages)
        if errors:
            raise RowInvalid(errors)

    # --- a batch of rows -------------------------------------------------------------------

    def _batch(self, batch: list[ListingRecord]) -> None:
        stored = self._stored(batch)
        organizations = self._organization_ids(batch)
        creates, updates, moves = [], [], defaultdict(list)
        skills: dict[int, list[str]] = {}  # listing id -> skill slugs to set
        for record in batch:
            listing = stored.get(record.listing_id or record.key)
            if record.listing_id and listing is None:
                self.reject(record.number, f"id: there is no listing {record.listing_id}.")
                continue
            if listing and record.listing_id and listing["external_source"] == self.source:
                self.keys.setdefault(listing["external_id"], record.number)
            merged = (
                {**listing, **record.values}
                if listing
                else {
                    **_NEW_LISTING,
                    **record.defaults,
                    **record.values,
                }
            )
            broken = [MESSAGES[name] for name, holds in CONSTRAINTS.items() if not holds(merged)]
            if broken:
                self.reject(record.number, " ".join(broken))
                continue
            fingerprint = content_hash(record)
            if listing is None:
                self.result.created += 1
                creates.append((record, merged, fingerprint))
                continue
            moving = record.status is not None and record.status != listing["status"]
            changed = fingerprint != listing["content_hash"]
            if moving:
                moves[record.status].append(listing["pk"])
            if moving and record.status == Status.CLOSED:
                self.result.closed += 1
            elif moving or changed:
                self.result.updated += 1
            else:
                self.result.unchanged += 1
            if changed:
                updates.append((listing["pk"], record, merged, fingerprint))
                if record.skills is not None:
                    skills[listing["pk"]] = record.skills
        if self.write:
            self._write(creates, updates, moves, skills, organizations)

    def _stored(self, batch: list[ListingRecord]) -> dict:
        """The batch's existing listings, by our id and by external id (one query each)."""
        columns = ("pk", "external_source", "external_id", "content_hash", "status", *STORED)
        ids = [r.listing_id for r in batch if r.listing_id]
        keys = [r.key for r in batch if r.key and not r.listing_id]
        found = {}
        if ids:
            for listing in Opportunity.objects.filter(pk__in=ids).values(*columns):
                found[listing["pk"]] = listing
        if keys:
            # `external_id <> ''` spelled out: the unique index on the key is partial (WHERE
            # external_id <> ''), and PostgreSQL infers that from an IN list of at most 100
            # values; without it each batch read the whole table (45 ms, not 9, at 100 000).
            matches = Opportunity.objects.filter(
                external_source=self.source, external_id__in=keys
            ).exclude(external_id="")
            for listing in matches.values(*columns):
                found[listing["external_id"]] = listing
        return found

    def _organization_ids(self, batch: list[ListingRecord]) -> dict[str, int | None]:
        """name key -> organization id for the batch, creating the missing ones (writing) or
        counting them (checking). The first spelling met names a new organization."""
        wanted: dict[str, ListingRecord] = {}
        for record in batch:
            if record.organization:
                wanted.setdefault(organization_key(record.organization), record)
        unknown = [key for key in wanted if key not in self.organizations]
        if unknown:
            known = Organization.objects.filter(name_key__in=unknown)
            self.organizations.update(known.values_list("name_key", "pk"))
        missing = [key for key in unknown if key not in self.organizations]
        self.result.organizations_created += len(missing)
        if missing and self.write:
            new = [wanted[key] for key in missing]
            slugs = _free_slugs([r.organization for r in new])
            created = Organization.objects.bulk_create(
                Organization(
                    name=r.organization,
                    name_key=key,
                    slug=slug,
                    website=r.website,
                )
                for key, r, slug in zip(missing, new, slugs, strict=True)
            )
            self.organizations.update((o.name_key, o.pk) for o in created)
        else:
            self.organizations.update(dict.fromkeys(missing))
        return self.organizations

    # --- writing ---------------------------------------------------------------------------

    def _write(self, creates, updates, moves, skills, organizations) -> None:
        new = []
        for record, merged, fingerprint in creates:
            status = record.status or Status.PUBLISHED
            new.append(
                Opportunity(
                    **{k: v for k, v in merged.items() if k not in _NOT_WRITTEN},
                    **derived(merged),
                    organization_id=organizations[organization_key(record.organization)],
                    external_source=self.source,
                    external_id=record.key,
                    content_hash=fingerprint,
                    status=status,
                    published_at=self.now if status == Status.PUBLISHED else None,
                    closed_at=self.now if status == Status.CLOSED else None,
                )
            )
        Opportunity.objects.bulk_create(new)
        for listing, (record, _, _) in zip(new, creates, strict=True):
            if record.skills:
                skills[listing.pk] = record.skills

        by_fields = defaultdict(list)
        for pk, record, merged, fingerprint in updates:
            values = {**record.values, **derived(merged), "content_hash": fingerprint}
            if record.organization:
                values["organization_id"] = organizations[organization_key(record.organization)]
            by_fields[tuple(sorted(values))].append(
                Opportunity(pk=pk, updated_at=self.now, **values)
            )
        for fields, listings in by_fields.items():
            Opportunity.objects.bulk_update(listings, [*fields, "updated_at"])

        if skills:
            through = Opportunity.skills.through
            through.objects.filter(opportunity_id__in=list(skills)).delete()
            through.objects.bulk_create(
                through(opportunity_id=pk, skill_id=self.catalogue.skills[slug])
                for pk, slugs in skills.items()
                for slug in slugs
            )
        for status, pks in moves.items():
            listings = Opportunity.objects.filter(pk__in=pks)
            if status == Status.PUBLISHED:
                listings.publish(self.now)
            elif status == Status.CLOSED:
                listings.close(self.now)
            else:
                listings.exclude(status=status).update(status=status, updated_at=self.now)
        touched = [listing.pk for listing in new] + [pk for pk, *_ in updates]
        if touched:
            Opportunity.objects.filter(pk__in=touched).update_search_vector()
        if moves.get(Status.PUBLISHED) or any(o.status == Status.PUBLISHED for o in new):
            listings_published()  # saved searches' instant alerts, once the import commits

    def _close_missing(self) -> None:
        """Close the source's published listings that the file does not have."""
        listed = (
            Opportunity.objects.filter(external_source=self.source, status=Status.PUBLISHED)
            .exclude(external_id="")
            .values_list("pk", "external_id")
        )
        gone = [pk for pk, key in listed.iterator(chunk_size=2000) if key not in self.keys]
        self.result.closed += len(gone)
        if self.write:
            for start in range(0, len(gone), BATCH_SIZE):
                Opportunity.objects.filter(pk__in=gone[start : start + BATCH_SIZE]).close(self.now)


# A listing the import creates starts from the model's defaults ("not stated" everywhere).
_NEW_LISTING = {name: Opportunity._meta.get_field(name).get_default() for name in STORED}
# Keys of a merged row that are not written as such: the status is set by the pipeline.
_NOT_WRITTEN = {"status", "pk", "external_source", "external_id", "content_hash"}


def _free_slugs(names: list[str]) -> list[str]:
    """A slug for each new organization, used by no other ("acme", else "acme-2", …)."""
    base = [slugify(name)[:150] or "organization" for name in names]
    chosen, suffix = list(base), [1] * len(base)
    while True:
        taken = set(Organization.objects.filter(slug__in=chosen).values_list("slug", flat=True))
        kept, clashed = set(), False
        for i, slug in enumerate(chosen):
            if slug in taken or slug in kept:
                suffix[i] += 1
                chosen[i] = f"{base[i]}-{suffix[i]}"
                clashed = True
            else:
                kept.add(slug)
        if not clashed:
            return chosen


def check_source(source: str) -> str:
    if not SOURCE_NAME.match(source or ""):
        raise ValueError(
            "A source name is 1 to 40 lower-case letters, digits, hyphens or underscores, "
            "starting with a letter or digit (e.g. simplify-summer2025)."
        )
    return source


def import_listings(
    file: BinaryIO,
    *,
    source: str,
    format: str | None = None,
    encoding: str = "utf-8",
    whole_feed: bool = True,
    dry_run: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> ImportResult:
    """Import the listings in `file` (binary, seekable) as the source `source`.

    `format` is "simplify", "csv" or "json" (None: told by the file's start). `whole_feed`:
    the file is everything the source lists now, so the source's published listings missing
    from it are closed. `dry_run` checks and counts, and writes nothing. `progress(phase,
    rows)` is called after each batch of the check ("check"), then once as the writing starts
    ("write", 0).
    """
    check_source(source)
    format = format or sniff_format(file)
    if format not in ADAPTERS:
        raise ValueError(f"Unknown format “{format}”: use one of {', '.join(ADAPTERS)}.")
    adapter = ADAPTERS[format](source=source)
    start = file.tell()

    def phase(name: str):
        return (lambda rows: progress(name, rows)) if progress else None

    options = {"source": source, "adapter": adapter, "whole_feed": whole_feed}
    try:
        checked = _Pass(**options, write=False).run(
            adapter.rows(file, encoding=encoding), phase("check")
        )
    except FileProblem as problem:
        return ImportResult(dry_run=dry_run, problem=str(problem))
    if dry_run or not checked.ok:
        return checked
    if not (checked.created or checked.updated or checked.closed or checked.organizations_created):
        checked.dry_run = False  # nothing to write: the check's counts are the import's
        return checked
    file.seek(start)
    if progress:
        # Said before the transaction opens: what is written inside it shows only at the end.
        progress("write", 0)
    writing = _Pass(**options, write=True)
    try:
        with transaction.atomic():
            return writing.run(adapter.rows(file, encoding=encoding), None)
    except Rejected:
        return writing.rejected()
    except FileProblem as problem:
        return ImportResult(problem=str(problem))
