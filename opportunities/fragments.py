"""Listing fragments kept rendered in each worker (settings.CACHES["fragments"]).

A listing's card, or its line under a suggestion, reads the same for every reader. Each is kept
under a key naming the listing's id and `updated_at`, so an edit shows at once (it makes a new
key) and catalogue edits clear the cache (`catalogue.clear`). Nothing about a reader is kept.
"""

from collections.abc import Callable, Iterable, Mapping

from django.core.cache import caches


def kept(
    keys: Mapping[int, str], render: Callable[[list[int]], Iterable[tuple[int, str]]]
) -> dict[int, str]:
    """The fragment of each listing id of `keys` (id -> cache key), in `keys`' order.

    Kept fragments come from the cache in one lookup; `render(missing ids)` gives the others as
    (id, HTML) pairs, which are kept for the next reader. An id that `render` skips (a listing
    deleted meanwhile) is left out.
    """
    cache = caches["fragments"]
    found = cache.get_many(keys.values())
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        rendered = {keys[pk]: html for pk, html in render(missing)}
        cache.set_many(rendered)
        found |= rendered
    return {pk: found[key] for pk, key in keys.items() if key in found}
