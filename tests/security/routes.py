"""Every URL pattern of the project, with sample arguments built from the test world.

`all_routes()` walks the root URLconf, so routes added by any app are included without anyone
remembering to list them. A route whose pattern takes arguments needs a way to fill them:
either an entry in `SAMPLES` below or, for a ModelAdmin's object pages, a row of that model in
the world. A route with neither is reported by `test_every_route_can_be_requested`, which is
how a new URL gets reviewed.
"""

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils.regex_helper import normalize

from notifications.services import unsubscribe_token as notification_token
from opportunities.alerts import unsubscribe_token as search_token
from tests.security.world import World

# Route key -> the URL arguments, from the world. Keys are "namespace:name", or the full
# pattern for unnamed routes. Use arguments that reach the view's real work where possible.
SAMPLES: dict[str, Callable[[World], dict]] = {
    "account_reset_password_from_key": lambda w: {
        "uidb36": user_pk_to_url_str(w.student),
        "key": default_token_generator.make_token(w.student),
    },
    "admin:app_list": lambda w: {"app_label": "careercenter"},
    "admin:auth_user_password_change": lambda w: {"id": w.student.pk},
    # User has no get_absolute_url, so this answers 404; switch to a listing once
    # opportunities:detail exists.
    "admin:view_on_site": lambda w: {
        "content_type_id": ContentType.objects.get_for_model(w.student).pk,
        "object_id": w.student.pk,
    },
    "admin/(?P<url>.*)$": lambda w: {"url": "no-such-page/"},
    # The student's own experience: the owner reaches the real form, everyone else 404 or 403.
    "advising:experience_edit": lambda w: {"pk": w.experience.pk},
    "advising:experience_delete": lambda w: {"pk": w.experience.pk},
    # Public catalogue pages.
    "opportunities:format": lambda w: {"slug": w.format.slug},
    "opportunities:detail(pk)": lambda w: {"pk": w.opportunity.pk},
    # A listing that states next to nothing, as a feed gives it (every "Not stated" path).
    "opportunities:detail(pk,slug)": lambda w: {
        "pk": w.quiet_opportunity.pk,
        "slug": w.quiet_opportunity.slug,
    },
    # Saving is for students (POST); S's saved listing is S's alone.
    "opportunities:save": lambda w: {"pk": w.opportunity.pk},
    # S's pages for advisors: S's advisor and admins reach them, everyone else 404 or 403.
    "advising:student": lambda w: {"pk": w.profile.pk},
    "advising:whatif": lambda w: {"pk": w.profile.pk},
    "advising:recommendation_add": lambda w: {"pk": w.profile.pk},
    "advising:recommendation_edit": lambda w: {"pk": w.recommendation.pk},
    "advising:recommendation_share": lambda w: {"pk": w.recommendation.pk},
    # S's shared recommendation: only S reaches it.
    "advising:my_recommendation": lambda w: {"pk": w.recommendation.pk},
    "advising:recommendation_respond": lambda w: {"pk": w.recommendation.pk},
    # S's follow-through: S's saved search and notification (everyone else 404 or 403), S's
    # calendar feed and the unsubscribe links of S's e-mails (the token is the credential).
    "opportunities:search_edit": lambda w: {"pk": w.search.pk},
    "opportunities:search_delete": lambda w: {"pk": w.search.pk},
    "opportunities:search_unsubscribe": lambda w: {"token": search_token(w.search)},
    "notifications:open": lambda w: {"pk": w.notification.pk},
    "notifications:unsubscribe": lambda w: {
        "token": notification_token(w.student, "recommendation_shared")
    },
    "advising:calendar_feed": lambda w: {"token": w.calendar.token},
}


@dataclass(frozen=True)
class Route:
    key: str
    chain: tuple  # the URLResolvers and the URLPattern, outermost first
    callback: Callable

    @property
    def arguments(self) -> frozenset[str]:
        return frozenset(name for p in self.chain for name in p.pattern.regex.groupindex)

    @property
    def model_admin(self):
        return getattr(self.callback, "model_admin", None)

    def build_path(self, kwargs: dict) -> str:
        """The path for these arguments, the way reverse() builds it (works for unnamed routes)."""
        parts = []
        for p in self.chain:
            wanted = set(p.pattern.regex.groupindex)
            converters = getattr(p.pattern, "converters", {})
            for template, params in normalize(p.pattern.regex.pattern):
                if set(params) == wanted:
                    values = {
                        name: converters[name].to_url(kwargs[name])
                        if name in converters
                        else str(kwargs[name])
                        for name in params
                    }
                    parts.append(template % values)
                    break
            else:
                raise ValueError(f"cannot build {self.key} with {kwargs}")
        path = "/" + quote("".join(parts), safe="/~:@!$&'()*+,;=")
        if resolve(path).func != self.callback:
            raise ValueError(f"{path} does not resolve back to {self.key}")
        return path


def _walk(resolver: URLResolver, chain: tuple, namespace: str | None) -> Iterator[Route]:
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            inner = ":".join(filter(None, [namespace, p.namespace])) or None
            yield from _walk(p, (*chain, p), inner)
        elif isinstance(p, URLPattern):
            full = (*chain, p)
            if p.name:
                key = f"{namespace}:{p.name}" if namespace else p.name
            else:
                key = "".join(str(q.pattern) for q in full)
            yield Route(key=key, chain=full, callback=p.callback)


def all_routes() -> list[Route]:
    """Every route; a name shared by several patterns (e.g. with and without a slug) gets the
    pattern's argument names added to its key, `opportunities:detail(pk,slug)`."""
    routes = list(_walk(get_resolver(), (), None))
    keys = Counter(route.key for route in routes)
    return [
        dataclasses.replace(route, key=f"{route.key}({','.join(sorted(route.arguments))})")
        if keys[route.key] > 1
        else route
        for route in routes
    ]


def sample_kwargs(route: Route, world: World) -> dict | None:
    """The arguments to request this route with, or None if nobody has said how to fill them."""
    if not route.arguments:
        return {}
    if route.key in SAMPLES:
        return SAMPLES[route.key](world)
    if route.model_admin and route.arguments == {"object_id"}:
        row = route.model_admin.model._default_manager.order_by("pk").first()
        return {"object_id": row.pk} if row else None
    return None


def missing_sample_message(route: Route) -> str:
    if route.model_admin:
        model = route.model_admin.model._meta.label
        return f"{route.key}: add a row of {model} to tests/security/world.py"
    return f"{route.key}: add sample arguments {sorted(route.arguments)} to SAMPLES"
