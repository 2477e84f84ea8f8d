"""Public pages of the catalogue (formats guide, browse, listing) and a student's saved listings.

Who may see what:
- formats guide, format pages, compare, browse, a published or closed listing: everyone;
- a draft listing: staff only (everyone else gets 404);
- saving and the saved list: students only (anonymous users go to login, other roles get 403).
"""

from functools import cached_property, partial

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import push_url

from careercenter.roles import ADMIN, STUDENT, has_role, role_required

from . import fragments
from .forms import CompareForm, ListingFilterForm
from .models import RANKED_CANDIDATES, Family, Format, Opportunity, SavedOpportunity, Status

LISTINGS_PER_PAGE = 20
# Past this many matches nobody pages on; narrowing the filters is the better answer, and an
# exact count or a deep OFFSET over a broad match costs as much as the whole search.
MATCHES_SHOWN = RANKED_CANDIDATES
LISTINGS_ON_FORMAT_PAGE = 10
RELATED_LISTINGS = 3
CARD = "opportunities/_opportunity_card.html"

FAMILY_INTROS = {
    Family.INTERNSHIP: (
        "Internships",
        "Several weeks to months inside one organization: depth, a broad set of skills and "
        "strong relationships, for a formal application and a fixed schedule.",
    ),
    Family.HYBRID: (
        "Hybrid formats",
        "Between the two: short, flexible pieces of work that add up to more depth than a "
        "single micro-internship.",
    ),
    Family.MICRO: (
        "Micro-internships and other short formats",
        "A few hours to a few weeks of project work: quick to apply for, flexible, and a way "
        "to meet many organizations and try several fields.",
    ),
}


class CappedPaginator(Paginator):
    """A paginator that counts at most `cap` results and never pages past them."""

    def __init__(self, object_list, per_page, *, cap, **kwargs):
        self.cap = cap
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def _count_up_to_cap(self) -> int:
        if not isinstance(self.object_list, QuerySet):
            return len(self.object_list)  # search's ranked candidates: at most cap + 1
        # COUNT over a LIMIT-ed subquery stops reading after cap + 1 rows; without the
        # ORDER BY it does not have to sort every match first.
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._count_up_to_cap, self.cap)

    @property
    def is_capped(self) -> bool:
        return self._count_up_to_cap > self.cap


def _staff_can_see_drafts(user) -> bool:
    return user.is_authenticated and (user.is_staff or has_role(user, ADMIN))


def listing_cards(ids, *, loaded=None, closed=frozenset()) -> list[str]:
    """The rendered card of each listing of `ids`, in their order.

    Cards are kept rendered (see `fragments`): a page whose cards are all kept reads one small
    query (the versions) instead of the listings with their organizations, formats,
    industries and skills. The others are
    rendered from `loaded` (listings read with for_listing()'s related rows, by id) or else
    read in one query. Listings whose id is in `closed` get a "Closed" badge.
    """
    ids = list(ids)
    if loaded is not None:
        versions = {pk: listing.updated_at for pk, listing in loaded.items()}
    else:
        versions = Opportunity.objects.versions(ids)
    keys = {
        pk: f"listing-card:{pk}:{versions[pk].isoformat()}:{int(pk in closed)}"
        for pk in ids
        if pk in versions
    }

    def render(missing):
        rows = loaded if loaded is not None else Opportunity.objects.for_listing().in_bulk(missing)
        for pk in missing:
            if pk in rows:
                yield pk, render_to_string(CARD, {"opportunity": rows[pk], "closed": pk in closed})

    return list(fragments.kept(keys, render).values())


def _comparison_rows(formats) -> list[tuple[str, list[str]]]:
    """Criteria as table rows, one column per format."""
    if not formats:
        return []
    columns = [[("In short", f.summary), *f.criteria()] for f in formats]
    labels = [label for label, _ in columns[0]]
    return [(label, [column[i][1] for column in columns]) for i, label in enumerate(labels)]


