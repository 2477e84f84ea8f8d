"""Recording, editing and sharing a recommendation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from advising.models import Recommendation, RecommendationItem, RecommendationStatus
from advising.recommendations import ItemData, save_recommendation
from opportunities.models import Opportunity
from tests.advising.recommendations.form_data import add_url, line, management, recommendation
from tests.factories import (
    OpportunityFactory,
    RecommendationFactory,
    RecommendationItemFactory,
    create_catalogue,
    today,
)

pytestmark = pytest.mark.django_db


# --- the form -----------------------------------------------------------------------------------


def test_the_form_is_pre_filled_from_the_suggestion(advisor_client, profile, formats):
    first = advisor_client.get(add_url(profile)).context["advice"].windows[0].suggestions[0]
    slot = first.suggestion
    listing = OpportunityFactory(
        format=formats[slot.format],
        weekly_hours_min=slot.weekly_hours,
        weekly_hours_max=slot.weekly_hours,
        duration_weeks=None,
        total_hours=slot.hours_each,
        deadline=today(),  # the soonest closing: among the five shown
    )

    response = advisor_client.get(add_url(profile))

    assert response.status_code == 200
    formset = response.context["formset"]
    advice = response.context["advice"]
    suggested = [
        (w.window_id, m.suggestion.format, m.suggestion.count)
        for w in advice.windows
        for m in w.suggestions
    ]
    forms = formset.forms
    assert len(forms) == len(suggested) + 1  # one blank line to add another
    prefilled = [
        (f.initial["window"], f.formats[f.initial["format"]].slug, f.initial["count"])
        for f in forms[:-1]
    ]
    assert prefilled == suggested
    assert all(f.initial["rationale"] for f in forms[:-1])
    line = next(f for f in forms if f.initial.get("format") == listing.format_id)
    assert listing.pk in dict(line.fields["picked"].choices)
    body = response.content.decode()
    assert "Save draft" in body and "Share with student" in body


def test_a_suggested_listing_without_a_deadline_is_offered_saying_so(
    advisor_client, profile, formats
):
    Opportunity.objects.all().delete()  # this listing alone, so that it is among those shown
    first = advisor_client.get(add_url(profile)).context["advice"].windows[0]
    assert not first.suggestions  # no open listing yet
    listing = OpportunityFactory(
        format=formats["micro-internship"], weekly_hours_min=2, weekly_hours_max=4, deadline=None
    )

    response = advisor_client.get(add_url(profile))

    line = next(
        f for f in response.context["formset"] if f.initial.get("format") == listing.format_id
    )
    label = dict(line.fields["picked"].choices)[listing.pk]
    assert label.endswith(f"deadline not stated (#{listing.pk})")


def test_the_listing_field_is_never_a_select_of_every_listing(advisor_client, profile):
    for _ in range(30):
        OpportunityFactory(format=create_catalogue()["internship"], work_mode="onsite")

    body = advisor_client.get(add_url(profile)).content.decode()

    assert 'name="items-0-listing_ids"' in body
    assert body.count("<option") < 200


# --- create -------------------------------------------------------------------------------------


def test_save_a_draft_with_its_lines(advisor_client, advisor, profile, formats):
    spring, summer = profile.windows.order_by("id")
    listing = OpportunityFactory(format=formats["micro-internship"])
    data = (
        recommendation(notes="Busy spring, free summer.")
        | management(3)
        | line(0, fmt=formats["micro-internship"], window=spring, count=2, listings=str(listing.pk))
        | line(1, fmt=formats["internship"], window=summer, rationale="Depth in the summer.")
        | line(2, fmt=formats["nano-internship"], delete=True)
        | {"draft": ""}
    )

    response = advisor_client.post(add_url(profile), data)

    assert response.status_code == 302
    assert response.url == reverse("advising:student", args=[profile.pk])
    saved = Recommendation.objects.get()
    assert (saved.status, saved.advisor, saved.profile) == ("draft", advisor, profile)
    assert saved.notes == "Busy spring, free summer."
    first, second = saved.items.order_by("id")
    assert (first.window, first.window_label, first.format.slug, first.count) == (
        spring,
        "Spring term",
        "micro-internship",
        2,
    )
    assert list(first.opportunities.all()) == [listing]
    assert (second.window_label, second.rationale) == ("Summer", "Depth in the summer.")


def test_untouched_pre_filled_lines_are_saved(advisor_client, profile):
    page = advisor_client.get(add_url(profile))
    formset = page.context["formset"]
    data = recommendation() | {"share": ""}
    data |= management(len(formset.forms))
    for i, form in enumerate(formset.forms):
        for name in form.fields:
            value = form[name].value()
            if value not in (None, "") and name != "picked":
                data[f"items-{i}-{name}"] = str(value)

    response = advisor_client.post(add_url(profile), data)

    assert response.status_code == 302
    saved = Recommendation.objects.get()
    assert saved.status == RecommendationStatus.SHARED
    assert saved.shared_at is not None
    assert saved.items.count() == len(formset.forms) - 1


def test_share_straight_away(advisor_client, profile, formats):
    data = recommendation() | management(1) | line(0, fmt=formats["internship"]) | {"share": ""}

    advisor_client.post(add_url(profile), data)

    saved = Recommendation.objects.get()
    assert saved.status == RecommendationStatus.SHARED
    assert saved.items.get().window_label == "Any time"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        pytest.param({"next_step": ""}, "next_step", "This field is required", id="no-next-step"),
        pytest.param(
            {"follow_up_on": "2001-01-01"}, "follow_up_on", "cannot be in the past", id="past"
        ),
        pytest.param({"items-1-count": "11"}, "count", "less than or equal to 10", id="count"),
        pytest.param({"items-1-count": "0"}, "count", "greater than or equal to 1", id="zero"),
        pytest.param({"items-1-format": "999999"}, "format", "valid choice", id="format"),
        pytest.param({"items-1-window": "999999"}, "window", "valid choice", id="window"),
        pytest.param(
            {"items-1-listing_ids": "12, abc"}, "listing_ids", "abc is not one", id="not-ids"
        ),
        pytest.param(
            {"items-1-listing_ids": "999999"}, "listing_ids", "Not an open listing", id="unknown"
        ),
    ],
)
def test_an_invalid_value_saves_nothing(advisor_client, profile, formats, change, field, message):
    data = (
        recommendation()
        | management(2)
        | line(0, fmt=formats["micro-internship"], count=2)
        | line(1, fmt=formats["internship"])
        | {"share": ""}
        | change
    )

    response = advisor_client.post(add_url(profile), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Recommendation.objects.count() == 0
    assert RecommendationItem.objects.count() == 0


@pytest.mark.parametrize("kind", ["closed", "expired", "draft", "wrong-format"])
def test_a_listing_that_cannot_be_recommended_saves_nothing(advisor_client, profile, formats, kind):
    listing = {
        "closed": lambda: OpportunityFactory(closed=True),
        "expired": lambda: OpportunityFactory(expired=True),
        "draft": lambda: OpportunityFactory(draft=True),
        "wrong-format": lambda: OpportunityFactory(format=formats["internship"]),
    }[kind]()
    data = (
        recommendation()
        | management(2)
        | line(0, fmt=formats["internship"])
        | line(1, fmt=formats["micro-internship"], listings=f"#{listing.pk}")
    )

    response = advisor_client.post(add_url(profile), data)

    errors = response.context["formset"].forms[1].errors["listing_ids"]
    assert errors
    assert Recommendation.objects.count() == 0


def test_a_recommendation_needs_at_least_one_line(advisor_client, profile, formats):
    data = recommendation() | management(1) | line(0, fmt=formats["internship"], delete=True)

    response = advisor_client.post(add_url(profile), data)

    assert "Recommend at least one format." in response.content.decode()
    assert Recommendation.objects.count() == 0


def test_the_service_rolls_back_everything_when_a_line_is_invalid(advisor, profile, formats):
    """The database refuses the third line: the recommendation and the first two are gone."""
    draft = Recommendation(profile=profile, advisor=advisor, next_step="Apply.")
    items = [
        ItemData(format=formats["micro-internship"], count=2),
        ItemData(format=formats["internship"], count=1),
        ItemData(format=formats["nano-internship"], count=11),
    ]

    with pytest.raises(ValidationError, match="Between 1 and 10"):
        save_recommendation(draft, items=items, share=True)

    assert Recommendation.objects.count() == 0
    assert RecommendationItem.objects.count() == 0
    assert draft.pk is None and draft.status == RecommendationStatus.DRAFT


def test_editing_keeps_the_old_lines_when_a_new_one_is_invalid(advisor, profile, formats):
    draft = RecommendationFactory(profile=profile, next_step="Old step.")
    RecommendationItemFactory(recommendation=draft, count=3)
    draft.next_step = "New step."

    with pytest.raises(ValidationError):
        save_recommendation(draft, items=[ItemData(format=formats["internship"], count=0)])

    draft.refresh_from_db()
    assert draft.next_step == "Old step."
    assert [item.count for item in draft.items.all()] == [3]


# --- edit and share -----------------------------------------------------------------------------


def test_edit_a_draft(advisor_client, profile, formats):
    draft = RecommendationFactory(profile=profile)
    old = RecommendationItemFactory(recommendation=draft, format=formats["micro-internship"])
    edit = reverse("advising:recommendation_edit", args=[draft.pk])

    page = advisor_client.get(edit)
    assert page.status_code == 200
    assert len(page.context["formset"].forms) == 2  # the stored line and a blank one
    data = (
        recommendation(next_step="Start with one flashternship.")
        | management(2, initial=1)
        | {"items-0-id": str(old.pk), "items-0-recommendation": str(draft.pk)}
        | line(0, fmt=formats["micro-internship"], delete=True)
        | line(1, fmt=formats["flashternship"], count=3)
        | {"draft": ""}
    )
    response = advisor_client.post(edit, data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == RecommendationStatus.DRAFT
    assert draft.next_step == "Start with one flashternship."
    assert [(i.format.slug, i.count) for i in draft.items.all()] == [("flashternship", 3)]


def test_a_shared_recommendation_cannot_be_edited(advisor_client, profile, formats):
    shared = RecommendationFactory(profile=profile, shared=True, next_step="Kept.")
    edit = reverse("advising:recommendation_edit", args=[shared.pk])

    response = advisor_client.post(
        edit, recommendation(next_step="Changed.") | management(0), follow=True
    )

    assert "cannot be changed" in response.content.decode()
    shared.refresh_from_db()
    assert shared.next_step == "Kept."


def test_share_a_draft(advisor_client, profile):
    draft = RecommendationFactory(profile=profile)
    RecommendationItemFactory(recommendation=draft)
    share = reverse("advising:recommendation_share", args=[draft.pk])

    assert advisor_client.get(share).status_code == 405
    draft.refresh_from_db()
    assert draft.status == RecommendationStatus.DRAFT

    response = advisor_client.post(share, follow=True)

    draft.refresh_from_db()
    assert draft.status == RecommendationStatus.SHARED
    assert draft.shared_at is not None
    assert "shared with the student" in response.content.decode()
    again = advisor_client.post(share, follow=True)
    assert "already shared" in again.content.decode()
