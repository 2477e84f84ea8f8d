"""Who may reach what: every route of the project, as every kind of user, on student S's records.

Each route key names a rule: the outcome each principal must get, on a GET and, for routes that
change state, on a POST with a valid CSRF token. A route without a rule fails the test, so a new
URL cannot go live unreviewed. Outcomes are status codes, or where a redirect goes:

- "login" / "admin_login": sent to the site's (or the admin's) login page;
- "redirect": sent somewhere else (e.g. a signed-in user visiting the login page);
- "404": exists, but not yours. One rule everywhere: a student on another student's records, an
  advisor on a student outside their caseload, a draft recommendation;
- "403": the wrong kind of user for the whole page (a student on an advisor page, an advisor on a
  student's own pages, staff without the permission for an admin page).

A deactivated user is treated exactly like an anonymous one: every rule gives them the
anonymous outcome. Whenever a principal is refused (login/403/404/405), the POST must also leave
every one of S's rows as it was.
"""

from dataclasses import dataclass

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.db import transaction
from django.test import Client

from advising.models import (
    AvailabilityWindow,
    CalendarFeed,
    Experience,
    Recommendation,
    RecommendationItem,
)
from notifications.models import Notification, Preference
from opportunities.models import SavedOpportunity, SavedSearch
from tests.security.routes import all_routes, sample_kwargs
from tests.security.world import World

pytestmark = pytest.mark.django_db

# Order of the columns in every rule below (the deactivated user gets the anonymous outcome).
PRINCIPALS = ["anonymous", "student", "other_student", "advisor", "other_advisor", "career_admin"]
EVERYONE = [*PRINCIPALS, "deactivated"]
REFUSED = {"login", "admin_login", "403", "404", "405"}
CSRF_SECRET = "m" * 32


@dataclass(frozen=True)
class Rule:
    """Expected outcome per principal: anonymous, S, T, S's advisor, another advisor, admin."""

    anonymous: str
    student: str
    other_student: str
    advisor: str
    other_advisor: str
    career_admin: str

    @property
    def deactivated(self) -> str:
        return self.anonymous

    def expected(self, principal: str) -> str:
        return getattr(self, principal)


def rule(*outcomes: str) -> Rule:
    return Rule(*outcomes)


# --- the rules ----------------------------------------------------------------------------
PUBLIC = rule("200", "200", "200", "200", "200", "200")
CANONICAL_REDIRECT = rule("301", "301", "301", "301", "301", "301")
POST_ONLY = rule("405", "405", "405", "405", "405", "405")
# allauth: pages for signed-out visitors send signed-in users on.
SIGNED_OUT = rule("200", "redirect", "redirect", "redirect", "redirect", "redirect")
AUTHENTICATED = rule("login", "200", "200", "200", "200", "200")
AUTHENTICATED_REDIRECT = rule("login", *["redirect"] * 5)
EVERYONE_REDIRECT = rule(*["redirect"] * 6)
# A student's own pages (no object of S's in the URL): each student sees their own.
STUDENT_SELF = rule("login", "200", "200", "403", "403", "403")
STUDENT_SELF_POST = rule("login", "200", "200", "403", "403", "403")
# A record of S's in a /me/ URL: S only; another student gets 404.
STUDENT_OWN_OBJECT = rule("login", "200", "404", "403", "403", "403")
STUDENT_OWN_OBJECT_POST = rule("login", "redirect", "404", "403", "403", "403")
# S's shared recommendation: nobody but S has it under /me/ (advisors use /advising/).
STUDENT_SHARED_OBJECT = rule("login", "200", "404", "404", "404", "404")
STUDENT_SHARED_OBJECT_POST = rule("login", "redirect", "404", "404", "404", "404")
# The advisor's area: advisors and admins; a student is the wrong kind of user.
ADVISOR_AREA = rule("login", "403", "403", "200", "200", "200")
# S's records for advisors: S's advisor and admins; an advisor outside the caseload gets 404.
ADVISOR_OF_S = rule("login", "403", "403", "200", "404", "200")
ADVISOR_OF_S_POST = rule("login", "403", "403", "200", "404", "200")
ADVISOR_OF_S_REDIRECT = rule("login", "403", "403", "redirect", "404", "redirect")
# The Django admin: staff only; everyone else is sent to the admin's login.
STAFF_ADMIN = rule(*["admin_login"] * 5, "200")
STAFF_ADMIN_REDIRECT = rule(*["admin_login"] * 5, "redirect")
STAFF_ADMIN_FORBIDDEN = rule(*["admin_login"] * 5, "403")  # superusers only
STAFF_ADMIN_404 = rule(*["admin_login"] * 5, "404")
STAFF_ADMIN_405 = rule(*["admin_login"] * 5, "405")

