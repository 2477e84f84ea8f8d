"""Bad input, everywhere: every form and every query parameter gets a corpus of hostile values.

Pass means: no response is a server error; each value is either refused with an error on the
form, or accepted and shown escaped (the raw markup never comes back); and fields a form does
not offer (`is_staff`, another user's id, a status) are ignored.

The forms are read from their own pages: `form_data()` collects what a browser would send (every
input, select and textarea with its current value, formset management fields included), so a new
field is fuzzed without anyone listing it here.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advising.models import Experience, Recommendation, RecommendationStatus
from opportunities.models import SavedOpportunity
from tests.factories import PASSWORD
from tests.security.routes import all_routes, sample_kwargs
from tests.security.world import build_world

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
SVG = '"><svg onload=alert(1)>'
RAW_MARKUP = [SCRIPT.encode(), b"<svg onload=alert(1)>"]
PAYLOADS: dict[str, str] = {
    "empty": "",
    "1 MB": "x" * 1_000_000,
    "NUL": "a\x00b",
    "right-to-left override": "abc\u202egnp.exe",
    "zero-width": "a\u200bb\ufeff",
    "emoji": "🎓 Career 📚",
    "script": SCRIPT,
    "svg": SVG,
    "javascript URL": "javascript:alert(1)",
    "SQL": "' OR 1=1 --",
    "formula =": "=1+1",
    "formula +": "+1+1",
    "formula -": "-1+1",
    "formula @": "@SUM(A1)",
    "huge number": "99999999999999999999999999",
    "negative": "-5",
    "impossible date": "2027-02-30",
}
# Fields a browser sends but whose values are machinery, not input.
NOT_INPUT = {"csrfmiddlewaretoken"}


class _FormReader(HTMLParser):
    """The forms of a page: for each, its action, method and what a browser would submit."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": a.get("action"),
                    "method": a.get("method", "get"),
                    "data": {},
                    "maxlength": {},
                    "multi": set(),  # checkbox groups and multiple selects
                    "choices": {},  # the values each checkbox group or select offers
                }
            )
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in {"submit", "button", "file"}:
            if "maxlength" in a:
                form["maxlength"][name] = int(a["maxlength"])
            if a.get("type") in {"checkbox", "radio"}:
                offered = form["choices"].setdefault(name, [])
                offered.append(a.get("value", "on"))
                if a.get("type") == "checkbox" and len(offered) > 1:
                    form["multi"].add(name)
                if "checked" in a:
                    form["data"].setdefault(name, []).append(a.get("value", "on"))
                else:
                    form["data"].setdefault(name, [])
            else:
                form["data"][name] = [a.get("value", "")]
        elif tag == "select" and name:
            self._select = name
            form["data"][name] = []
            if "multiple" in a:
                form["multi"].add(name)
        elif tag == "option" and self._select:
            form["choices"].setdefault(self._select, []).append(a.get("value", ""))
            if "selected" in a:
                form["data"][self._select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            form["data"][name] = [""]
            if "maxlength" in a:
                form["maxlength"][name] = int(a["maxlength"])

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["data"][self._textarea] = [data.removeprefix("\n")]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def page_form(html: str, field: str) -> dict:
    """The form of the page that has `field`, as {"data": {name: [values]}, "maxlength": {}}."""
    reader = _FormReader()
    reader.feed(html)
    for form in reader.forms:
        if field in form["data"]:
            return form
    raise AssertionError(f"no form with a field {field!r}")


@dataclass(frozen=True)
class Target:
    name: str
    principal: str  # an attribute of the world, or "anonymous"
    url: str  # a format string over the world
    marker: str  # a field the form has, to find it on the page
    method: str = "post"
    form_url: str | None = None  # where the form is shown, if not at `url`
    extra: tuple = ()  # fields to add to what the page's form sends: ((name, value), ...)


TARGETS = [
    Target("sign-up", "anonymous", "/accounts/signup/", "password1"),
    Target("login", "anonymous", "/accounts/login/", "password"),
    Target("password reset", "anonymous", "/accounts/password/reset/", "email"),
    Target("profile and windows", "student", "/me/profile/", "programme"),
    Target("experience", "student", "/me/experiences/add/", "reflection"),
    Target("experience edit", "student", "/me/experiences/{w.experience.pk}/edit/", "title"),
    Target("delete account", "student", "/me/delete/", "password"),
    Target(
        "recommendation and items",
        "advisor",
        "/advising/students/{w.profile.pk}/recommendations/new/",
        "next_step",
    ),
    Target(
        "what-if",
        "advisor",
        "/advising/students/{w.profile.pk}/what-if/",
        "career_clarity",
        method="get",
        form_url="/advising/students/{w.profile.pk}/",
    ),
    Target(
        "recommendation response",
        "student",
        "/me/recommendations/{w.recommendation.pk}/respond/",
        "comment",
        form_url="/me/recommendations/{w.recommendation.pk}/",
    ),
    Target(
        "save listing",
        "student",
        "/opportunities/save/{w.opportunity.pk}/",
        "action",
        form_url="/opportunities/{w.opportunity.pk}/{w.opportunity.slug}/",
    ),
    Target("browse filters", "anonymous", "/opportunities/", "max_weekly_hours", method="get"),
    Target("caseload filters", "advisor", "/advising/", "follow_up_due", method="get"),
    Target(
        "compare", "anonymous", "/formats/compare/", "f", method="get", extra=(("f", "internship"),)
    ),
]


@pytest.fixture
def world(db):
    world = build_world()
    # The response form is for a shared recommendation the student has not answered.
    return world


def client_for(world, principal: str) -> Client:
    # Server errors are answers to count here, not exceptions to stop at.
    client = Client(raise_request_exception=False)
    if principal != "anonymous":
        client.force_login(getattr(world, principal))
    return client


def base_form(client, world, target: Target) -> tuple[str, dict, dict]:
    url = target.url.format(w=world)
    page = client.get((target.form_url or target.url).format(w=world))
    assert page.status_code == 200, f"{target.name}: form page answered {page.status_code}"
    form = page_form(page.content.decode(), target.marker)
    data = {k: v for k, v in form["data"].items() if k not in NOT_INPUT}
    for name, value in target.extra:
        data.setdefault(name, []).append(value)
    return url, data, form["maxlength"]


MANAGEMENT = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
ALL_FIELDS = "(every field)"


def cases(data: dict, maxlength: dict, marker: str):
    """(field, label, value): each payload in every field at once (a form cleans each field
    whatever the others hold); then each payload alone in each text field, where a value can
    be stored and shown again, and that field's maximum length and one over. Formsets' extra
    rows repeat their first row, so only the first row of each is fuzzed field by field."""
    for label, value in PAYLOADS.items():
        if label != "1 MB":  # the megabyte goes in one field at a time
            yield ALL_FIELDS, label, value
    for field in data:
        if field.endswith(MANAGEMENT) or re.search(r"-[1-9]\d*-", field):
            continue
        if field in maxlength or field == marker:
            for label, value in PAYLOADS.items():
                yield field, label, value
        if field in maxlength:
            yield field, "maximum length", "y" * maxlength[field]
            yield field, "one over", "y" * (maxlength[field] + 1)


def problems_with(response, field, label, value) -> list[str]:
    found = []
    if response.status_code >= 500:
        found.append(f"{response.status_code}")
    body = b"" if response.streaming else response.content
    for raw in RAW_MARKUP:
        if raw in body:
            found.append(f"raw {raw[:12]!r} in the page")
    if label == "one over" and response.status_code in (301, 302):
        found.append("a value one over the maximum length was accepted")
    return found


def test_every_form_survives_the_corpus(world):
    """Every payload in every field of every form; each request is rolled back."""
    failures, tried = [], 0
    for target in TARGETS:
        client = client_for(world, target.principal)
        url, data, maxlength = base_form(client, world, target)
        for field, label, value in cases(data, maxlength, target.marker):
            if field == ALL_FIELDS:
                sent = {k: v if k.endswith(MANAGEMENT) else [value] for k, v in data.items()}
            else:
                sent = {**data, field: [value]}
            with transaction.atomic():
                if target.method == "get":
                    response = client.get(url, sent)
                else:
                    response = client.post(url, sent)
                tried += 1
                for problem in problems_with(response, field, label, value):
                    failures.append(f"{target.name}: {field} = {label}: {problem}")
                transaction.set_rollback(True)
            if target.principal != "anonymous" and "_auth_user_id" not in client.session:
                client.force_login(getattr(world, target.principal))
    print(f"bad-input corpus: {tried} form submissions")
    assert not failures, "\n".join(failures)


# Every query parameter any page reads, given the same hostile value at once.
QUERY_PARAMETERS = [
    "q",
    "page",
    "sort",
    "family",
    "work_mode",
    "paid",
    "industry",
    "max_weekly_hours",
    "max_weeks",
    "deadline_after",
    "location",
    "remote",
    "term",
    "sponsorship",
    "unstated",
    "level",
    "clarity",
    "no_recommendation",
    "follow_up_due",
    "f",
    "from",
    "next",
    "career_clarity",
    "learning_goal",
    "w0_weeks",
    "w0_hours",
]
# Who requests each route: the first principal the page answers 200 for.
VISITORS = ["anonymous", "student", "advisor", "career_admin"]


def test_every_query_parameter_of_every_page_survives_the_corpus(world):
    failures, tried = [], 0
    clients = {name: client_for(world, name) for name in VISITORS}
    for route in all_routes():
        if route.key.startswith("admin") or route.key == "account_logout":
            continue
        path = route.build_path(sample_kwargs(route, world))
        for name, client in clients.items():  # noqa: B007 (name is reported below)
            if client.get(path).status_code == 200:
                break
        else:
            continue
        for label, value in PAYLOADS.items():
            # The megabyte in q alone: 21 parameters of a megabyte is not a URL.
            params = {"q": value} if label == "1 MB" else dict.fromkeys(QUERY_PARAMETERS, value)
            with transaction.atomic():
                response = client.get(path, params)
                tried += 1
                for problem in problems_with(response, "query", label, value):
                    failures.append(f"GET {path} ({route.key}) as {name}: {label}: {problem}")
                transaction.set_rollback(True)
    print(f"bad-input corpus: {tried} page requests with hostile query parameters")
    assert tried > 100
    assert not failures, "\n".join(failures)


# --- values that must be stored exactly and shown escaped ----------------------------------


@pytest.mark.parametrize("value", [SCRIPT, SVG, "=1+1", "' OR 1=1 --", "abc\u202egnp", "🎓"])
def test_an_experience_is_stored_exactly_and_shown_escaped(world, value):
    client = client_for(world, "student")
    url, data, _ = base_form(client, world, TARGETS[5])
    data.update(title=[value], reflection=[value])

    response = client.post(url, data)

    assert response.status_code == 302
    world.experience.refresh_from_db()
    assert (world.experience.title, world.experience.reflection) == (value, value)
    page = client.get("/me/experiences/")
    if value in {SCRIPT, SVG}:
        assert not any(raw in page.content for raw in RAW_MARKUP)
        assert b"&lt;" in page.content
    else:
        assert escape(value).encode() in page.content


def test_a_recommendation_comment_is_shown_escaped_to_the_student_and_the_advisor(world):
    response = client_for(world, "student").post(
        f"/me/recommendations/{world.recommendation.pk}/respond/",
        {"decision": "decline", "comment": SCRIPT},
        follow=True,
    )

    assert response.status_code == 200
    assert SCRIPT.encode() not in response.content
    page = client_for(world, "advisor").get(f"/advising/students/{world.profile.pk}/")
    assert SCRIPT.encode() not in page.content


# --- open redirects -------------------------------------------------------------------------

OFF_SITE = ["//evil.example", "https://evil.example/", "/\\evil.example", "\\\\evil.example"]


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_login_and_logout_never_redirect_off_site(world, next_url):
    client = Client()
    response = client.post(
        f"/accounts/login/?next={next_url}",
        {"login": world.student.email, "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]

    response = client.post("/accounts/logout/", {"next": next_url})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]

    client.force_login(world.student)
    response = client.get(f"/accounts/logout/?next={next_url}")
    assert "evil.example" not in response.get("Location", "")

    client.force_login(world.student)
    response = client.post(
        f"/opportunities/save/{world.opportunity.pk}/", {"action": "save", "next": next_url}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


# --- mass assignment ------------------------------------------------------------------------


def test_fields_a_form_does_not_offer_are_ignored(world):
    intruding = {
        "is_staff": "1",
        "is_superuser": "1",
        "user": str(world.other_student.pk),
        "profile": str(world.other_profile.pk),
        "advisor": str(world.other_advisor.pk),
        "status": "accepted",
        "legal_hold": "on",
    }
    student = client_for(world, "student")
    for target in [TARGETS[3], TARGETS[4], TARGETS[5]]:
        url, data, _ = base_form(student, world, target)
        if target is TARGETS[4]:
            data.update(
                title=["Mass assignment probe"],
                organization_name=["Probe"],
                hours=["5"],
                started_on=["2026-01-05"],
            )
        response = student.post(url, {**data, **intruding})
        assert response.status_code == 302, target.name
    advisor = client_for(world, "advisor")
    url, data, _ = base_form(advisor, world, TARGETS[7])
    data.update(next_step=["Probe the form"])
    assert advisor.post(url, {**data, **intruding}).status_code in (200, 302)
    student.post(f"/opportunities/save/{world.opportunity.pk}/", {"action": "unsave", **intruding})
    student.post(f"/opportunities/save/{world.opportunity.pk}/", {"action": "save", **intruding})
    student.post(
        f"/me/recommendations/{world.recommendation.pk}/respond/",
        {"decision": "decline", "comment": "Not now.", **intruding},
    )

    world.student.refresh_from_db()
    world.profile.refresh_from_db()
    world.other_profile.refresh_from_db()
    assert not world.student.is_staff and not world.student.is_superuser
    assert world.profile.advisor == world.advisor
    assert not world.profile.legal_hold
    assert world.other_profile.programme == "BA History"
    assert not Experience.objects.filter(profile=world.other_profile).exists()
    assert Experience.objects.get(title="Mass assignment probe").profile == world.profile
    assert not SavedOpportunity.objects.filter(user=world.other_student).exists()
    assert SavedOpportunity.objects.filter(user=world.student).exists()
    world.recommendation.refresh_from_db()
    assert world.recommendation.status == RecommendationStatus.DECLINED
    assert not Recommendation.objects.filter(profile=world.other_profile).exists()
    assert (
        not Recommendation.objects.filter(advisor=world.other_advisor)
        .exclude(pk=world.draft.pk)
        .exists()
    )


# --- generated inputs -----------------------------------------------------------------------

text = st.text(st.characters(codec="utf-8"), max_size=300)
numberish = st.one_of(st.integers(-(10**30), 10**30).map(str), text)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(programme=text, label=text, weeks=numberish, hours=numberish, graduation=text)
def test_generated_profile_input_never_errors(world, programme, label, weeks, hours, graduation):
    client = client_for(world, "student")
    url, data, _ = base_form(client, world, TARGETS[3])
    window = next(k for k in data if k.endswith("-label")).removesuffix("label")
    data.update(
        {
            "programme": [programme],
            "expected_graduation": [graduation],
            f"{window}label": [label],
            f"{window}weeks": [weeks],
            f"{window}weekly_hours": [hours],
        }
    )
    with transaction.atomic():
        response = client.post(url, data)
        transaction.set_rollback(True)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert (
            response.context["form"].errors
            or any(f.errors for f in response.context["formset"])
            or response.context["formset"].non_form_errors()
        )


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from(QUERY_PARAMETERS[:19]), st.one_of(text, numberish), max_size=6
    )
)
def test_generated_browse_filters_never_error(world, params):
    response = Client().get("/opportunities/", params)

    assert response.status_code == 200
    assert SCRIPT.encode() not in response.content
