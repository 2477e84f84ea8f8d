"""Small feeds in the real SimplifyJobs `listings.json` shape, written by the tests themselves.

Every key the real file has is here, with values like the real ones: Unix timestamps, a
simplify.jobs company page, "Other" for an unknown sponsorship, a title with a trailing space.
"""

import json
from pathlib import Path


def simplify_item(n: int = 1, **overrides) -> dict:
    item = {
        "source": "Simplify",
        "company_name": "Akuna Capital",
        "id": f"0b82dc72-56a8-4fc9-aae5-{n:012d}",
        "title": f"Quantitative Research Intern {n} ",
        "active": True,
        "terms": ["Summer 2025"],
        "date_updated": 1_727_740_800,
        "date_posted": 1_727_740_800,
        "url": f"https://boards.greenhouse.io/akunacapital/jobs/{5_000_000 + n}",
        "locations": ["Chicago, IL"],
        "company_url": "https://simplify.jobs/c/Akuna-Capital",
        "is_visible": True,
        "sponsorship": "Offers Sponsorship",
        "season": "Summer",
    }
    item.update(overrides)
    return item


def feed_bytes(items: list[dict]) -> bytes:
    return json.dumps(items, indent=4).encode()


def write_feed(path: Path, items: list[dict]) -> Path:
    path.write_bytes(feed_bytes(items))
    return path


def small_feed() -> list[dict]:
    """Three listings from two companies (one spelled two ways), one of them closed."""
    return [
        simplify_item(1),
        simplify_item(
            2,
            company_name="AKUNA capital",
            locations=["Remote in USA"],
            terms=["Summer 2025", "Fall 2025"],
            sponsorship="Other",
        ),
        simplify_item(
            3,
            company_name="Citi",
            title="Quantitative Analysis Intern",
            locations=["NYC", "Remote"],
            sponsorship="U.S. Citizenship is Required",
            company_url="",
            active=False,
            url="",
        ),
    ]