@require_safe
def format_list(request):
    formats = list(Format.objects.active())
    families = []
    for family in (Family.INTERNSHIP, Family.HYBRID, Family.MICRO):
        members = [f for f in formats if f.family == family]
        if members:
            heading, intro = FAMILY_INTROS[family]
            families.append(
                {
                    "value": family.value,
                    "heading": heading,
                    "intro": intro,
                    "formats": members,
                    "rows": _comparison_rows(members),
                }
            )
    return render(
        request,
        "opportunities/format_list.html",
        {"families": families, "compare_form": CompareForm()},
    )


@require_safe
def format_detail(request, slug):
    fmt = get_object_or_404(Format.objects.active(), slug=slug)
    open_listings = Opportunity.objects.open().filter(format=fmt)
    soonest = open_listings.by_deadline().values_list("pk", flat=True)
    paginator = CappedPaginator(open_listings, LISTINGS_ON_FORMAT_PAGE, cap=MATCHES_SHOWN)
    return render(
        request,
        "opportunities/format_detail.html",
        {
            "format": fmt,
            "cards": listing_cards(soonest[:LISTINGS_ON_FORMAT_PAGE]),
            "all_open": paginator,
        },
    )


@require_safe
def format_compare(request):
    form = CompareForm(request.GET if "f" in request.GET else None)
    formats = list(form.cleaned_data["f"]) if form.is_bound and form.is_valid() else []
    return render(
        request,
        "opportunities/format_compare.html",
        {"form": form, "formats": formats, "rows": _comparison_rows(formats)},
    )


def _active_filters(form: ListingFilterForm, query: QueryDict) -> list[tuple[str, str]]:
    """Each valid filter in use, with the query string that removes just that filter."""
    filters = form.valid_filters()
    chips = []

    def without(name, value=None):
        remaining = query.copy()
        remaining.pop("page", None)
        if value is None:
            remaining.pop(name, None)
        else:
            remaining.setlist(name, [v for v in remaining.getlist(name) if v != value])
        return "?" + remaining.urlencode() if remaining else "?"

    if "q" in filters:
        chips.append((f"“{filters['q']}”", without("q")))
    for fmt in filters.get("format", []):
        chips.append((fmt.name, without("format", fmt.slug)))
    if "family" in filters:
        chips.append((f"Family: {Family(filters['family']).label}", without("family")))
    if "work_mode" in filters:
        label = dict(form.fields["work_mode"].choices)[filters["work_mode"]]
        chips.append((label, without("work_mode")))
    if "location" in filters:
        chips.append((f"In “{filters['location']}”", without("location")))
    if "remote" in filters:
        chips.append(("Remote", without("remote")))
    if "term" in filters:
        chips.append((f"Term: {filters['term']}", without("term")))
    if "sponsorship" in filters:
        label = dict(form.fields["sponsorship"].choices)[filters["sponsorship"]]
        chips.append((label, without("sponsorship")))
    if "paid" in filters:
        chips.append(("Paid only", without("paid")))
    if "industry" in filters:
        chips.append((filters["industry"].name, without("industry")))
    for skill in filters.get("skill", []):
        chips.append((f"Skill: {skill.name}", without("skill", skill.slug)))
    if "max_weekly_hours" in filters:
        chips.append((f"≤ {filters['max_weekly_hours']} h/week", without("max_weekly_hours")))
    if "max_weeks" in filters:
        chips.append((f"≤ {filters['max_weeks']:f} weeks", without("max_weeks")))
    if "deadline_after" in filters:
        when = date_format(filters["deadline_after"], "j M Y")
        chips.append((f"Deadline from {when}", without("deadline_after")))
    if "unstated" in filters:
        chips.append(("Including listings that don't say", without("unstated")))
    return chips


