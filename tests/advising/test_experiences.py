"""The exposure log: list, add (also from a listing), edit, delete, and who may touch what."""

import datetime

import pytest

from advising.forms import ExperienceForm, plausible_hours
from advising.models import Experience, StudentProfile
from tests.factories import (
    ExperienceFactory,
    FormatFactory,
    IndustryFactory,
    OpportunityFactory,
    SavedOpportunityFactory,
    SkillFactory,
    StudentProfileFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/me/experiences/"
ADD_URL = "/me/experiences/add/"
TODAY = datetime.date.today()


def days_ago(n):
    return (TODAY - datetime.timedelta(days=n)).isoformat()


def experience_data(**overrides):
    data = {
        "title": "Social media audit",
        "organization_name": "Northside Food Bank",
        "format": "",
        "industry": "",
        "started_on": days_ago(20),
        "ended_on": days_ago(14),
        "hours": "15",
        "reflection": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def profile(student):
    return StudentProfileFactory(user=student)


# The form -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "limit"),
    [(1, 16), (2, 32), (5, 80), (7, 80), (8, 91), (14, 160), (365, 4171)],
)
def test_plausible_hours(days, limit):
    assert plausible_hours(days) == limit


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"title": ""}, "title", "required"),
        ({"title": "x" * 151}, "title", "max_length"),
        ({"organization_name": "x" * 151}, "organization_name", "max_length"),
        ({"reflection": "x" * 2001}, "reflection", "max_length"),
        ({"hours": "0"}, "hours", "min_value"),
        ({"hours": "-5"}, "hours", "min_value"),
        ({"hours": "4001"}, "hours", "max_value"),
        ({"hours": "99999999999999999999"}, "hours", "max_value"),
        ({"hours": "ten"}, "hours", "invalid"),
        ({"hours": ""}, "hours", "required"),
        ({"started_on": ""}, "started_on", "required"),
        ({"started_on": "1900-01-01", "ended_on": ""}, "started_on", "start_far_past"),
        ({"started_on": "2999-01-01", "ended_on": ""}, "started_on", "start_far_future"),
        ({"started_on": days_ago(10), "ended_on": days_ago(11)}, "ended_on", "ends_before_start"),
        # a one-day experience cannot have 500 hours, nor 17
        (
            {"started_on": days_ago(3), "ended_on": days_ago(3), "hours": "500"},
            "hours",
            "hours_implausible",
        ),
        (
            {"started_on": days_ago(3), "ended_on": days_ago(3), "hours": "17"},
            "hours",
            "hours_implausible",
        ),
        # 81 hours in one week is more than 80 a week
        (
            {"started_on": days_ago(13), "ended_on": days_ago(7), "hours": "81"},
            "hours",
            "hours_implausible",
        ),
        ({"format": "999999"}, "format", "invalid_choice"),
        ({"skills": ["abc"]}, "skills", "invalid_pk_value"),
    ],
)
def test_experience_form_rejects_bad_values(overrides, field, code):
    form = ExperienceForm(experience_data(**overrides))

    assert not form.is_valid()
    assert form.has_error(field, code), form.errors.as_data()


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"ended_on": ""},  # ongoing
        {"started_on": (TODAY + datetime.timedelta(days=30)).isoformat(), "ended_on": ""},
        {"started_on": days_ago(3), "ended_on": days_ago(3), "hours": "16"},
        {"started_on": days_ago(70), "ended_on": days_ago(14), "hours": "320"},  # 8 weeks × 40
        {"hours": "4000", "ended_on": ""},
    ],
)
def test_experience_form_accepts_plausible_entries(overrides):
    form = ExperienceForm(experience_data(**overrides))

    assert form.is_valid(), form.errors


def test_retired_formats_are_offered_only_where_already_used():
    active, retired = FormatFactory(), FormatFactory(retired=True)
    experience = ExperienceFactory(format=retired)

    offered = set(ExperienceForm().fields["format"].queryset)
    assert active in offered and retired not in offered
    assert set(ExperienceForm(instance=experience).fields["format"].queryset) == offered | {retired}


# Adding, listing, editing, deleting ---------------------------------------------------------


