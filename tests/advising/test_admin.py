"""Admin smoke tests: every advising model's list, search and change pages load."""

import pytest

from advising import policy
from advising.models import AdvisingPolicy
from tests.factories import (
    AvailabilityWindowFactory,
    ExperienceFactory,
    RecommendationItemFactory,
    StudentProfileFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    profile = StudentProfileFactory(complete=True)
    item = RecommendationItemFactory(recommendation__profile=profile)
    return {
        "studentprofile": profile,
        "availabilitywindow": AvailabilityWindowFactory(profile=profile),
        "experience": ExperienceFactory(profile=profile),
        "recommendation": item.recommendation,
        "recommendationitem": item,
    }


@pytest.mark.parametrize(
    "model",
    ["studentprofile", "availabilitywindow", "experience", "recommendation", "recommendationitem"],
)
def test_admin_pages_load(admin_client, rows, model):
    base = f"/admin/advising/{model}/"

    assert admin_client.get(base).status_code == 200
    assert admin_client.get(base, {"q": "student"}).status_code == 200
    assert admin_client.get(f"{base}add/").status_code == 200
    assert admin_client.get(f"{base}{rows[model].pk}/change/").status_code == 200


def test_staff_can_set_the_legal_hold(admin_client, rows):
    profile = rows["studentprofile"]

    page = admin_client.get(f"/admin/advising/studentprofile/{profile.pk}/change/")

    assert 'name="legal_hold"' in page.content.decode()
    assert 'name="windows-0-label"' in page.content.decode()


def test_career_admins_see_student_profiles(admin_client_, rows):
    assert admin_client_.get("/admin/advising/studentprofile/").status_code == 200


# --- the advising policy -----------------------------------------------------------------------

POLICY_URL = "/admin/advising/advisingpolicy/"


def policy_form(**changes):
    values = {
        "term_load_share": "70",
        "break_load_share": "90",
        "term_max_engagements": "3",
        "break_max_engagements": "4",
        "full_time_weekly_hours": "30",
        "busy_weekly_hours": "10",
        "weekly_load_warning": "60",
        "application_lead_weeks": "8",
        "depth_history_hours": "120",
        "breadth_history_hours": "20",
    }
    return values | changes


def test_the_seeded_policy_is_one_row_career_admins_edit_but_never_add_or_delete(admin_client_):
    assert AdvisingPolicy.objects.get().pk == 1
    assert admin_client_.get(POLICY_URL).status_code == 200
    assert admin_client_.get(f"{POLICY_URL}1/change/").status_code == 200
    assert admin_client_.get(f"{POLICY_URL}add/").status_code == 403
    assert admin_client_.get(f"{POLICY_URL}1/delete/").status_code == 403
    assert admin_client_.post(f"{POLICY_URL}add/", policy_form()).status_code == 403
    assert AdvisingPolicy.objects.count() == 1


def test_an_edited_policy_reaches_the_engine_at_once(admin_client_):
    assert policy.current().term_load_share == 0.7

    response = admin_client_.post(
        f"{POLICY_URL}1/change/", policy_form(term_load_share="50", term_max_engagements="2")
    )

    assert response.status_code == 302
    current = policy.current()
    assert (current.term_load_share, current.term_max_engagements) == (0.5, 2)


@pytest.mark.parametrize(
    ("field", "value"),
    [("term_load_share", "0"), ("break_load_share", "101"), ("term_max_engagements", "0")],
)
def test_a_policy_out_of_range_is_refused_next_to_the_field(admin_client_, field, value):
    response = admin_client_.post(f"{POLICY_URL}1/change/", policy_form(**{field: value}))

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert AdvisingPolicy.objects.get().term_load_share == 70


def test_a_policy_deleted_all_the_same_falls_back_to_its_defaults():
    AdvisingPolicy.objects.all().delete()
    policy.clear()

    assert policy.current() == policy.as_engine(AdvisingPolicy())
