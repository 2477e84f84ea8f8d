"""The profile form, and who may use the /me/ pages (its availability windows are in
test_profile_windows.py)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from advising.forms import AvailabilityWindowForm, ProfileForm
from advising.models import StudentProfile
from tests.advising.profile_form_data import PROFILE_URL, TODAY, profile_data, window, windows
from tests.careercenter.test_accounts import VERIFY, code_in
from tests.factories import (
    AdvisorFactory,
    CareerAdminFactory,
    IndustryFactory,
    SkillFactory,
    StudentProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


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