# Route key -> (GET rule, POST rule or None when the route changes nothing).
ROUTES: dict[str, tuple[Rule, Rule | None]] = {
    "home": (PUBLIC, None),
    "help": (PUBLIC, None),
    "healthz": (PUBLIC, None),
    "opportunities:formats": (PUBLIC, None),
    "opportunities:compare": (PUBLIC, None),
    "opportunities:format": (PUBLIC, None),
    "opportunities:list": (PUBLIC, None),
    "opportunities:detail(pk)": (CANONICAL_REDIRECT, None),
    "opportunities:detail(pk,slug)": (PUBLIC, None),
    "opportunities:saved": (rule("login", "200", "200", "403", "403", "403"), None),
    # Saving is for students; an empty POST (no action) is a 400, for students only.
    "opportunities:save": (POST_ONLY, rule("login", "400", "400", "403", "403", "403")),
    "advising:dashboard": (STUDENT_SELF, None),
    "advising:profile": (STUDENT_SELF, STUDENT_SELF_POST),
    "advising:experiences": (STUDENT_SELF, None),
    "advising:experience_add": (STUDENT_SELF, STUDENT_SELF_POST),
    "advising:experience_edit": (STUDENT_OWN_OBJECT, rule("login", "200", "404", *["403"] * 3)),
    "advising:experience_delete": (STUDENT_OWN_OBJECT, STUDENT_OWN_OBJECT_POST),
    "advising:export": (STUDENT_SELF, None),
    "advising:delete_account": (STUDENT_SELF, STUDENT_SELF_POST),
    "advising:caseload": (ADVISOR_AREA, None),
    "advising:student": (ADVISOR_OF_S, None),
    "advising:whatif": (ADVISOR_OF_S, None),
    "advising:recommendation_add": (ADVISOR_OF_S, ADVISOR_OF_S_POST),
    # The world's recommendation is shared, so editing it sends the advisor back to the student.
    "advising:recommendation_edit": (ADVISOR_OF_S_REDIRECT, ADVISOR_OF_S_REDIRECT),
    "advising:recommendation_share": (POST_ONLY, ADVISOR_OF_S_REDIRECT),
    "advising:my_recommendation": (STUDENT_SHARED_OBJECT, None),
    "advising:recommendation_respond": (POST_ONLY, STUDENT_SHARED_OBJECT_POST),
    # Follow-through (issue 17). Saved searches are a student's own; the empty POST of a new
    # search answers its form with errors.
    "opportunities:searches": (STUDENT_SELF, None),
    "opportunities:search_add": (STUDENT_SELF, STUDENT_SELF_POST),
    "opportunities:search_edit": (STUDENT_OWN_OBJECT, rule("login", "200", "404", *["403"] * 3)),
    "opportunities:search_delete": (STUDENT_OWN_OBJECT, STUDENT_OWN_OBJECT_POST),
    # The one-click unsubscribe of S's alert e-mail: no login, the signed token is the
    # credential; GET shows the confirmation, POST (the button, or RFC 8058's one-click) acts.
    "opportunities:search_unsubscribe": (PUBLIC, PUBLIC),
    "notifications:unsubscribe": (PUBLIC, PUBLIC),
    # Everyone signed in has notifications and settings of their own.
    "notifications:list": (AUTHENTICATED, None),
    "notifications:mark_all_read": (POST_ONLY, AUTHENTICATED_REDIRECT),
    "notifications:settings": (AUTHENTICATED, AUTHENTICATED),  # an empty POST: form errors
    # S's notification: opening it marks it read and goes to its page; anyone else 404.
    "notifications:open": (POST_ONLY, rule("login", "redirect", *["404"] * 4)),
    # Everyone's calendar link; S's feed answers anyone with S's token (calendar programs do
    # not log in) and 404 to a wrong one (tests/advising/test_calendar.py).
    "advising:calendar": (AUTHENTICATED, None),
    "advising:calendar_reset": (POST_ONLY, AUTHENTICATED_REDIRECT),
    "advising:calendar_feed": (PUBLIC, None),
    # The outbox and the alert runs are made by the code, never added by hand.
    "admin:notifications_email_add": (STAFF_ADMIN_FORBIDDEN, STAFF_ADMIN_FORBIDDEN),
    "admin:opportunities_searchalertrun_add": (STAFF_ADMIN_FORBIDDEN, STAFF_ADMIN_FORBIDDEN),
    # ...and read, never edited: the change page shows them, a POST is refused.
    "admin:notifications_email_change": (STAFF_ADMIN, STAFF_ADMIN_FORBIDDEN),
    "admin:opportunities_searchalertrun_change": (STAFF_ADMIN, STAFF_ADMIN_FORBIDDEN),
    # The alert policy is one row, seeded by a migration: a second cannot be added.
    "admin:opportunities_alertpolicy_add": (STAFF_ADMIN_FORBIDDEN, STAFF_ADMIN_FORBIDDEN),
    # allauth. An empty POST to a form answers 200 with the form's errors.
    "account_login": (SIGNED_OUT, SIGNED_OUT),
    "account_logout": (rule("redirect", *["200"] * 5), EVERYONE_REDIRECT),
    "account_inactive": (PUBLIC, None),
    "account_signup": (SIGNED_OUT, SIGNED_OUT),
    "account_reauthenticate": (AUTHENTICATED, AUTHENTICATED),
    # Code re-authentication is offered to an account with a verified address: every one here
    # has proven its address (sign-up, or the first login).
    "account_request_reauthentication_code": (AUTHENTICATED, AUTHENTICATED),
    "account_confirm_reauthentication_code": (AUTHENTICATED_REDIRECT, AUTHENTICATED_REDIRECT),
    "account_email": (AUTHENTICATED, AUTHENTICATED_REDIRECT),
    # The code form: for a sign-up or login waiting for its code; with none pending, anonymous
    # visitors go to the login page and signed-in users on.
    "account_email_verification_sent": (AUTHENTICATED_REDIRECT, None),
    "account_change_password": (AUTHENTICATED, AUTHENTICATED),
    "account_set_password": (AUTHENTICATED_REDIRECT, AUTHENTICATED_REDIRECT),
    "account_reset_password": (PUBLIC, PUBLIC),
    "account_confirm_login_code": (
        rule("login", *["redirect"] * 5),
        rule("login", *["redirect"] * 5),
    ),
    "account_reset_password_from_key_done": (PUBLIC, None),
    "account_reset_password_from_key": (EVERYONE_REDIRECT, EVERYONE_REDIRECT),
    "account_reset_password_done": (PUBLIC, None),
    # The admin site itself.
    "admin:index": (STAFF_ADMIN, None),
    "admin:login": (rule(*["200"] * 5, "redirect"), PUBLIC),
    "admin:logout": (rule(*["redirect"] * 5, "405"), rule(*["redirect"] * 5, "200")),
    "admin:password_change": (STAFF_ADMIN, STAFF_ADMIN),
    "admin:password_change_done": (STAFF_ADMIN, None),
    "admin:autocomplete": (STAFF_ADMIN_FORBIDDEN, None),  # 403 without its parameters
    "admin:jsi18n": (STAFF_ADMIN, None),
    "admin:view_on_site": (STAFF_ADMIN_404, None),  # users have no page on the site
    "admin/(?P<url>.*)$": (STAFF_ADMIN_404, None),
    "admin:app_list": (STAFF_ADMIN, None),
    "admin:auth_user_password_change": (STAFF_ADMIN, STAFF_ADMIN),
    # Importing a feed (opportunities.admin.ImportRunAdmin; its add and run pages are the
    # model's own): confirming the world's checked run queues its import, a POST only.
    "admin:opportunities_importrun_confirm": (STAFF_ADMIN_405, STAFF_ADMIN_REDIRECT),
    "admin:opportunities_opportunity_export": (STAFF_ADMIN, STAFF_ADMIN),
    # The advising policy is one row: edited, never added a second time or deleted.
    "admin:advising_advisingpolicy_add": (STAFF_ADMIN_FORBIDDEN, STAFF_ADMIN_FORBIDDEN),
    "admin:advising_advisingpolicy_delete": (STAFF_ADMIN_FORBIDDEN, STAFF_ADMIN_FORBIDDEN),
}

