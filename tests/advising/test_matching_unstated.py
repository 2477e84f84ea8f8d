"""What a listing does not state, in the listing match (`advising.matching`)."""

import re
from decimal import Decimal

import pytest

from advising import engine, matching
from advising import policy as advising_policy
from advising.inputs import catalogue, engine_profile
from opportunities import catalogue as opportunity_catalogue
from opportunities.models import Format
from tests.advising.matching_helpers import days, only, shown
from tests.factories import (
    AvailabilityWindowFactory,
    OpportunityFactory,
    SkillFactory,
    StudentProfileFactory,
)

pytestmark = pytest.mark.django_db


# --- what a listing does not state ----------------------------------------------------------------


def _remote_student(**fields):
    profile = StudentProfileFactory(**{"needs_pay": False, "work_modes": ["remote"]} | fields)
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    return profile


def test_unstated_hours_and_length_are_judged_by_the_format_minimums(formats):
    """12 weeks × 15 h/week in term: a micro-internship's slot is 10 h/week over 2 weeks, 20 h.
    A listing stating no hours a week fits when its format's typical minimum does; one stating
    neither weeks nor total hours, when the format's minimum weeks and total hours do. A
    listing's own stated values are judged as they are."""
    (fmt,) = only(formats, "micro-internship")
    inputs = engine_profile(_remote_student())
    cat = catalogue()
    policy = advising_policy.current()
    plan = engine.suggest(inputs.profile, cat.specs, policy)
    (suggestion,) = plan.windows[0].suggestions
    assert (suggestion.weekly_hours, suggestion.weeks, suggestion.hours_each) == (10, 2, 20)
    no_hours = OpportunityFactory(format=fmt, weekly_hours_min=None, weekly_hours_max=None)
    no_length = OpportunityFactory(format=fmt, duration_weeks=None, total_hours=None)
    stated = OpportunityFactory(format=fmt, weekly_hours_min=2, weekly_hours_max=4)

    def shown(**typical):
        Format.objects.filter(pk=fmt.pk).update(
            **{"weekly_hours_min": 1, "weeks_min": Decimal("0.1"), "total_hours_min": 1} | typical
        )
        opportunity_catalogue.clear()  # update() sends no signal
        matched = matching.matching_listings(inputs, plan, catalogue(), limit=10)
        return {m.pk for m in matched.get((0, fmt.slug), [])}

    assert shown() == {no_hours.pk, no_length.pk, stated.pk}
    assert shown(weekly_hours_min=11) == {no_length.pk, stated.pk}
    assert shown(weeks_min=3, weeks_max=3) == {no_hours.pk, stated.pk}
    assert shown(total_hours_min=21) == {no_hours.pk, stated.pk}


def test_a_student_who_needs_pay_never_sees_a_listing_that_does_not_state_pay(formats):
    (fmt,) = only(formats, "micro-internship")
    profile = _remote_student(needs_pay=True, credit_ok=True)
    paid = OpportunityFactory(format=fmt, compensation_type="hourly")
    unstated = OpportunityFactory(format=fmt, compensation_type="", compensation_amount=None)

    assert shown(profile)["micro-internship"] == [paid.pk]
    profile.needs_pay = False
    profile.save()
    assert sorted(shown(profile)["micro-internship"]) == sorted([paid.pk, unstated.pk])
    profile.can_be_paid = False
    profile.save()
    assert "micro-internship" not in shown(profile)  # pay not stated may be pay: never shown


def test_a_listing_without_a_deadline_is_matched_after_those_with_one(formats, monkeypatch):
    (fmt,) = only(formats, "micro-internship")
    profile = _remote_student()
    none = OpportunityFactory(format=fmt, deadline=None)
    late = OpportunityFactory(format=fmt, deadline=days(90))
    soon = OpportunityFactory(format=fmt, deadline=days(3))

    assert shown(profile, limit=10)["micro-internship"] == [soon.pk, late.pk, none.pk]
    monkeypatch.setattr(matching, "CANDIDATES_PER_SUGGESTION", 2)
    # The candidates (and the counts) are the dated ones first.
    assert shown(profile, limit=10)["micro-internship"] == [soon.pk, late.pk]


def test_demo_listings_never_outrank_real_ones(formats, monkeypatch):
    (fmt,) = only(formats, "micro-internship")
    python = SkillFactory(slug="python")
    profile = _remote_student(skills_to_build=[python])
    demo = OpportunityFactory(format=fmt, demo=True, skills=[python], deadline=days(1))
    real = OpportunityFactory(format=fmt, deadline=days(60))

    assert shown(profile, limit=10)["micro-internship"] == [real.pk, demo.pk]
    monkeypatch.setattr(matching, "CANDIDATES_PER_SUGGESTION", 1)
    assert shown(profile, limit=10)["micro-internship"] == [real.pk]


@pytest.mark.parametrize(
    ("modes", "expected"),
    [
        (["remote"], {"remote_location"}),
        (["onsite"], set()),
        (["onsite", "hybrid"], set()),
        (["onsite", "remote", "hybrid"], {"remote_location", "somewhere"}),
    ],
)
def test_a_listing_that_does_not_state_its_work_mode_meets_only_a_preference_it_cannot_miss(
    formats, modes, expected
):
    (fmt,) = only(formats, "micro-internship")
    profile = _remote_student(work_modes=modes)
    listings = {
        "remote_location": OpportunityFactory(
            format=fmt, work_mode="", locations=["Remote in USA"]
        ),
        "somewhere": OpportunityFactory(format=fmt, work_mode="", locations=["Boston, MA"]),
    }

    found = shown(profile, limit=10).get("micro-internship", [])

    assert set(found) == {listings[name].pk for name in expected}


def test_a_matched_line_says_what_the_listing_does_not_state(formats, student_client, student):
    (fmt,) = only(formats, "micro-internship")
    profile = StudentProfileFactory(user=student, needs_pay=False, work_modes=[])
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    OpportunityFactory(format=fmt, unstated=True, title="Quiet posting", industry=None)

    body = student_client.get("/me/").content.decode()

    line = re.search(r"<li>\s*<a [^>]*>Quiet posting</a>.*?</li>", body, re.S)
    assert line, "the listing is matched and shown"
    text = " ".join(line.group(0).split())
    for said in ("work mode not stated", "pay not stated", "hours not stated"):
        assert said in text
    assert "deadline not stated" in text