def _requested_page(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_safe
def opportunity_list(request):
    form = ListingFilterForm(request.GET or None)
    # One candidate more than is shown, so that "more than 1 000" can be told from "1 000".
    matches = form.matching(Opportunity.objects.open(), ranked_candidates=MATCHES_SHOWN + 1)
    paginator = CappedPaginator(matches, LISTINGS_PER_PAGE, cap=MATCHES_SHOWN)
    requested = _requested_page(request.GET.get("page"))
    page = paginator.get_page(requested)
    context = {
        "form": form,
        "page": page,
        "cards": listing_cards(page.object_list),
        "paginator": paginator,
        "active_filters": _active_filters(form, request.GET),
        "page_out_of_range": requested is not None and requested != page.number,
        "full_text_search": connection.vendor == "postgresql",
    }
    template = "opportunities/opportunity_list.html"
    fragment = request.htmx and not request.htmx.history_restore_request
    if fragment:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    if fragment:
        # The address bar shows only the filters in use (a form sends every field).
        push_url(response, request.path + _without_empty_values(request.GET))
    return response


def _without_empty_values(query: QueryDict) -> str:
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        if any(values):
            kept.setlist(name, [value for value in values if value])
    return "?" + kept.urlencode() if kept else ""


@require_safe
def opportunity_detail(request, pk, slug=None):
    opportunity = get_object_or_404(Opportunity.objects.for_detail(), pk=pk)
    if opportunity.status == Status.DRAFT and not _staff_can_see_drafts(request.user):
        raise Http404("No such listing.")
    if slug != opportunity.slug:
        return redirect(opportunity, permanent=True)

    saved = (
        has_role(request.user, STUDENT)
        and SavedOpportunity.objects.for_user(request.user).filter(opportunity=opportunity).exists()
    )
    return render(
        request,
        "opportunities/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "is_open": opportunity.is_open(),
            "saved": saved,
            # Called by the template only when it renders the listing's body afresh (it keeps
            # the rendered body for a minute): the skills and related listings are read then.
            "related_listings": partial(opportunity.related_listings, RELATED_LISTINGS),
        },
    )


@require_POST
def save_opportunity(request, pk):
    """Save (`action=save`) or unsave (`action=unsave`) a listing for the student."""
    if not request.user.is_authenticated:
        listing = Opportunity.objects.visible().filter(pk=pk).first()
        return redirect_to_login(listing.get_absolute_url() if listing else request.path)
    if not has_role(request.user, STUDENT):
        raise PermissionDenied("Only students can save listings.")
    opportunity = get_object_or_404(Opportunity.objects.visible(), pk=pk)
    action = request.POST.get("action")
    if action not in {"save", "unsave"}:
        return HttpResponseBadRequest("Say whether to save or unsave.")

    if action == "unsave":
        SavedOpportunity.objects.for_user(request.user).filter(opportunity=opportunity).delete()
        saved, note = False, "Removed from your saved listings."
    elif opportunity.is_open():
        SavedOpportunity.objects.get_or_create(user=request.user, opportunity=opportunity)
        saved, note = True, "Saved. Find it under Saved in the menu."
    else:
        saved, note = False, "This listing is closed, so it can no longer be saved."

    if request.htmx:
        return render(
            request,
            "opportunities/_save_button.html",
            {
                "opportunity": opportunity,
                "saved": saved,
                "note": note,
                "next_url": request.POST.get("next", ""),
            },
        )
    if saved or action == "unsave":
        messages.success(request, note)
    else:
        messages.error(request, note)
    next_url = request.POST.get("next")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        # Not redirect(): it would try a value without "/" or "." as a URL name (a 500).
        return HttpResponseRedirect(next_url)
    return redirect(opportunity)


@role_required(STUDENT)
@require_safe
def saved_list(request):
    saved = SavedOpportunity.objects.for_user(request.user).for_list()
    page = Paginator(saved, LISTINGS_PER_PAGE).get_page(request.GET.get("page"))
    listings = {item.opportunity_id: item.opportunity for item in page.object_list}
    cards = listing_cards(
        listings,
        loaded=listings,
        closed={pk for pk, listing in listings.items() if not listing.is_open()},
    )
    return render(
        request,
        "opportunities/savedopportunity_list.html",
        {"page": page, "items": list(zip(page.object_list, cards, strict=True))},
    )