def test_adding_an_experience(student_client, profile):
    fmt, industry = FormatFactory(), IndustryFactory()
    python = SkillFactory()
    data = experience_data(format=fmt.pk, industry=industry.pk, skills=[python.pk])

    response = student_client.post(ADD_URL, data)

    assert response.status_code == 302
    assert response.url == LIST_URL
    experience = Experience.objects.get()
    assert experience.profile == profile
    assert (experience.format, experience.industry, experience.hours) == (fmt, industry, 15)
    assert list(experience.skills.all()) == [python]
    assert experience.opportunity is None


def test_a_bad_entry_is_shown_next_to_the_field_and_not_saved(student_client, profile):
    response = student_client.post(ADD_URL, experience_data(hours="-5"))

    assert response.status_code == 200
    assert b"Hours must be more than 0." in response.content
    body = response.content.decode()
    assert 'aria-describedby="id_hours_helptext id_hours_error"' in body
    assert '<div id="id_hours_error" class="invalid-feedback">' in body
    assert not Experience.objects.exists()


def test_adding_creates_a_missing_profile(student_client, student):
    response = student_client.post(ADD_URL, experience_data())

    assert response.status_code == 302
    assert Experience.objects.get().profile == StudentProfile.objects.get(user=student)


def test_text_is_stored_as_typed_and_shown_escaped(student_client, profile):
    script = '<script>alert("x")</script>'
    student_client.post(ADD_URL, experience_data(title=script, reflection=script))

    experience = Experience.objects.get()
    assert experience.title == script and experience.reflection == script
    for url in (LIST_URL, "/me/", f"/me/experiences/{experience.pk}/edit/"):
        body = student_client.get(url).content.decode()
        assert script not in body, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body, url


def test_the_list_shows_only_my_experiences_newest_first(student_client, profile):
    ExperienceFactory(profile=profile, title="Older", started_on=TODAY.replace(year=TODAY.year - 2))
    ExperienceFactory(profile=profile, title="Newer")
    ExperienceFactory(title="Someone else's")

    response = student_client.get(LIST_URL)

    titles = [e.title for e in response.context["page"]]
    assert titles == ["Newer", "Older"]
    assert b"Someone else" not in response.content


def test_the_list_is_paginated_and_bad_pages_do_not_fail(student_client, profile):
    ExperienceFactory.create_batch(25, profile=profile)

    first = student_client.get(LIST_URL)
    second = student_client.get(LIST_URL, {"page": "2"})
    bad = student_client.get(LIST_URL, {"page": "abc"})
    beyond = student_client.get(LIST_URL, {"page": "999"})

    assert len(first.context["page"]) == 20
    assert len(second.context["page"]) == 5
    assert 'href="?page=2"' in first.content.decode()
    assert bad.context["page"].number == 1
    assert beyond.context["page"].number == 2


def test_the_list_query_count_does_not_grow_with_the_page(
    student_client, profile, django_assert_max_num_queries
):
    fmt, industry = FormatFactory(), IndustryFactory()
    skills = SkillFactory.create_batch(3)
    for _ in range(20):
        ExperienceFactory(profile=profile, format=fmt, industry=industry, skills=skills)

    # session, user, groups (role), profile, count, page, skills, and the nav's unread
    # notifications (one count on a small partial index, capped at 100: notifications.
    # context_processors), which every signed-in page pays
    with django_assert_max_num_queries(8):
        response = student_client.get(LIST_URL)

    assert len(response.context["page"]) == 20


def test_editing_my_experience(student_client, profile):
    experience = ExperienceFactory(profile=profile, title="Old title")
    url = f"/me/experiences/{experience.pk}/edit/"

    page = student_client.get(url)
    response = student_client.post(url, experience_data(title="New title"))

    assert page.status_code == 200
    assert response.status_code == 302
    experience.refresh_from_db()
    assert experience.title == "New title"


def test_deleting_asks_first_then_deletes_on_post(student_client, profile):
    experience = ExperienceFactory(profile=profile)
    url = f"/me/experiences/{experience.pk}/delete/"

    confirm = student_client.get(url)
    assert confirm.status_code == 200
    assert Experience.objects.filter(pk=experience.pk).exists()

    response = student_client.post(url)
    assert response.status_code == 302
    assert not Experience.objects.filter(pk=experience.pk).exists()


