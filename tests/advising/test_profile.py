"""The profile form with its availability windows, and who may use the /me/ pages."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from advising.forms import AvailabilityWindowForm, ProfileForm
from advising.models import AvailabilityWindow, StudentProfile
from tests.careercenter.test_accounts import VERIFY, code_in
from tests.factories import (
    AdvisorFactory,
    AvailabilityWindowFactory,
    CareerAdminFactory,
    ExperienceFactory,
    IndustryFactory,
    SkillFactory,
    StudentProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PROFILE_URL = "/me/profile/"
TODAY = datetime.date.today()


def windows(*rows, initial=0, prefix="windows"):
    """Management form plus one dict per row, as the browser posts them."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def profile_data(**overrides):
    data = {
        "programme": "BSc Economics",
        "level": "undergraduate",
        "expected_graduation": (TODAY + datetime.timedelta(days=400)).isoformat(),
        "career_clarity": "exploring",
        "learning_goal": "broad",
        "needs_pay": "true",
        "credit_ok": "unknown",
        "work_modes": ["remote", "hybrid"],
        "networking_goal": "broad",
        "application_ready": "false",
    }
    data.update(overrides)
    return data


def window(**overrides):
    row = {"label": "Spring term", "starts_on": "", "ends_on": "", "weeks": "14"}
    row["weekly_hours"] = "6"
    row.update(overrides)
    return row


# Who may use /me/ ---------------------------------------------------------------------------

ME_URLS = [
    "/me/",
    "/me/profile/",
    "/me/experiences/",
    "/me/experiences/add/",
    "/me/export/",
    "/me/delete/",
]


@pytest.mark.parametrize("url", ME_URLS)
def test_anonymous_users_are_sent_to_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("url", ME_URLS)
@pytest.mark.parametrize("factory", [AdvisorFactory, CareerAdminFactory, UserFactory])
def test_only_students_use_me_pages(client, url, factory):
    """Advisors, admins and users without a role get a 403 page pointing them elsewhere."""
    client.force_login(factory())

    response = client.get(url)

    assert response.status_code == 403
    assert b"These pages are for students" in response.content
    assert not StudentProfile.objects.exists()


def test_advisor_cannot_post_to_a_students_page(advisor_client):
    response = advisor_client.post(PROFILE_URL, profile_data() | windows())

    assert response.status_code == 403
    assert not StudentProfile.objects.exists()


def test_a_student_without_a_profile_gets_one_on_first_visit(student_client, student):
    assert not StudentProfile.objects.filter(user=student).exists()

    response = student_client.get(PROFILE_URL)

    assert response.status_code == 200
    assert StudentProfile.objects.filter(user=student).count() == 1


def test_signup_creates_the_profile_and_lands_on_the_form(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "fresh@uni.example.edu",
            "password1": "a-Long-and-unusual-pass-42",
            "password2": "a-Long-and-unusual-pass-42",
        },
    )

    assert response.status_code == 302
    assert StudentProfile.objects.filter(user__email="fresh@uni.example.edu").exists()
    response = client.post(VERIFY, {"code": code_in(mail.outbox[-1])})  # the address proven
    assert response.url == PROFILE_URL
    page = client.get(PROFILE_URL)
    assert page.context["is_new"] is True
    assert b'id="intro"' in page.content


# The form page ------------------------------------------------------------------------------


def test_form_labels_every_field_and_has_help_text(student_client):
    IndustryFactory(name="Finance")
    SkillFactory(name="Python")

    response = student_client.get(PROFILE_URL)

    body = response.content.decode()
    form = response.context["form"]
    for name, field in form.fields.items():
        assert field.label, name
        assert field.help_text, name
    assert 'for="id_programme"' in body
    assert 'for="id_windows-0-label"' in body
    assert 'type="checkbox" class="form-check-input"  name="target_industries"' in body
    assert 'name="work_modes" value="remote"' in body
    assert 'name="add_window"' in body
    assert body.count("<h1") == 1


def test_a_filled_profile_shows_no_intro(student_client, student):
    StudentProfileFactory(user=student, programme="BSc Economics")

    response = student_client.get(PROFILE_URL)

    assert response.context["is_new"] is False
    assert b'id="intro"' not in response.content


