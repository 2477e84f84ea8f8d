"""Bad input, everywhere: every form and every query parameter gets a corpus of hostile values.

Pass means: no response is a server error; each value is either refused with an error on the
form, or accepted and shown escaped (the raw markup never comes back); and fields a form does
not offer (`is_staff`, another user's id, a status) are ignored.

The forms are read from their own pages: `form_data()` collects what a browser would send (every
input, select and textarea with its current value, formset management fields included), so a new
field is fuzzed without anyone listing it here.
"""

import pytest
from django.db import transaction

from tests.security.hostile import (
    ALL_FIELDS,
    MANAGEMENT,
    PAYLOADS,
    QUERY_PARAMETERS,
    TARGETS,
    VISITORS,
    base_form,
    cases,
    client_for,
    problems_with,
)
from tests.security.routes import all_routes, sample_kwargs

pytestmark = pytest.mark.django_db


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
