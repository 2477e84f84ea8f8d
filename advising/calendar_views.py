"""A person's calendar link (`/me/calendar/`) and the feed behind it.

Who may see what: each signed-in person their own link. The feed needs no login (calendar
programs cannot log in): the token in its address is the key, an unknown token answers 404,
and resetting the token kills the old address.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from notifications.services import absolute

from . import calendar
from .models import CalendarFeed, new_calendar_token


@require_safe
@login_required
def calendar_page(request):
    feed = CalendarFeed.objects.filter(user=request.user).first()
    url = absolute(reverse("advising:calendar_feed", args=[feed.token])) if feed else ""
    return render(request, "advising/calendar.html", {"feed": feed, "feed_url": url})


@require_POST
@login_required
def calendar_reset(request):
    """Make the calendar link, or replace it: the old address stops working at once."""
    _, created = CalendarFeed.objects.update_or_create(
        user=request.user, defaults={"token": new_calendar_token()}
    )
    if created:
        messages.success(request, "Your calendar link is ready: add it to your calendar.")
    else:
        messages.success(
            request,
            "Your calendar link was replaced. The old one no longer works: add the "
            "new one to your calendar.",
        )
    return redirect("advising:calendar")


@require_safe
def calendar_feed(request, token):
    feed = CalendarFeed.objects.for_token(token).first()
    if feed is None:
        raise Http404("No such calendar.")
    response = HttpResponse(
        calendar.feed_for(feed.user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="careercenter.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