def test_saving_the_profile_and_a_window(student_client, student):
    finance, tech = IndustryFactory(), IndustryFactory()
    python, writing = SkillFactory(), SkillFactory()
    data = profile_data(
        target_industries=[finance.pk, tech.pk],
        skills=[writing.pk],
        skills_to_build=[python.pk],
        directory_hold="on",
    ) | windows(window(starts_on="2027-01-12", ends_on="2027-04-20", weeks="", weekly_hours="6"))

    response = student_client.post(PROFILE_URL, data)

    assert response.status_code == 302
    assert response.url == "/me/"
    profile = StudentProfile.objects.get(user=student)
    assert profile.programme == "BSc Economics"
    assert profile.needs_pay is True and profile.credit_ok is None
    assert profile.application_ready is False
    assert profile.work_modes == ["remote", "hybrid"]
    assert profile.directory_hold is True
    assert set(profile.target_industries.all()) == {finance, tech}
    assert list(profile.skills_to_build.all()) == [python]
    (spring,) = profile.windows.all()
    assert (spring.label, spring.weekly_hours) == ("Spring term", 6)
    assert spring.weeks == 14  # 98 days, counted from the dates


def test_the_profile_can_be_saved_almost_empty(student_client, student):
    response = student_client.post(
        PROFILE_URL, windows(window(label="", weeks="", weekly_hours=""))
    )

    assert response.status_code == 302
    profile = StudentProfile.objects.get(user=student)
    assert profile.programme == "" and profile.work_modes == []
    assert not profile.windows.exists()


def test_text_is_stored_as_typed_and_shown_escaped(student_client, student):
    script = "<script>alert('x')</script>"
    data = profile_data(programme=script) | windows(window(label=script))

    student_client.post(PROFILE_URL, data)

    profile = StudentProfile.objects.get(user=student)
    assert profile.programme == script
    assert profile.windows.get().label == script
    for url in (PROFILE_URL, "/me/"):
        body = student_client.get(url).content.decode()
        assert script not in body
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("programme", "x" * 121, "max_length"),
        (
            "expected_graduation",
            (TODAY - datetime.timedelta(days=400)).isoformat(),
            "graduation_past",
        ),
        ("expected_graduation", "2999-06-01", "graduation_far"),
        ("expected_graduation", "not a date", "invalid"),
        ("level", "professor", "invalid_choice"),
        ("work_modes", ["remote", "teleport"], "invalid_choice"),
        ("target_industries", ["999999"], "invalid_choice"),
        ("needs_pay", "maybe", None),  # an unknown answer is "not answered", not an error
        ("can_be_paid", "false", "pay_conflict"),  # needs pay (profile_data) but may not be paid
    ],
)
def test_profile_form_rejects_bad_values(field, value, code):
    form = ProfileForm(profile_data(**{field: value}), instance=StudentProfile())

    if code is None:
        assert form.is_valid(), form.errors
    else:
        assert not form.is_valid()
        assert form.has_error(field, code), form.errors.as_data()


@pytest.mark.parametrize(
    ("needs_pay", "can_be_paid", "stored"),
    [("false", "false", False), ("unknown", "false", False), ("true", "true", True)],
)
def test_may_take_paid_work_is_saved(student_client, student, needs_pay, can_be_paid, stored):
    data = profile_data(needs_pay=needs_pay, can_be_paid=can_be_paid) | windows()

    response = student_client.post(PROFILE_URL, data)

    assert response.status_code == 302
    assert StudentProfile.objects.get(user=student).can_be_paid is stored


def test_needing_pay_and_not_being_allowed_it_is_explained_next_to_the_field(
    student_client, student
):
    data = profile_data(needs_pay="true", can_be_paid="false") | windows(window())

    response = student_client.post(PROFILE_URL, data)

    assert response.status_code == 200
    body = response.content.decode()
    # Next to its field, and linked to it for screen readers.
    assert 'aria-describedby="id_can_be_paid_helptext id_can_be_paid_error"' in body
    error = body[body.index('<div id="id_can_be_paid_error" class="invalid-feedback">') :]
    assert error[: error.index("</div>")].count("You said you need paid work but may not take it")
    profile = StudentProfile.objects.get(user=student)
    assert profile.can_be_paid is None and not profile.windows.exists()  # nothing saved


@pytest.mark.parametrize("kind", ["", "term", "break"])
def test_a_window_says_whether_it_is_term_time_or_a_break(student_client, student, kind):
    data = profile_data() | windows(window(label="Weekends", kind=kind))

    response = student_client.post(PROFILE_URL, data)

    assert response.status_code == 302
    assert StudentProfile.objects.get(user=student).windows.get().kind == kind


def test_an_unknown_window_kind_is_refused_next_to_its_field():
    form = AvailabilityWindowForm(window(kind="exams"))

    assert not form.is_valid()
    assert form.has_error("kind", "invalid_choice")


def test_graduation_last_month_is_fine():
    last_month = (TODAY - datetime.timedelta(days=30)).isoformat()

    assert ProfileForm(profile_data(expected_graduation=last_month)).is_valid()


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