@pytest.mark.parametrize("action", ["edit", "delete"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_students_experience_is_404(student_client, profile, action, method):
    theirs = ExperienceFactory(title="Theirs")

    response = getattr(student_client, method)(f"/me/experiences/{theirs.pk}/{action}/")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "Theirs"


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_anonymous_is_sent_to_login_for_an_experience(client, action):
    experience = ExperienceFactory()

    response = client.get(f"/me/experiences/{experience.pk}/{action}/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_an_advisor_gets_403_for_an_experience(advisor_client, action):
    experience = ExperienceFactory()

    response = advisor_client.post(f"/me/experiences/{experience.pk}/{action}/")

    assert response.status_code == 403
    assert Experience.objects.filter(pk=experience.pk).exists()


# Adding from a listing ----------------------------------------------------------------------


def test_adding_from_a_saved_listing_prefills_and_links_it(student_client, student, profile):
    skills = SkillFactory.create_batch(2)
    listing = OpportunityFactory(
        title="Data clean-up sprint",
        total_hours=12,
        skills=skills,
        start_date=TODAY - datetime.timedelta(days=5),
    )
    SavedOpportunityFactory(user=student, opportunity=listing)
    url = f"{ADD_URL}?from={listing.pk}"

    page = student_client.get(url)
    initial = page.context["form"].initial
    assert initial["title"] == "Data clean-up sprint"
    assert initial["organization_name"] == listing.organization.name
    assert (initial["format"], initial["industry"]) == (listing.format_id, listing.industry_id)
    assert sorted(initial["skills"]) == sorted(s.pk for s in skills)
    assert initial["hours"] == 12
    assert initial["started_on"] == listing.start_date

    data = experience_data(title=initial["title"], skills=initial["skills"])
    response = student_client.post(url, data)
    assert response.status_code == 302
    assert Experience.objects.get().opportunity == listing


def test_hours_are_estimated_from_weeks_when_the_listing_gives_no_total(student_client, profile):
    listing = OpportunityFactory(duration_weeks=4, weekly_hours_min=5, weekly_hours_max=15)

    page = student_client.get(f"{ADD_URL}?from={listing.pk}")

    assert page.context["form"].initial["hours"] == 40  # 4 weeks × 10 h


def test_a_listing_stating_no_hours_prefills_no_hours(student_client, profile):
    listing = OpportunityFactory(unstated=True, duration_weeks=4, industry=None)

    page = student_client.get(f"{ADD_URL}?from={listing.pk}")

    assert page.status_code == 200
    assert page.context["form"].initial["hours"] is None
    assert page.context["form"].initial["industry"] is None


def test_a_closed_listing_i_saved_still_prefills(student_client, student, profile):
    listing = OpportunityFactory(closed=True)
    SavedOpportunityFactory(user=student, opportunity=listing)

    page = student_client.get(f"{ADD_URL}?from={listing.pk}")

    assert page.context["listing"] == listing


@pytest.mark.parametrize("raw", ["abc", "-1", "0", "", "1.5", "99999999999999999999999999", "%00"])
def test_bad_listing_ids_are_ignored_with_a_message(student_client, profile, raw):
    response = student_client.get(ADD_URL, {"from": raw})

    assert response.status_code == 200
    assert response.context["listing"] is None
    assert b"That listing could not be found" in response.content


def test_an_unpublished_listing_i_did_not_save_is_not_revealed(student_client, profile):
    draft = OpportunityFactory(draft=True, title="Secret draft")

    response = student_client.get(ADD_URL, {"from": draft.pk})

    assert response.context["listing"] is None
    assert b"Secret draft" not in response.content


def test_posting_with_a_bad_listing_id_saves_without_a_link(student_client, profile):
    draft = OpportunityFactory(draft=True)

    response = student_client.post(f"{ADD_URL}?from={draft.pk}", experience_data())

    assert response.status_code == 302
    assert Experience.objects.get().opportunity is None
