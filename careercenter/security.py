"""Site-wide security helpers: caching of personal pages, the client's address, the lockout page."""

import math

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from, trusting X-Forwarded-For only as far as our proxies.

    Each of the `TRUSTED_PROXY_COUNT` proxies appends the address it received the request from, so
    the entry that many places from the right is the one our outermost proxy saw; anything to its
    left was written by the client and proves nothing. Same rule as allauth's rate limits.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= count and hops[-count]:
            return hops[-count]
    return request.META.get("REMOTE_ADDR") or None


def _is_account_page(request: HttpRequest) -> bool:
    """Login, sign-up, password and other account pages of the site and of the admin."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    return match.namespace == "admin" or (match.url_name or "").startswith("account_")


class PrivateCacheControlMiddleware:
    """Keep pages with personal data out of every cache, the browser's included.

    Any response to a signed-in user, and every account page (which carry credentials or
    reset tokens), gets `Cache-Control: no-store, private` unless the view chose its own
    Cache-Control. Public pages seen anonymously stay cacheable; static files never get here
    (whitenoise answers them first).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" not in response and (
            request.user.is_authenticated or _is_account_page(request)
        ):
            patch_cache_control(response, no_store=True, private=True)
        return response


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """auditlog's middleware, recording the address from `client_ip`.

    The stock one takes the first X-Forwarded-For entry, which any client can write.
    """

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        if getattr(settings, "AUDITLOG_DISABLE_REMOTE_ADDR", False):
            return None
        return client_ip(request)


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """What axes answers while an account is locked for this address (AXES_LOCKOUT_CALLABLE)."""
    cool_off = get_cool_off(request)
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else None
    response = render(
        request,
        "account/lockout.html",
        {"cooloff_minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
    if cool_off:
        response["Retry-After"] = str(math.ceil(cool_off.total_seconds()))
    return response
