"""Writing the generated listings: bulk inserts in batches, then the search column."""

import random
from collections.abc import Iterator
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from .. import fastpath
from ..models import Opportunity
from .generator import generate_listing, read_sources

BATCH_SIZE = 2000


def _batches(rows: Iterator, size: int) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _bulk_create(model, rows: list) -> list:
    return model.objects.bulk_create(rows)


def seed_listings(*, count: int, seed: int = 2026, today: date | None = None) -> int:
    """Top the demo listings up to `count`; returns how many were created."""
    with transaction.atomic():
        created = _seed(count=count, seed=seed, today=today or timezone.localdate())
    if created:
        # The search-column UPDATE leaves a dead copy of every new row behind; clean up now
        # rather than let the first searches wade through them until autovacuum comes by.
        fastpath.vacuum_analyze(Opportunity, Opportunity.skills.through)
    return created


def _seed(*, count: int, seed: int, today: date) -> int:
    if count <= 0:
        return 0
    now = timezone.now()
    sources = read_sources()
    existing = Opportunity.objects.filter(organization__in=sources.organizations).count()
    if existing >= count:
        return 0

    rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
    # Listings are generated from the start of the sequence every time, so that the n-th
    # listing is the same whether it is created now or by an earlier, smaller run.
    generated = (generate_listing(rng, n, sources, today, now) for n in range(count))
    fresh = (item for n, item in enumerate(generated) if n >= existing)
    Through = Opportunity.skills.through
    insert = fastpath.copy_rows if connection.vendor == "postgresql" else _bulk_create
    created = 0
    for batch in _batches(fresh, BATCH_SIZE):
        listings = insert(Opportunity, [listing for listing, _ in batch])
        insert(
            Through,
            [
                Through(opportunity_id=listing.pk, skill_id=skill_id)
                for listing, (_, skill_ids) in zip(listings, batch, strict=True)
                for skill_id in skill_ids
            ],
        )
        created += len(listings)

    Opportunity.objects.filter(search_vector__isnull=True).update_search_vector()
    return created
