"""PrivateCacheControlMiddleware: pages with personal data are never stored by any cache."""

import pytest

pytestmark = pytest.mark.django_db


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def test_every_page_for_a_signed_in_user_is_no_store(student_client):
    for path in ["/", "/help/"]:
        assert cache_control(student_client.get(path)) == {"no-store", "private"}


@pytest.mark.parametrize(
    "path", ["/accounts/password/reset/", "/accounts/password/reset/done/", "/admin/login/"]
)
def test_account_pages_are_no_store_for_everyone(client, path):
    assert {"no-store", "private"} <= cache_control(client.get(path))


def test_public_pages_seen_anonymously_are_left_alone(client):
    assert cache_control(client.get("/help/")) == set()


def test_a_view_that_sets_its_own_cache_control_keeps_it(student_client):
    response = student_client.get("/healthz/")

    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
