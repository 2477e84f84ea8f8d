"""The availability windows of the profile form."""

import pytest

from advising.forms import AvailabilityWindowForm
from advising.models import AvailabilityWindow, StudentProfile
from tests.advising.profile_form_data import PROFILE_URL, profile_data, window, windows
from tests.factories import (
    AvailabilityWindowFactory,
    ExperienceFactory,
    IndustryFactory,
    StudentProfileFactory,
)

pytestmark = pytest.mark.django_db


# Availability windows -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "field", "code"),
    [
        ({"label": ""}, "label", "required"),
        ({"label": "x" * 81}, "label", "max_length"),
        ({"weekly_hours": ""}, "weekly_hours", "required"),
        ({"weekly_hours": "61"}, "weekly_hours", "max_value"),
        ({"weekly_hours": "-1"}, "weekly_hours", "min_value"),
        ({"weekly_hours": "1e9"}, "weekly_hours", "invalid"),
        ({"weeks": ""}, "weeks", "weeks_required"),
        ({"weeks": "0"}, "weeks", "min_value"),
        ({"weeks": "-3"}, "weeks", "min_value"),
        ({"weeks": "61"}, "weeks", "max_value"),
        ({"weeks": "99999"}, "weeks", "max_value"),
        ({"weeks": "", "starts_on": "2027-01-12"}, "weeks", "weeks_required"),
        (
            {"starts_on": "2027-04-20", "ends_on": "2027-01-12", "weeks": ""},
            "ends_on",
            "ends_before_start",
        ),
        (
            {"starts_on": "2027-01-12", "ends_on": "2027-01-12", "weeks": ""},
            "ends_on",
            "ends_before_start",
        ),
        (
            {"starts_on": "2027-01-01", "ends_on": "2029-01-01", "weeks": ""},
            "ends_on",
            "window_too_long",
        ),
        (
            {"starts_on": "2027-01-12", "ends_on": "2027-04-20", "weeks": "10"},
            "weeks",
            "weeks_mismatch",
        ),
    ],
)
def test_window_form_rejects_bad_rows(row, field, code):
    form = AvailabilityWindowForm(window(**row))

    assert not form.is_valid()
    assert form.has_error(field, code), form.errors.as_data()


@pytest.mark.parametrize(
    ("row", "weeks"),
    [
        ({"weeks": "10", "weekly_hours": "40"}, 10),
        ({"weeks": "0.5", "weekly_hours": "0"}, 0.5),
        ({"weeks": "", "starts_on": "2027-01-12", "ends_on": "2027-04-20"}, 14),
        ({"weeks": "", "starts_on": "2027-06-01", "ends_on": "2027-06-02"}, 0.1),
        # typed weeks within a week of the dates: the dates win
        ({"weeks": "13", "starts_on": "2027-01-12", "ends_on": "2027-04-20"}, 14),
        ({"weeks": "6", "starts_on": "2027-06-01"}, 6),  # a start and a length is fine
    ],
)
def test_window_form_accepts_and_derives_weeks(row, weeks):
    form = AvailabilityWindowForm(window(**row))

    assert form.is_valid(), form.errors
    assert float(form.cleaned_data["weeks"]) == weeks


def test_a_bad_window_row_saves_nothing_not_even_the_profile(student_client, student):
    profile = StudentProfileFactory(user=student, programme="Old programme")
    data = profile_data(programme="New programme", target_industries=[IndustryFactory().pk])
    data |= windows(window(label="Good row"), window(label="Bad row", weekly_hours="99"))

    response = student_client.post(PROFILE_URL, data)

    assert response.status_code == 200
    assert response.context["formset"].forms[1].has_error("weekly_hours", "max_value")
    assert b"Weekly hours must be between 0 and 60." in response.content
    assert b"Nothing was saved" in response.content
    profile.refresh_from_db()
    assert profile.programme == "Old programme"
    assert not profile.target_industries.exists()
    assert not AvailabilityWindow.objects.exists()


def test_a_bad_profile_field_saves_no_window_either(student_client, student):
    data = profile_data(programme="x" * 500) | windows(window())

    response = student_client.post(PROFILE_URL, data)

    assert response.status_code == 200
    assert response.context["form"].has_error("programme", "max_length")
    assert not AvailabilityWindow.objects.exists()


def test_editing_and_removing_windows(student_client, student):
    profile = StudentProfileFactory(user=student)
    keep = AvailabilityWindowFactory(profile=profile, label="Spring", weekly_hours=6)
    drop = AvailabilityWindowFactory(profile=profile, label="Exams", weekly_hours=0)
    data = profile_data() | windows(
        window(id=keep.pk, label="Spring", weekly_hours="8"),
        window(id=drop.pk, label="Exams", weekly_hours="0", DELETE="on"),
        window(label="", weeks="", weekly_hours=""),
        initial=2,
    )

    response = student_client.post(PROFILE_URL, data)

    assert response.status_code == 302
    assert list(profile.windows.values_list("label", "weekly_hours")) == [("Spring", 8)]


def test_a_student_cannot_edit_another_students_window(student_client, student):
    StudentProfileFactory(user=student)
    theirs = AvailabilityWindowFactory(label="Theirs", weekly_hours=6)
    data = profile_data() | windows(window(id=theirs.pk, label="Mine now"), initial=1)

    response = student_client.post(PROFILE_URL, data)

    # Django drops a row whose id is not among this profile's windows: nothing is changed.
    assert response.status_code in (200, 302)
    theirs.refresh_from_db()
    assert theirs.label == "Theirs"
    assert not AvailabilityWindow.objects.filter(profile__user=student).exists()


def test_add_another_window_re_renders_with_one_more_row_and_saves_nothing(student_client, student):
    data = profile_data(programme="Typed, not saved") | windows(window(label="Spring"))
    data["add_window"] = "1"

    response = student_client.post(PROFILE_URL, data)

    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.total_form_count() == 2
    assert 'value="Spring"' in response.content.decode()
    assert 'name="windows-1-label"' in response.content.decode()
    assert StudentProfile.objects.get(user=student).programme == ""
    assert not AvailabilityWindow.objects.exists()


@pytest.mark.parametrize("total", ["abc", "", "1000", "-5"])
def test_a_tampered_management_form_never_errors(student_client, student, total):
    data = profile_data() | windows(window())
    data["windows-TOTAL_FORMS"] = total

    saved = student_client.post(PROFILE_URL, data)
    added = student_client.post(PROFILE_URL, data | {"add_window": "1"})

    assert saved.status_code in (200, 302)
    assert added.status_code == 200
    assert AvailabilityWindow.objects.filter(profile__user=student).count() <= 1


def test_at_most_twenty_windows(student_client, student):
    profile = StudentProfileFactory(user=student)
    AvailabilityWindowFactory.create_batch(20, profile=profile)

    response = student_client.get(PROFILE_URL)

    assert response.context["formset"].total_form_count() == 20
    assert b'name="add_window"' not in response.content


def test_the_dashboard_is_where_a_save_leads_and_it_lists_what_is_missing(student_client, student):
    student_client.post(PROFILE_URL, profile_data() | windows(window()), follow=True)
    ExperienceFactory(profile=StudentProfile.objects.get(user=student))

    response = student_client.get("/me/")

    missing = dict(response.context["completeness"].missing)
    assert set(missing) == {"target_industries", "skills", "skills_to_build", "credit_ok"}
    assert b'href="/me/profile/#div_id_target_industries"' in response.content
