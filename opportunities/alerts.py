"""Saved searches and their alerts: what a student keeps of a browse query, and the runs that
tell them about listings published since.

A run (SearchAlertRun) covers one cadence and one period (a day, an ISO week, a moment for
instant alerts): the listings published between the previous run's cutoff and its own. It
walks that cadence's searches a batch at a time in id order. Per batch it asks the database,
in one query per 50 distinct filter sets, which of those listings each search matches (the
browse form's own filters, on the listings of the window only, at most `digest_size` + 1 each),
and makes a notification (and its e-mail) only for the searches that found something. When no
listing was published in the window, a run does no search work at all.

Nothing is lost or said twice: each batch commits with the run's checkpoint, so a run stopped
half-way goes on from its last batch when started again, and each alert's notification key
(search + cadence + period) is unique, so a batch run twice makes its alerts once.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.db.models import Value
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from notifications.models import Email, Kind
from notifications.services import Note, absolute, notify_many, send_email

from .forms import ListingFilterForm
from .models import AlertPolicy, Cadence, Opportunity, SavedSearch, SearchAlertRun

MAX_SAVED_SEARCHES = 25  # per student: a bound on what one account can make the runs do
BATCH_SIZE = 500  # searches per transaction of a run
UNION_PARTS = 50  # filter sets per matching query (planning time grows with the parts)
# How far back the first run of a cadence looks (later runs start at the previous cutoff).
FIRST_WINDOW = {
    Cadence.INSTANT: timedelta(hours=1),
    Cadence.DAILY: timedelta(days=1),
    Cadence.WEEKLY: timedelta(days=7),
}
UNSUBSCRIBE_SALT = "opportunities.search-alert.unsubscribe"


# --- saved searches -------------------------------------------------------------------------


def normalized_query(query: QueryDict | str) -> str:
    """The browse filters of `query` as a query string: only the form's fields, non-empty
    values, in the form's order; the page number is dropped."""
    if isinstance(query, str):
        query = QueryDict(query)
    kept = QueryDict(mutable=True)
    for name in ListingFilterForm.base_fields:
        values = [value for value in query.getlist(name) if value]
        if values:
            kept.setlist(name, values)
    return kept.urlencode()


def filter_errors(query: str) -> list[str]:
    """What the browse form says is wrong with these filters, field by field."""
    form = ListingFilterForm(QueryDict(query))
    if form.is_valid():
        return []
    return [
        f"{form.fields[name].label}: {error}"
        for name, errors in form.errors.items()
        for error in errors
    ]


@transaction.atomic
def save_search(*, user, name: str, query: str, cadence: str = Cadence.WEEKLY) -> SavedSearch:
    """Keep a browse query for a student; its alerts start with listings published from now."""
    if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
        raise ValidationError(
            f"You can keep up to {MAX_SAVED_SEARCHES} searches; delete one you no longer use.",
            code="too_many",
        )
    search = SavedSearch(
        user=user,
        name=name.strip(),
        query=normalized_query(query),
        cadence=cadence,
        alerts_from=timezone.now(),
    )
    search.full_clean()
    search.save()
    return search


@transaction.atomic
def change_search(search: SavedSearch, *, name: str, cadence: str) -> SavedSearch:
    """Rename a search or change its alert. Turned on again after being off, it starts with
    listings published from now (not everything it missed)."""
    stored = SavedSearch.objects.select_for_update().get(pk=search.pk)
    if stored.cadence == Cadence.OFF and cadence != Cadence.OFF:
        search.alerts_from = timezone.now()
    search.name, search.cadence = name.strip(), cadence
    search.full_clean()
    search.save(update_fields=["name", "cadence", "alerts_from"])
    return search


@transaction.atomic
def stop_alerts(search: SavedSearch) -> None:
    SavedSearch.objects.filter(pk=search.pk).update(cadence=Cadence.OFF)
    search.cadence = Cadence.OFF


def unsubscribe_token(search: SavedSearch) -> str:
    return signing.dumps([search.pk, search.user_id], salt=UNSUBSCRIBE_SALT)


def search_from_token(token: str) -> SavedSearch | None:
    """The search an alert's unsubscribe link names, if the link is genuine and it exists."""
    try:
        search_id, user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return SavedSearch.objects.filter(pk=search_id, user_id=user_id, user__is_active=True).first()


