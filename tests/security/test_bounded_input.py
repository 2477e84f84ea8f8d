"""No request makes the server build an unbounded number of forms or look at unbounded values.

A formset builds one form per `TOTAL_FORMS`, which the client writes; Django's default ceiling
(`absolute_max`) is max_num + 1000. A multiple-choice field looks at every value sent. Both
are bounded here, and a request over a bound gets an error on the form, saves nothing, and
builds no more forms than the formset's maximum. Outcomes and counts are asserted, never times.
"""

import re

import pytest
from django.forms.formsets import BaseFormSet
from django.test import Client

from advising.models import Recommendation
from advising.recommendation_forms import MAX_ITEMS
from opportunities.models import Opportunity
from tests.security.hostile import TARGETS, _FormReader, base_form, client_for
from tests.security.world import build_world

pytestmark = pytest.mark.django_db

HUGE = "10000"


@pytest.fixture
def world(db):
    world = build_world()
    # A second listing like the world's one, so that a recommendation line offers two to tick.
    twin = Opportunity.objects.get(pk=world.opportunity.pk)
    twin.pk, twin.title = None, "Survey data clean-up, second wave"
    twin.save()
    twin.skills.set(world.opportunity.skills.all())
    return world


def formsets_of(response) -> list[BaseFormSet]:
    found = {}
    for context in response.context:
        for value in context.flatten().values():
            if isinstance(value, BaseFormSet):
                found[id(value)] = value
    return list(found.values())


def forms_of(response):
    """Every bound form the response was rendered with, formsets' forms included."""
    found = {}
    for context in response.context:
        for value in context.flatten().values():
            forms = value.forms if isinstance(value, BaseFormSet) else [value]
            for form in forms:
                if hasattr(form, "fields") and getattr(form, "is_bound", False):
                    found[id(form)] = form
    return list(found.values())


def test_a_recommendation_posted_with_ten_thousand_lines_is_refused(world):
    client = client_for(world, "advisor")
    url, data, _ = base_form(client, world, TARGETS[7])
    data.update({"next_step": ["Apply to one micro-internship."], "items-TOTAL_FORMS": [HUGE]})

    response = client.post(url, data)

    assert response.status_code == 200
    (formset,) = formsets_of(response)
    assert len(formset.forms) <= MAX_ITEMS
    assert [e.code for e in formset.non_form_errors().as_data()] == ["too_many_forms"]
    assert f"Please submit at most {MAX_ITEMS} forms." in response.content.decode()
    assert not Recommendation.objects.filter(advisor=world.advisor, status="draft").exists()


def test_every_formset_builds_at_most_its_maximum(world):
    """Each form page with a formset, posted with TOTAL_FORMS = 10 000."""
    checked = []
    for target in TARGETS:
        client = client_for(world, target.principal)
        url, data, _ = base_form(client, world, target)
        totals = [name for name in data if name.endswith("-TOTAL_FORMS")]
        if not totals:
            continue
        response = client.post(url, {**data, **{key: [HUGE] for key in totals}})
        assert response.status_code == 200, target.name
        for formset in formsets_of(response):
            assert len(formset.forms) <= formset.max_num, target.name
            assert formset.non_form_errors(), target.name
            checked.append(target.name)

    assert {"profile and windows", "recommendation and items"} <= set(checked)


# Far more values than any of these fields has choices, all of them valid ones.
MANY = 500


