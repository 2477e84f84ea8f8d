"""Admin smoke tests: every advising model's list, search and change pages load."""

import pytest

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
