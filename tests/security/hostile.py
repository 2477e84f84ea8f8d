"""The hostile values and the form reading that tests/security/test_bad_input*.py share."""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.test import Client

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