# The same routes on the world's draft: other_advisor wrote it while S was theirs, and an admin
# has since moved S to advisor. Whoever has S on their caseload reads a draft on S's page; only
# its author or a career-center admin edits or shares it (advising.rules.may_edit_draft), and
# the author, S being no longer theirs, gets 404 like any advisor outside the caseload. S never
# sees a draft.
DRAFT_AUTHOR_OR_ADMIN = rule("login", "403", "403", "403", "404", "200")
DRAFT_ROUTES: dict[str, tuple[Rule, Rule | None]] = {
    "advising:recommendation_edit": (DRAFT_AUTHOR_OR_ADMIN, DRAFT_AUTHOR_OR_ADMIN),
    "advising:recommendation_share": (POST_ONLY, rule("login", *["403"] * 3, "404", "redirect")),
    "advising:my_recommendation": (rule("login", *["404"] * 5), None),
    "advising:recommendation_respond": (POST_ONLY, rule("login", *["404"] * 5)),
}

# The admin's per-model pages, by model: STAFF_ADMIN where career-center admins have the
# model's permissions, STAFF_ADMIN_FORBIDDEN where only superusers do.
ADMIN_MODELS: dict[str, Rule] = {
    "auth.group": STAFF_ADMIN_FORBIDDEN,
    "account.emailaddress": STAFF_ADMIN_FORBIDDEN,
    "axes.accessattempt": STAFF_ADMIN_FORBIDDEN,
    "axes.accesslog": STAFF_ADMIN_FORBIDDEN,
    "axes.accessfailurelog": STAFF_ADMIN_FORBIDDEN,
    "auditlog.logentry": STAFF_ADMIN_FORBIDDEN,
    "django_tasks_database.dbtaskresult": STAFF_ADMIN_FORBIDDEN,  # background tasks
    "careercenter.user": STAFF_ADMIN,
    "opportunities.format": STAFF_ADMIN,
    "opportunities.industry": STAFF_ADMIN,
    "opportunities.skill": STAFF_ADMIN,
    "opportunities.organization": STAFF_ADMIN,
    "opportunities.opportunity": STAFF_ADMIN,
    "opportunities.savedopportunity": STAFF_ADMIN,
    "opportunities.importrun": STAFF_ADMIN,
    "opportunities.searchsynonym": STAFF_ADMIN,
    "advising.studentprofile": STAFF_ADMIN,
    "advising.availabilitywindow": STAFF_ADMIN,
    "advising.experience": STAFF_ADMIN,
    "advising.recommendation": STAFF_ADMIN,
    "advising.recommendationitem": STAFF_ADMIN,
    "advising.advisingpolicy": STAFF_ADMIN,
    "advising.calendarfeed": STAFF_ADMIN,
    "opportunities.savedsearch": STAFF_ADMIN,
    "opportunities.searchalertrun": STAFF_ADMIN,
    "opportunities.alertpolicy": STAFF_ADMIN,
    "notifications.notification": STAFF_ADMIN,
    "notifications.preference": STAFF_ADMIN,
    "notifications.email": STAFF_ADMIN,
}
ADMIN_VIEWS = {"changelist", "add", "change", "delete", "history"}
# An empty POST: the changelist answers its page again, add/change their form with errors,
# delete its confirmation page (a real delete needs post=yes).
ADMIN_POSTS = {"changelist", "add", "change", "delete"}


