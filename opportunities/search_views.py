"""A student's saved searches (`/me/searches/`) and the one-click unsubscribe of their alerts.

Who may see what: students their own searches (another's answers 404; advisors and staff 403).
The unsubscribe page needs no login: its signed token names the search, and only a POST (the
page's button, or the mail program's RFC 8058 one-click) turns the alert off.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from careercenter.roles import STUDENT, role_required
from notifications.views import one_click, unsubscribe_page

from . import alerts
from .forms import ListingFilterForm
from .models import SavedSearch
from .search_forms import SavedSearchForm
from .views import _active_filters


def _own_search(request, pk) -> SavedSearch:
    return get_object_or_404(SavedSearch.objects.for_user(request.user), pk=pk)


def describe(search: SavedSearch) -> list[str]:
    """The filters of a search in words, as the browse page's chips say them."""
    query = QueryDict(search.query)
    return [label for label, _ in _active_filters(ListingFilterForm(query), query)]


@require_safe
@role_required(STUDENT)
def search_list(request):
    searches = list(SavedSearch.objects.for_user(request.user))
    return render(
        request,
        "opportunities/savedsearch_list.html",
        {
            "searches": [(search, describe(search)) for search in searches],
            "limit": alerts.MAX_SAVED_SEARCHES,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(STUDENT)
def search_add(request):
    initial = {"query": request.GET.get("query", ""), "cadence": "weekly"}
    form = SavedSearchForm(request.POST or None, initial=initial, user=request.user, adding=True)
    if request.method == "POST" and form.is_valid():
        try:
            search = alerts.save_search(
                user=request.user,
                name=form.cleaned_data["name"],
                query=form.cleaned_data["query"],
                cadence=form.cleaned_data["cadence"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Search “{search.name}” saved.")
            return redirect("opportunities:searches")
    query = QueryDict(form["query"].value() or "")
    chips = [label for label, _ in _active_filters(ListingFilterForm(query), query)]
    return render(request, "opportunities/savedsearch_form.html", {"form": form, "filters": chips})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(STUDENT)
def search_edit(request, pk):
    search = _own_search(request, pk)
    form = SavedSearchForm(request.POST or None, instance=search, user=request.user, adding=False)
    if request.method == "POST" and form.is_valid():
        alerts.change_search(
            search, name=form.cleaned_data["name"], cadence=form.cleaned_data["cadence"]
        )
        messages.success(request, f"Search “{search.name}” updated.")
        return redirect("opportunities:searches")
    return render(
        request,
        "opportunities/savedsearch_form.html",
        {"form": form, "search": search, "filters": describe(search)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(STUDENT)
def search_delete(request, pk):
    search = _own_search(request, pk)
    if request.method == "POST":
        search.delete()
        messages.success(request, f"Search “{search.name}” deleted.")
        return redirect("opportunities:searches")
    return render(request, "opportunities/savedsearch_confirm_delete.html", {"search": search})


@unsubscribe_page
def search_unsubscribe(request, token):
    search = alerts.search_from_token(token)
    if search is None:
        raise Http404("This unsubscribe link is not valid, or the search was deleted.")
    return one_click(
        request,
        "opportunities/savedsearch_unsubscribe.html",
        {"search": search},
        stop=lambda: alerts.stop_alerts(search),
    )