# --- the runs -------------------------------------------------------------------------------


def listings_published() -> None:
    """Call after publishing listings: instant alerts go out once the transaction commits."""
    from .tasks import send_search_alerts_task

    transaction.on_commit(lambda: send_search_alerts_task.enqueue(Cadence.INSTANT))


def period_of(cadence: Cadence, now: datetime) -> str:
    local = timezone.localtime(now)
    if cadence == Cadence.DAILY:
        return local.date().isoformat()
    if cadence == Cadence.WEEKLY:
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    return local.strftime("%Y-%m-%dT%H:%M:%S")  # instant: each run its own moment


def start_run(cadence: Cadence, *, now: datetime | None = None) -> SearchAlertRun:
    """The run of `cadence` for the period `now` falls in (made if it does not exist): its
    window starts where the previous run's ended."""
    now = now or timezone.now()
    period = period_of(cadence, now)
    existing = SearchAlertRun.objects.filter(cadence=cadence, period=period).first()
    if existing:
        return existing
    previous = (
        SearchAlertRun.objects.filter(cadence=cadence, cutoff__lt=now).order_by("-cutoff").first()
    )
    since = previous.cutoff if previous else now - FIRST_WINDOW[cadence]
    run, _ = SearchAlertRun.objects.get_or_create(
        cadence=cadence, period=period, defaults={"since": since, "cutoff": now}
    )
    return run


def send_search_alerts(
    cadence: Cadence, *, now: datetime | None = None, batch_size: int = BATCH_SIZE
) -> int:
    """Finish every unfinished run of `cadence` (one a stopped worker left behind), then the
    current period's; returns how many alerts were made."""
    start_run(cadence, now=now)
    unfinished = SearchAlertRun.objects.filter(cadence=cadence, finished_at__isnull=True)
    return sum(process_run(run, batch_size=batch_size) for run in unfinished.order_by("cutoff"))


def process_run(run: SearchAlertRun, *, batch_size: int = BATCH_SIZE) -> int:
    """Work through the run from its checkpoint, a batch per transaction; each batch's e-mails
    are sent as soon as it commits. Returns how many alerts this call made."""
    made = 0
    blocks: dict[int, tuple[str, str]] = {}  # each listing's lines, rendered once per run
    if not _anything_new(run):
        SearchAlertRun.objects.filter(pk=run.pk, finished_at__isnull=True).update(
            finished_at=timezone.now()
        )
        return 0
    while True:
        with transaction.atomic():
            # The lock makes two workers on one run take turns, batch by batch.
            locked = SearchAlertRun.objects.select_for_update().get(pk=run.pk)
            if locked.finished_at:
                return made
            batch = list(
                SavedSearch.objects.filter(cadence=locked.cadence, pk__gt=locked.last_search_id)
                .select_related("user")
                .order_by("pk")[:batch_size]
            )
            if not batch:
                locked.finished_at = timezone.now()
                locked.save(update_fields=["finished_at"])
                return made
            notifications = _alert(locked, batch, blocks)
            locked.last_search_id = batch[-1].pk
            locked.searches_alerted += len(notifications)
            locked.save(update_fields=["last_search_id", "searches_alerted"])
            emails = list(
                Email.objects.filter(notification__in=notifications).values_list("pk", flat=True)
            )
        made += len(notifications)
        for pk in emails:
            send_email(pk)


def _anything_new(run: SearchAlertRun) -> bool:
    return (
        Opportunity.objects.open()
        .filter(published_at__gt=run.since, published_at__lte=run.cutoff)
        .exists()
    )


@dataclass(frozen=True)
class _Group:
    """Searches that share filters and window: matched once for all of them."""

    query: str
    start: datetime


