"""The what-if panel: re-runs the engine with other values, in place with htmx, saving nothing."""

import pytest
from django.apps import apps
from django.urls import reverse

from advising.models import StudentProfile
from tests.factories import (
    AvailabilityWindowFactory,
    OpportunityFactory,
    RecommendationFactory,
    StudentProfileFactory,
    create_catalogue,
    stock_listings,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(advisor):
    stock_listings(create_catalogue().values())
    profile = StudentProfileFactory(
        advisor=advisor, career_clarity="exploring", application_ready=True
    )
    AvailabilityWindowFactory(profile=profile, label="Spring term", weeks=14, weekly_hours=6)
    RecommendationFactory(profile=profile, shared=True)
    OpportunityFactory(weekly_hours_min=2)
    return profile


def url(profile):
    return reverse("advising:whatif", args=[profile.pk])


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for app in ("advising", "opportunities")
        for model in apps.get_app_config(app).get_models()
    }


DECIDED_SUMMER = {
    "w0_weeks": "14",
    "w0_hours": "35",
    "career_clarity": "decided",
    "learning_goal": "targeted",
}


def test_the_form_starts_from_the_stored_profile(advisor_client, profile):
    response = advisor_client.get(reverse("advising:student", args=[profile.pk]))

    form = response.context["whatif"]
    assert form["w0_weeks"].value() == 14
    assert form["w0_hours"].value() == 6
    assert form["career_clarity"].value() == "exploring"
    body = response.content.decode()
    assert f'hx-get="{url(profile)}"' in body
    assert 'hx-target="#suggestion-panel"' in body
    assert f'action="{url(profile)}"' in body and 'method="get"' in body


def test_a_plain_get_form_shows_the_whole_page_with_the_what_if(advisor_client, profile):
    before = row_counts()

    response = advisor_client.get(url(profile), DECIDED_SUMMER)

    assert response.status_code == 200
    assert "<h1>" in response.content.decode()
    assert response.context["is_whatif"]
    (window,) = response.context["advice"].windows
    # 35 h/week in term (24.5 of plan): a part-time internship now fits.
    assert window.suggestions[0].suggestion.family == "internship"
    assert "nothing has been saved" in response.content.decode()
    assert row_counts() == before


def test_htmx_gets_only_the_suggestion_panel(advisor_client, profile):
    before = row_counts()

    response = advisor_client.get(url(profile), DECIDED_SUMMER, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "<h1>" not in body
    assert "Internship" in body
    assert 'id="whatif-form"' not in body  # valid: the form the advisor typed in stays as it is
    assert response.headers["Vary"].count("HX-Request") == 1
    assert row_counts() == before


def test_nothing_about_the_profile_changes(advisor_client, profile):
    advisor_client.get(url(profile), DECIDED_SUMMER)

    stored = StudentProfile.objects.get(pk=profile.pk)
    assert stored.career_clarity == "exploring"
    assert stored.windows.get().weekly_hours == 6
    assert stored.updated_at == profile.updated_at


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"w0_weeks": "-3"}, "w0_weeks", "greater than or equal to 0.1"),
        ({"w0_hours": "200"}, "w0_hours", "less than or equal to 60"),
        ({"w0_hours": "lots"}, "w0_hours", "Enter a whole number"),
        ({"career_clarity": "certain"}, "career_clarity", "Select a valid choice"),
    ],
)
def test_bad_values_are_explained_next_to_the_field(
    advisor_client, profile, params, field, message
):
    before = row_counts()

    response = advisor_client.get(url(profile), DECIDED_SUMMER | params)

    assert response.status_code == 200
    assert message in str(response.context["whatif"].errors[field])
    assert not response.context["is_whatif"]
    assert "need fixing" in response.content.decode()
    assert row_counts() == before


def test_htmx_with_bad_values_swaps_the_form_out_of_band(advisor_client, profile):
    response = advisor_client.get(
        url(profile), DECIDED_SUMMER | {"w0_hours": "200"}, headers={"HX-Request": "true"}
    )

    body = response.content.decode()
    assert 'id="whatif-form" hx-swap-oob="true"' in body
    assert "less than or equal to 60" in body


def test_a_history_restore_gets_the_whole_page(advisor_client, profile):
    response = advisor_client.get(
        url(profile),
        DECIDED_SUMMER,
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )

    assert "<h1>" in response.content.decode()


def test_a_student_without_windows_can_try_one(advisor_client, advisor):
    stock_listings(create_catalogue().values())
    profile = StudentProfileFactory(advisor=advisor)

    response = advisor_client.get(
        url(profile),
        {"w0_weeks": "10", "w0_hours": "40", "career_clarity": "decided", "learning_goal": "broad"},
    )

    (window,) = response.context["advice"].windows
    assert window.plan.window.label == "A new window"
    assert window.suggestions
    assert not StudentProfile.objects.get(pk=profile.pk).windows.exists()
