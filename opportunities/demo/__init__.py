"""Demo listings for `make run` (larger counts serve to measure: see opportunities.fastpath).

`seed_listings(count=300, seed=2026)` creates believable listings from a few dozen fictional
organizations (a handful of them own most listings), across all formats and industries, with
hours, durations and pay inside each format's typical ranges (read from the Format rows, so
they follow what admins curate). About 15 % of listings mention data (title and skills), so a
search for "data" is a realistic broad query. Dates are relative to today: most deadlines are
ahead, some have passed.

The same `seed` gives the same listings in the same order, and running it again only tops
up to `count`, so `make run` never duplicates anything. Rows are written with bulk inserts in
batches (listings, then their skills), and the search column is filled by one UPDATE at the
end, so 100 000 listings take about a minute on PostgreSQL.

The package: `vocabulary` (what listings are made of), `generator` (one listing at a time),
`loading` (batches into the database) and `searches` (the demo student's saved searches).
"""

from .loading import seed_listings
from .searches import DEMO_SEARCHES, create_demo_searches
from .vocabulary import ORGANIZATIONS

__all__ = [
    "DEMO_SEARCHES",
    "ORGANIZATIONS",
    "create_demo_searches",
    "seed_listings",
]