def expectation(route) -> tuple[Rule, Rule | None] | None:
    if route.key in ROUTES:
        return ROUTES[route.key]
    model_admin = route.model_admin
    if model_admin is None:
        return None
    opts = model_admin.model._meta
    model_rule = ADMIN_MODELS.get(f"{opts.app_label}.{opts.model_name}")
    if model_rule is None:
        return None
    view = route.key.removeprefix(f"admin:{opts.app_label}_{opts.model_name}_")
    if view in ADMIN_VIEWS:
        return model_rule, model_rule if view in ADMIN_POSTS else None
    if route.arguments == {"object_id"} and not route.key.startswith("admin:"):
        # admin/<model>/<id>/: the old URL, redirected to the change page (which checks).
        return STAFF_ADMIN_REDIRECT, None
    return None


def outcome(response) -> str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return "login"
        if location.startswith("/admin/login/"):
            return "admin_login"
        return "redirect"
    return str(response.status_code)


def records_of_s(world: World) -> dict:
    """Every row that belongs to S, as values, to compare before and after a refused POST."""
    profile = world.profile
    return {
        "user": list(type(world.student).objects.filter(pk=world.student.pk).values()),
        "profile": list(type(profile).objects.filter(pk=profile.pk).values()),
        "industries": list(profile.target_industries.values_list("pk", flat=True)),
        "windows": list(AvailabilityWindow.objects.filter(profile=profile).values()),
        "experiences": list(Experience.objects.filter(profile=profile).values()),
        "recommendations": list(Recommendation.objects.filter(profile=profile).values()),
        "items": list(RecommendationItem.objects.filter(recommendation__profile=profile).values()),
        "saved": list(SavedOpportunity.objects.filter(user=world.student).values()),
        "searches": list(SavedSearch.objects.filter(user=world.student).values()),
        "notifications": list(Notification.objects.filter(user=world.student).values()),
        "preferences": list(Preference.objects.filter(user=world.student).values()),
        "calendar": list(CalendarFeed.objects.filter(user=world.student).values()),
        "log": LogEntry.objects.exclude(action=LogEntry.Action.ACCESS).count(),
    }


