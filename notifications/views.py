"""A person's notifications, their delivery choices, and the one-click unsubscribe of e-mails.

Who may see what: every signed-in person their own notifications and settings (another's
notification answers 404). The unsubscribe page needs no login: its signed token is the
credential, and it changes nothing on GET.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from careercenter.roles import is_advisor, is_career_admin, is_student

from . import services
from .forms import PreferencesForm, kinds_for
from .models import Notification

PER_PAGE = 20


@require_safe
@login_required
def notification_list(request):
    notifications = Notification.objects.for_user(request.user)
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@require_POST
@login_required
def mark_all_read(request):
    count = services.mark_read(request.user)
    if count:
        messages.success(request, "All your notifications are marked read.")
    return redirect("notifications:list")


@require_POST
@login_required
def open_notification(request, pk):
    """Mark one notification read and go where it points (its page on this site)."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    services.mark_read(request.user, ids=[notification.pk])
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts=None, require_https=False
    ):
        return HttpResponseRedirect(notification.url)
    return redirect("notifications:list")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def preferences(request):
    user = request.user
    kinds = kinds_for(student=is_student(user), advisor=is_advisor(user) or is_career_admin(user))
    current = services.choices_of(user)
    form = PreferencesForm(request.POST or None, kinds=kinds, current=current)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(user, form.choices())
        messages.success(request, "Your notification settings are saved.")
        return redirect("notifications:settings")
    return render(request, "notifications/preferences.html", {"form": form})


def unsubscribe_page(view):
    """An unsubscribe page's view: GET shows it, POST stops the e-mails (see `one_click`).

    No CSRF check: mail programs send RFC 8058's one-click POST with no cookie and no form
    token. The signed token in the address is the credential (whoever holds the e-mail can
    press the link anyway), no session is used, and the only change such a page makes is to
    send less e-mail. Never cached."""
    return csrf_exempt(never_cache(require_http_methods(["GET", "HEAD", "POST"])(view)))


@unsubscribe_page
def unsubscribe(request, token):
    found = services.unsubscribe_target(token)
    if found is None:
        raise Http404("This unsubscribe link is not valid.")
    user, kind = found
    return one_click(
        request,
        "notifications/unsubscribe.html",
        {"what": kind.label},
        stop=lambda: services.stop_emails(user, kind),
    )


def one_click(request, template: str, context: dict, *, stop) -> HttpResponse:
    """An unsubscribe page: a GET shows the question and its button, a POST (the button, or the
    mail program's RFC 8058 one-click) calls `stop` and shows that it is done."""
    done = request.method == "POST"
    if done:
        stop()
    return render(request, template, {**context, "done": done})
