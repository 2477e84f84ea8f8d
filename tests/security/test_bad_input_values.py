"""Bad input that must be stored exactly and shown escaped, redirects that must stay on the
site, fields a form does not offer, and generated inputs (split from test_bad_input.py)."""

import pytest
from django.db import transaction
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advising.models import Experience, Recommendation, RecommendationStatus
from opportunities.models import SavedOpportunity
from tests.factories import PASSWORD
from tests.security.hostile import (
    QUERY_PARAMETERS,
    RAW_MARKUP,
    SCRIPT,
    SVG,
    TARGETS,
    base_form,
    client_for,
)

pytestmark = pytest.mark.django_db


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