# Data for the POSTs that would otherwise stop at "no action given".
POST_DATA = {
    "opportunities:save": {},
    "advising:recommendation_respond": {"decision": "accept", "comment": ""},
}


@pytest.fixture
def clients(world):
    result = {}
    for name in EVERYONE:
        client = Client(enforce_csrf_checks=True)
        client.cookies["csrftoken"] = CSRF_SECRET
        if name != "anonymous":
            client.force_login(getattr(world, name))
        result[name] = client
    return result


def test_every_route_has_an_expectation():
    missing = [route.key for route in all_routes() if expectation(route) is None]
    unknown = set(ROUTES) - {route.key for route in all_routes()}

    assert not missing, "Routes without an entry in the matrix:\n" + "\n".join(missing)
    assert not unknown, f"Entries for routes that no longer exist: {sorted(unknown)}"


def test_a_deactivated_user_is_treated_like_an_anonymous_one():
    for get_rule, post_rule in [*ROUTES.values(), *((r, r) for r in ADMIN_MODELS.values())]:
        for checked in filter(None, [get_rule, post_rule]):
            assert checked.deactivated == checked.anonymous


def test_the_matrix(world, clients):
    """GET every route as everyone; POST every state-changing route as everyone, with a valid
    CSRF token, and check that refused principals changed nothing of S's."""
    routes = [(route, *expectation(route)) for route in all_routes()]
    check_outcomes(world, clients, routes, lambda route: sample_kwargs(route, world))


def test_the_matrix_on_a_draft(world, clients):
    by_key = {route.key: route for route in all_routes()}
    routes = [(by_key[key], *rules) for key, rules in DRAFT_ROUTES.items()]
    check_outcomes(world, clients, routes, lambda route: {"pk": world.draft.pk})


def check_outcomes(world, clients, routes, kwargs_for) -> None:
    wrong, checked = [], 0
    for route, get_rule, post_rule in routes:
        # Built just before use: a password-reset key in a URL dies with the next login.
        path = route.build_path(kwargs_for(route))
        for name in EVERYONE:
            client = clients[name]
            got = outcome(client.get(path))
            checked += 1
            if got != get_rule.expected(name):
                wrong.append(
                    f"GET  {path} ({route.key}) as {name}: {got}, not {get_rule.expected(name)}"
                )
            if post_rule is None:
                continue
            before = records_of_s(world)
            with transaction.atomic():
                response = client.post(
                    path, POST_DATA.get(route.key, {}), HTTP_X_CSRFTOKEN=CSRF_SECRET
                )
                got = outcome(response)
                after = records_of_s(world)
                transaction.set_rollback(True)
            checked += 1
            if got != post_rule.expected(name):
                wrong.append(
                    f"POST {path} ({route.key}) as {name}: {got}, not {post_rule.expected(name)}"
                )
            if got in REFUSED and after != before:
                changed = [k for k in before if before[k] != after[k]]
                wrong.append(
                    f"POST {path} ({route.key}) as {name} was refused but changed {changed}"
                )
            # A POST can end the session (logout); sign in again. Only then: signing in
            # changes last_login, which invalidates the password-reset key in the next URL.
            if name != "anonymous" and SESSION_KEY not in client.session:
                client.force_login(getattr(world, name))
    print(f"authorization matrix: {checked} requests checked")
    assert not wrong, f"{len(wrong)} of {checked} outcomes differ:\n" + "\n".join(wrong)


@pytest.mark.urls("tests.security.audit_urls")
def test_a_new_route_without_a_rule_is_reported():
    missing = {route.key for route in all_routes() if expectation(route) is None}

    assert {"profiles/<int:pk>/", "profiles/<int:pk>/programme/"} <= missing