def test_every_multi_value_field_refuses_too_many_values(world):
    """Each checkbox group and multiple select of every form, sent MANY copies of a valid
    value: the field refuses them with an error of its own, and the page is not a 500."""
    checked = []
    for target in TARGETS:
        client = client_for(world, target.principal)
        page = client.get((target.form_url or target.url).format(w=world))
        reader = _FormReader()
        reader.feed(page.content.decode())
        url, data, _ = base_form(client, world, target)
        form = next(f for f in reader.forms if target.marker in f["data"])
        for name in sorted(form["multi"]):
            if not [v for v in form["choices"].get(name, []) if v]:
                continue
            value = next(v for v in form["choices"][name] if v)
            sent = {**data, name: [value] * MANY}
            response = client.get(url, sent) if target.method == "get" else client.post(url, sent)
            assert response.status_code == 200, (target.name, name, response.status_code)
            errors = [
                error.code
                for bound in forms_of(response)
                for field, field_errors in bound.errors.as_data().items()
                if bound.add_prefix(field) == name
                for error in field_errors
            ]
            assert "too_many_values" in errors, (target.name, name, errors)
            checked.append(f"{target.name}: {name}")

    print("bounded multi-value fields:", checked)
    names = {re.sub(r"-\d+-", "-N-", c.rsplit(": ", 1)[1]) for c in checked}
    assert {"format", "skill", "f", "work_modes", "skills", "items-N-picked"} <= names, checked


def test_an_over_long_query_is_refused_before_any_form_is_built():
    """More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS: Django refuses the request itself."""
    response = Client(raise_request_exception=False).get(
        "/opportunities/", {"skill": ["python"] * 2000}
    )

    assert response.status_code == 400


# --- the Django admin -------------------------------------------------------------------------
# Staff post forms too, and Django's admin builds up to 2 000 forms from a forged TOTAL_FORMS
# (max_num 1 000 + 1 000): 20 s of a worker for a student's page with its two inlines.


def admin_formsets(response) -> list[BaseFormSet]:
    """The formsets an admin page was rendered with: its inlines' and its changelist's."""
    found = {}
    for context in response.context:
        for value in context.flatten().values():
            candidates = value if isinstance(value, list) else [value]
            for candidate in candidates:
                formset = getattr(candidate, "formset", candidate)
                if isinstance(formset, BaseFormSet):
                    found[id(formset)] = formset
    return list(found.values())


def admin_pages_with_formsets(world) -> list[tuple[str, str]]:
    """(path, what) for each admin page that posts a formset: the add and change pages of
    every model with inlines, the changelist of every model with editable columns."""
    from django.contrib import admin
    from django.urls import reverse

    pages = []
    for model, model_admin in admin.site._registry.items():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        if model_admin.inlines:
            row = model._default_manager.order_by("pk").first()
            assert row is not None, f"the world has no {model._meta.label} to post"
            pages.append((reverse(f"{name}_add"), f"{model_admin} add"))
            pages.append((reverse(f"{name}_change", args=[row.pk]), f"{model_admin}"))
        if model_admin.list_editable:
            pages.append((reverse(f"{name}_changelist"), f"{model_admin} list"))
    return pages


def test_every_admin_formset_builds_at_most_its_rows_and_a_few_new_ones(world):
    from careercenter.forms import MAX_NEW_ROWS

    client = Client()
    client.force_login(world.superuser)
    checked = []
    for path, what in admin_pages_with_formsets(world):
        reader = _FormReader()
        reader.feed(client.get(path).content.decode())
        (form,) = [f for f in reader.forms if any(n.endswith("TOTAL_FORMS") for n in f["data"])]
        data = {**form["data"], "_save": ["Save"]}
        data.pop("csrfmiddlewaretoken", None)
        totals = [name for name in data if name.endswith("-TOTAL_FORMS")]
        response = client.post(path, {**data, **{name: [HUGE] for name in totals}})

        assert response.status_code == 200, (what, response.status_code)
        formsets = admin_formsets(response)
        assert {f.prefix for f in formsets} == {n.removesuffix("-TOTAL_FORMS") for n in totals}
        for formset in formsets:
            rows = len(formset.get_queryset())
            assert len(formset.forms) <= rows + MAX_NEW_ROWS, (what, formset.prefix)
            assert "too_many_forms" in [e.code for e in formset.non_form_errors().as_data()]
            checked.append(f"{what}: {formset.prefix}")

    print("bounded admin formsets:", checked)
    assert len(checked) >= 5, checked  # profile (windows, experiences), items, formats
