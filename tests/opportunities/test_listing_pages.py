"""A listing's page, saving and unsaving, and a student's saved listings."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opportunities.models import SavedOpportunity, Status
from tests.factories import OpportunityFactory, SavedOpportunityFactory, UserFactory

pytestmark = pytest.mark.django_db


def save_url(listing):
    return f"/opportunities/save/{listing.pk}/"


# --- the listing's page ---------------------------------------------------------------------


def test_listing_page_shows_its_terms_beside_the_format(client):
    listing = OpportunityFactory(
        title="Survey clean-up",
        format__slug="micro-internship",
        weekly_hours_min=5,
        weekly_hours_max=10,
        skills=["excel"],
        apply_instructions="Send two lines about yourself.",
    )

    response = client.get(listing.get_absolute_url())

    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<h1") == 1
    assert "5–10 hours a week" in body  # the listing
    assert "5–20 hours a week" in body  # a typical micro-internship
    assert "Fixed fee per project: $300 for the project" in body
    assert "Send two lines about yourself." in body
    assert 'href="https://apply.example.org/listing"' in body
    assert "Spreadsheets (Excel)" in body
    assert "<caption>" in body and '<th scope="row">Duration</th>' in body


def test_listing_without_slug_or_with_a_wrong_one_redirects_to_its_address(client):
    listing = OpportunityFactory(title="Budget helper")

    for url in (f"/opportunities/{listing.pk}/", f"/opportunities/{listing.pk}/old-title/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == f"/opportunities/{listing.pk}/budget-helper/"


def test_unknown_listing_is_404(client):
    assert client.get("/opportunities/999999/anything/").status_code == 404


@pytest.mark.parametrize("trait", ["closed", "expired"])
def test_closed_or_expired_listing_still_answers_marked_closed(client, student, trait):
    listing = OpportunityFactory(**{trait: True})
    client.force_login(student)

    response = client.get(listing.get_absolute_url())

    assert response.status_code == 200
    body = response.content.decode()
    assert "<strong>Closed:</strong>" in body
    assert "Applications are closed." in body
    assert "Save this listing" not in body
    assert 'href="https://apply.example.org/listing"' not in body


def test_open_listing_is_not_marked_closed(client):
    body = client.get(OpportunityFactory().get_absolute_url()).content.decode()

    assert "Closed:" not in body


def test_drafts_are_404_to_everyone_but_staff(client, student, advisor, career_admin):
    draft = OpportunityFactory(draft=True)
    url = draft.get_absolute_url()

    assert client.get(url).status_code == 404
    for user in (student, advisor):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(career_admin)
    response = client.get(url)
    assert response.status_code == 200
    assert "only staff can see this listing" in response.content.decode()


def test_related_listings_are_open_and_not_the_listing_itself(client):
    listing = OpportunityFactory(industry__slug="healthcare")
    same_both = OpportunityFactory(title="Same both", industry__slug="healthcare")
    same_industry = OpportunityFactory(
        title="Same industry", industry__slug="healthcare", format__slug="internship"
    )
    OpportunityFactory(title="Closed related", industry__slug="healthcare", closed=True)
    OpportunityFactory(title="Other industry", industry__slug="finance")

    response = client.get(listing.get_absolute_url())

    assert response.context["related_listings"]() == [same_both, same_industry]
    body = response.content.decode()
    assert body.index("Same both") < body.index("Same industry")
    assert "Closed related" not in body
    assert "Other industry" not in body


def test_student_sees_the_save_button(client, student):
    listing = OpportunityFactory()
    client.force_login(student)

    body = client.get(listing.get_absolute_url()).content.decode()

    assert f'action="{save_url(listing)}"' in body
    assert 'name="action" value="save"' in body


def test_other_roles_and_visitors_see_no_save_button(client, advisor):
    listing = OpportunityFactory()

    body = client.get(listing.get_absolute_url()).content.decode()
    assert "Save this listing" not in body
    assert "Log in as a student" in body

    client.force_login(advisor)
    assert "Save this listing" not in client.get(listing.get_absolute_url()).content.decode()


# --- save and unsave ------------------------------------------------------------------------


def test_student_saves_and_unsaves(client, student):
    listing = OpportunityFactory()
    client.force_login(student)

    response = client.post(save_url(listing), {"action": "save"})
    assert response.status_code == 302
    assert response["Location"] == listing.get_absolute_url()
    assert SavedOpportunity.objects.filter(user=student, opportunity=listing).exists()
    body = client.get(listing.get_absolute_url()).content.decode()
    assert "Remove from saved" in body

    client.post(save_url(listing), {"action": "save"})  # a second click changes nothing
    assert SavedOpportunity.objects.filter(user=student).count() == 1

    client.post(save_url(listing), {"action": "unsave"})
    assert not SavedOpportunity.objects.filter(user=student).exists()


def test_save_returns_to_a_safe_next_page_only(client, student):
    listing = OpportunityFactory()
    client.force_login(student)

    response = client.post(save_url(listing), {"action": "save", "next": "/opportunities/?q=x"})
    assert response["Location"] == "/opportunities/?q=x"

    response = client.post(
        save_url(listing), {"action": "unsave", "next": "https://evil.example.com/"}
    )
    assert response["Location"] == listing.get_absolute_url()


def test_save_with_htmx_answers_with_the_button(client, student):
    listing = OpportunityFactory()
    client.force_login(student)

    response = client.post(save_url(listing), {"action": "save"}, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith("<form")
    assert "Remove from saved" in body
    assert "Saved." in body


def test_anonymous_save_goes_to_login_and_saves_nothing(client):
    listing = OpportunityFactory()

    response = client.post(save_url(listing), {"action": "save"})

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={listing.get_absolute_url()}"
    assert not SavedOpportunity.objects.exists()


def test_advisor_and_admin_cannot_save(client, advisor, career_admin):
    listing = OpportunityFactory()
    for user in (advisor, career_admin, UserFactory()):
        client.force_login(user)
        assert client.post(save_url(listing), {"action": "save"}).status_code == 403
    assert not SavedOpportunity.objects.exists()


def test_save_is_post_only(client, student):
    listing = OpportunityFactory()
    client.force_login(student)

    assert client.get(save_url(listing)).status_code == 405
    assert not SavedOpportunity.objects.exists()


def test_save_needs_a_clear_action(client, student):
    listing = OpportunityFactory()
    client.force_login(student)

    assert client.post(save_url(listing), {"action": "toggle"}).status_code == 400
    assert not SavedOpportunity.objects.exists()


def test_closed_listing_cannot_be_saved_but_can_be_unsaved(client, student):
    listing = OpportunityFactory()
    SavedOpportunityFactory(user=student, opportunity=listing)
    other = OpportunityFactory(expired=True)
    listing.status = Status.CLOSED
    listing.save()
    client.force_login(student)

    client.post(save_url(other), {"action": "save"})
    assert not SavedOpportunity.objects.filter(opportunity=other).exists()
    body = client.get(listing.get_absolute_url()).content.decode()
    assert "Remove from saved" in body  # still removable

    client.post(save_url(listing), {"action": "unsave"})
    assert not SavedOpportunity.objects.exists()


def test_draft_cannot_be_saved(client, student):
    draft = OpportunityFactory(draft=True)
    client.force_login(student)

    assert client.post(save_url(draft), {"action": "save"}).status_code == 404


# --- the saved list -------------------------------------------------------------------------


def test_saved_list_shows_only_my_saved_listings(client, student):
    mine = SavedOpportunityFactory(user=student, opportunity__title="Mine").opportunity
    SavedOpportunityFactory(opportunity__title="Someone else's")
    closed = SavedOpportunityFactory(
        user=student,
        opportunity=OpportunityFactory(
            title="Gone", deadline=timezone.localdate() - timedelta(days=3)
        ),
    ).opportunity
    client.force_login(student)

    response = client.get("/opportunities/saved/")

    assert response.status_code == 200
    listed = [s.opportunity for s in response.context["page"].object_list]
    assert set(listed) == {mine, closed}
    body = response.content.decode()
    assert "Someone else" not in body
    assert 'badge text-bg-secondary">Closed</span>' in body
    assert body.count("Remove from saved") == 2


def test_saved_list_is_empty_at_first(client, student):
    client.force_login(student)

    body = client.get("/opportunities/saved/").content.decode()

    assert "You have not saved any listings yet." in body


def test_saved_list_needs_a_student(client, advisor):
    response = client.get("/opportunities/saved/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

    client.force_login(advisor)
    assert client.get("/opportunities/saved/").status_code == 403


def test_saved_list_query_count_is_fixed(client, student, django_assert_max_num_queries):
    for _ in range(15):
        SavedOpportunityFactory(user=student, opportunity=OpportunityFactory(skills=["sql"]))
    client.force_login(student)

    # session, user, role groups, count, rows, skills (plus a savepoint or two on some DBs)
    with django_assert_max_num_queries(8):
        assert client.get("/opportunities/saved/").status_code == 200


def test_a_listing_that_states_little_says_not_stated_on_its_page_and_card(client):
    listing = OpportunityFactory(
        title="Quant research intern",
        unstated=True,
        industry=None,
        summary="",
        description="",
        locations=["New York, NY", "Remote in USA"],
        terms=["Summer 2099"],
        sponsorship="citizenship_required",
    )

    page = client.get(listing.get_absolute_url()).content.decode()
    card = client.get("/opportunities/").content.decode()

    text = " ".join(page.split())
    for row in ("Duration", "Hours per week", "Compensation", "Work mode", "Starts"):
        assert f'<th scope="row">{row}</th><td>Not stated</td>' in text, row
    assert '<th scope="row">Locations</th><td>New York, NY; Remote in USA</td>' in text
    assert '<th scope="row">Terms</th><td>Summer 2099</td>' in text
    assert '<th scope="row">Visa sponsorship</th><td>Requires citizenship</td>' in text
    assert "Deadline: <strong>Not stated</strong>" in text
    assert "The posting gives no description" in text
    card = " ".join(card.split())
    for fact in (
        "New York, NY; Remote in USA (work mode not stated)",
        "Hours a week: Not stated",
        "Duration: Not stated",
        "Pay: Not stated",
        "Deadline: Not stated",
        "Summer 2099",
        "Requires citizenship",
    ):
        assert fact in card, fact
    assert "None" not in card and "None" not in text


def test_a_stated_listing_shows_its_facts_not_not_stated(client):
    listing = OpportunityFactory(locations=["Boston, MA"], work_mode="onsite")

    page = " ".join(client.get(listing.get_absolute_url()).content.decode().split())
    card = " ".join(client.get("/opportunities/").content.decode().split())

    assert "On site: Boston, MA" in card
    assert "Not stated" not in card
    assert '<th scope="row">Locations</th><td>Boston, MA</td>' in page
    assert "Apply by <strong>" in page