def new_matches(
    run: SearchAlertRun, searches: Sequence[SavedSearch], *, limit: int
) -> dict[int, list[int]]:
    """For each search, the ids of the open listings it matches among those published in its
    window (after the run's `since` and its own `alerts_from`, up to the run's cutoff), newest
    first, at most `limit` + 1 (one more tells "more than `limit`"). Searches with none are
    left out."""
    groups: dict[_Group, list[SavedSearch]] = defaultdict(list)
    for search in searches:
        start = max(run.since, search.alerts_from)
        if start < run.cutoff:
            groups[_Group(search.query, start)].append(search)
    parts = []
    for index, group in enumerate(groups):
        query = QueryDict(group.query, mutable=True)
        query["sort"] = "newest"  # what an alert lists first, whatever the page's order
        window = Opportunity.objects.open().filter(
            published_at__gt=group.start, published_at__lte=run.cutoff
        )
        ids = ListingFilterForm(query).matching(window)
        parts.append(ids.values_list(Value(index, models.IntegerField()), "pk")[: limit + 1])
    found: dict[_Group, list[int]] = defaultdict(list)
    keys = list(groups)
    for rows in _run_parts(parts):
        for index, pk in rows:
            found[keys[index]].append(pk)
    return {
        search.pk: found[group]
        for group, members in groups.items()
        if found[group]
        for search in members
    }


def _run_parts(parts: list) -> list:
    """Each part's rows: UNION ALL of up to UNION_PARTS parts a query on PostgreSQL (which
    keeps each part's ORDER BY and LIMIT); one query a part elsewhere."""
    if not parts:
        return []
    if connections[parts[0].db].features.supports_slicing_ordering_in_compound:
        return [
            list(chunk[0].union(*chunk[1:], all=True)) if len(chunk) > 1 else list(chunk[0])
            for chunk in (parts[i : i + UNION_PARTS] for i in range(0, len(parts), UNION_PARTS))
        ]
    return [list(part) for part in parts]


def _alert(run: SearchAlertRun, searches: list[SavedSearch], blocks: dict) -> list:
    """Make the alerts of one batch of searches; `blocks` keeps each listing's lines in the
    e-mails (text, HTML) rendered once for the whole run: thousands of alerts list the same few
    thousand new listings, and rendering them was most of an alert's cost."""
    size = AlertPolicy.current().digest_size
    matches = new_matches(run, searches, limit=size)
    if not matches:
        return []
    wanted = {pk for ids in matches.values() for pk in ids[:size]}
    listings = (
        Opportunity.objects.select_related("organization", "format")
        .short()
        .in_bulk(wanted - set(blocks))
    )
    for pk, listing in listings.items():
        context = {"listing": listing, "url": absolute(listing.get_absolute_url())}
        blocks[pk] = (
            render_to_string("opportunities/email/_listing.txt", context),
            render_to_string("opportunities/email/_listing.html", context),
        )
    notes = []
    for search in searches:
        found = matches.get(search.pk, ())
        ids = [pk for pk in found[:size] if pk in blocks]  # one deleted meanwhile is left out
        if ids:
            notes.append(_note(run, search, ids, blocks, more=len(found) > size))
    made = notify_many(notes)
    alerted = {notification.key for notification in made}
    SavedSearch.objects.filter(pk__in=[s.pk for s in searches if _key(run, s) in alerted]).update(
        last_alert_at=timezone.now()
    )
    return made


def _key(run: SearchAlertRun, search: SavedSearch) -> str:
    """The alert's idempotency key: one per search and period."""
    return f"search:{search.pk}:{run.cadence}:{run.period}"


def _note(
    run: SearchAlertRun, search: SavedSearch, ids: list[int], blocks: dict, *, more: bool
) -> Note:
    count = len(ids)
    if more:
        title = f"More than {count} new listings for “{search.name}”"
    elif count == 1:
        title = f"1 new listing for “{search.name}”"
    else:
        title = f"{count} new listings for “{search.name}”"
    # In the app: the first lines of the e-mail's list (a listing's first line is its title).
    lines = [blocks[pk][0].strip().splitlines()[0].lstrip("* ") for pk in ids[:5]]
    body = "\n".join(lines) + (f"\n…and {count - 5} more." if count > 5 else "")
    unsubscribe = absolute(
        reverse("opportunities:search_unsubscribe", args=[unsubscribe_token(search)])
    )
    return Note(
        user=search.user,
        kind=Kind.SEARCH_ALERT,
        title=title,
        body=body,
        url=search.get_absolute_url(),
        key=_key(run, search),
        template="opportunities/email/search_alert",
        context={
            "search": search,
            "texts": [blocks[pk][0] for pk in ids],
            "htmls": [blocks[pk][1] for pk in ids],
            "more": more,
            "cadence": Cadence(run.cadence).name.lower(),
            "searches_url": absolute(reverse("opportunities:searches")),
        },
        unsubscribe_url=unsubscribe,
    )
