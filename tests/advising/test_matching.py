"""Engine plan in, listings out (`advising.matching`): hard filters, ranking, limits and the
queries they cost."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advising import engine, matching
from advising.inputs import catalogue, engine_profile
from opportunities import catalogue as opportunity_catalogue
from opportunities.models import Format
from tests.factories import (
    AvailabilityWindowFactory,
    ExperienceFactory,
    IndustryFactory,
    OpportunityFactory,
    SkillFactory,
    StudentProfileFactory,
    today,
)

pytestmark = pytest.mark.django_db


def days(n):
    return today() + datetime.timedelta(days=n)


def first_suggestion(profile):
    """The format the engine puts first in the first window (listings do not change the plan)."""
    return matching.advise_student(profile).windows[0].suggestions[0].suggestion.format


# --- hard filters -------------------------------------------------------------------------------


def test_hard_filters_are_never_just_ranking(formats):
    """A remote-only student who needs pay never sees unpaid, credit, on-site or closed work."""
    profile = StudentProfileFactory(
        career_clarity="narrowing",
        learning_goal="targeted",
        needs_pay=True,
        credit_ok=False,
        work_modes=["remote"],
    )
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    good, bad = [], []
    for fmt in formats.values():

        def make(fmt=fmt, **kw):
            return OpportunityFactory(format=fmt, **kw)

        good.append(make(compensation_type="hourly"))
        good.append(make(compensation_type="stipend", deadline=today()))  # closes today: open
        bad += [
            make(compensation_type="unpaid"),
            make(compensation_type="credit"),
            make(work_mode="onsite"),
            make(work_mode="hybrid"),
            make(expired=True),
            make(draft=True),
            make(closed=True),
            make(weekly_hours_min=16, weekly_hours_max=20),  # more than the window's 15 h/week
            make(duration_weeks=13),  # longer than the 12-week window
            make(duration_weeks=None, total_hours=181),  # more than 12 × 15 h in total
        ]

    advice = matching.advise_student(profile)

    shown = {o.pk for w in advice.windows for m in w.suggestions for o in m.listings}
    suggested = {m.suggestion.format for w in advice.windows for m in w.suggestions}
    assert suggested
    assert shown == {o.pk for o in good if o.format.slug in suggested}
    assert not shown & {o.pk for o in bad}
    for window in advice.windows:
        for matched in window.suggestions:
            assert all(o.format.slug == matched.suggestion.format for o in matched.listings)


def test_a_window_with_part_weeks_fits_listings_up_to_its_whole_hours(formats):
    """2.5 weeks at 7 h/week is 17.5 h: a listing of 17 h fits, one of 18 h does not."""
    profile = StudentProfileFactory(needs_pay=False)
    AvailabilityWindowFactory(profile=profile, label="Sprint", weeks=Decimal("2.5"), weekly_hours=7)
    slug = first_suggestion(profile)

    def listing(**fields):
        return OpportunityFactory(
            format=formats[slug], work_mode="remote", duration_weeks=None, **fields
        )

    fits = [listing(total_hours=17, weekly_hours_min=7), listing(total_hours=5)]
    too_much = [listing(total_hours=18), listing(total_hours=10, weekly_hours_min=8)]

    shown = {
        o.pk for o in matching.advise_student(profile, limit=10).windows[0].suggestions[0].listings
    }

    assert shown == {o.pk for o in fits}
    assert not shown & {o.pk for o in too_much}


def test_credit_is_accepted_when_the_student_says_so(formats):
    profile = StudentProfileFactory(needs_pay=True, credit_ok=True, work_modes=["remote"])
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    slug = first_suggestion(profile)
    credit = OpportunityFactory(format=formats[slug], compensation_type="credit")
    unpaid = OpportunityFactory(format=formats[slug], compensation_type="unpaid")

    listings = matching.advise_student(profile).windows[0].suggestions[0].listings

    assert [o.pk for o in listings] == [credit.pk]
    assert unpaid.pk not in {o.pk for o in listings}


def test_no_need_for_pay_shows_unpaid_listings_too(formats):
    profile = StudentProfileFactory(needs_pay=False)
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    slug = first_suggestion(profile)
    unpaid = OpportunityFactory(
        format=formats[slug], compensation_type="unpaid", work_mode="onsite"
    )

    listings = matching.advise_student(profile).windows[0].suggestions[0].listings

    assert [o.pk for o in listings] == [unpaid.pk]


# --- ranking ------------------------------------------------------------------------------------


def test_listings_rank_by_skills_then_industry_then_deadline(formats):
    technology = IndustryFactory(slug="technology", name="Technology")
    media = IndustryFactory(slug="media", name="Media")
    python, sql, writing = (SkillFactory(slug=s) for s in ("python", "sql", "writing"))
    profile = StudentProfileFactory(
        career_clarity="narrowing",
        learning_goal="targeted",
        target_industries=[technology],
        skills_to_build=[python, sql],
    )
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    fmt = formats[first_suggestion(profile)]

    def listing(**kw):
        return OpportunityFactory(**{"format": fmt, "industry": media} | kw)

    late_industry = listing(industry=technology, deadline=days(60))
    soon_plain = listing(deadline=days(2))
    one_skill = listing(skills=[python, writing], deadline=days(50))
    two_skills = listing(skills=[python, sql], deadline=days(90))
    soon_industry = listing(industry=technology, deadline=days(5))
    other_skill = listing(skills=[writing], deadline=days(1))

    listings = matching.advise_student(profile, limit=10).windows[0].suggestions[0].listings

    assert [o.pk for o in listings] == [
        two_skills.pk,
        one_skill.pk,
        soon_industry.pk,
        late_industry.pk,
        other_skill.pk,
        soon_plain.pk,
    ]


def test_each_suggestion_gets_at_most_limit_listings(formats):
    profile = StudentProfileFactory()
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    slug = first_suggestion(profile)
    soonest = [OpportunityFactory(format=formats[slug], deadline=days(n)) for n in range(1, 8)]

    listings = matching.advise_student(profile, limit=3).windows[0].suggestions[0].listings

    assert [o.pk for o in listings] == [o.pk for o in soonest[:3]]


def test_windows_get_their_own_listings(formats):
    """A listing too heavy for the busy window still shows in the free one."""
    profile = StudentProfileFactory(career_clarity="exploring")
    AvailabilityWindowFactory(profile=profile, label="Spring", weeks=14, weekly_hours=6)
    AvailabilityWindowFactory(profile=profile, label="Summer", weeks=10, weekly_hours=40)
    advice = matching.advise_student(profile)
    spring = {m.suggestion.format for m in advice.windows[0].suggestions}
    summer = {m.suggestion.format for m in advice.windows[1].suggestions}
    both = sorted(spring & summer)
    assert both, "the exploring student gets a short format in both windows"
    fmt = formats[both[0]]
    light = OpportunityFactory(format=fmt, weekly_hours_min=2, weekly_hours_max=5)
    heavy = OpportunityFactory(format=fmt, weekly_hours_min=12, weekly_hours_max=20)

    advice = matching.advise_student(profile)

    def shown(k):
        matched = next(m for m in advice.windows[k].suggestions if m.suggestion.format == fmt.slug)
        return [o.pk for o in matched.listings]

    assert shown(0) == [light.pk]
    assert shown(1) == [light.pk, heavy.pk]


def test_ranking_looks_at_a_bounded_number_of_candidates(formats, monkeypatch):
    """Only the soonest-closing candidates are ranked, so the work per student stays bounded."""
    python = SkillFactory(slug="python")
    profile = StudentProfileFactory(skills_to_build=[python])
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    fmt = formats[first_suggestion(profile)]
    soon = [OpportunityFactory(format=fmt, deadline=days(n)) for n in (1, 2, 3)]
    OpportunityFactory(format=fmt, deadline=days(40), skills=[python])
    monkeypatch.setattr(matching, "CANDIDATES_PER_SUGGESTION", 3)

    listings = matching.advise_student(profile).windows[0].suggestions[0].listings

    assert [o.pk for o in listings] == [o.pk for o in soon]


# --- cost ---------------------------------------------------------------------------------------


def _queries(profile):
    with CaptureQueriesContext(connection) as ctx:
        advice = matching.advise_student(profile)
    return len(ctx), advice


def test_the_query_count_is_constant(formats, django_assert_max_num_queries):
    skills = [SkillFactory() for _ in range(6)]
    industries = [IndustryFactory() for _ in range(3)]
    small = StudentProfileFactory(skills_to_build=skills[:1])
    AvailabilityWindowFactory(profile=small, label="Term", weeks=12, weekly_hours=15)
    big = StudentProfileFactory(skills_to_build=skills, target_industries=industries)
    for label, weeks, hours in (("A", 14, 6), ("B", 10, 40), ("C", 3, 20), ("D", 8, 12)):
        AvailabilityWindowFactory(profile=big, label=label, weeks=weeks, weekly_hours=hours)
    for i in range(3):
        ExperienceFactory(profile=big, format=formats["internship"], industry=industries[i])
    for fmt in formats.values():
        for n in range(4):
            OpportunityFactory(
                format=fmt,
                deadline=days(n + 1),
                skills=skills[n : n + 2],
                weekly_hours_min=2,
                weekly_hours_max=6,
            )

    _queries(small)  # warm-up: the catalogue of formats each process keeps
    small_count, _ = _queries(small)
    with django_assert_max_num_queries(8):
        big_count, advice = _queries(big)

    assert big_count == small_count
    assert sum(len(m.listings) for w in advice.windows for m in w.suggestions) > 10


@pytest.mark.postgres
@pytest.mark.parametrize("limit", [1, 3, 5])
def test_the_lateral_ranking_gives_the_rows_of_the_union_ranking(formats, limit):
    """PostgreSQL ranks with one LATERAL join (`_ranked_lateral`), SQLite with a UNION ALL of
    one part per suggestion (`_ranked_union`); both are valid on PostgreSQL and must agree."""
    skills = [SkillFactory() for _ in range(5)]
    industries = [IndustryFactory() for _ in range(4)]
    student = StudentProfileFactory(
        skills_to_build=skills[:3], target_industries=industries[:2], work_modes=[]
    )
    for label, weeks, hours in (("A", 14, 6), ("B", 10, 40), ("C", 3, 20), ("D", 8, 12)):
        AvailabilityWindowFactory(profile=student, label=label, weeks=weeks, weekly_hours=hours)
    for fmt in formats.values():
        for n in range(15):
            hours = None if n % 7 == 3 else 2 + n % 4 * 5  # some state no hours
            OpportunityFactory(
                format=fmt,
                industry=industries[n % 4],
                # Ties on the deadline, broken by id; some state none.
                deadline=None if n % 6 == 5 else days(1 + n % 5),
                skills=skills[n % 5 : n % 5 + n % 3],
                weekly_hours_min=hours,
                weekly_hours_max=None if hours is None else 40,
                duration_weeks=None if n % 3 == 0 or n == 13 else 2 + n,
                total_hours=None if n == 13 else 10 * (n + 1) if n % 3 == 0 or n % 2 else None,
                is_demo=n % 4 == 1,
            )
    inputs = engine_profile(student)
    cat = catalogue()
    _, specs = matching._specs(inputs, engine.suggest(inputs.profile, cat.specs), cat)
    eligible = matching._eligible(
        "default", "postgresql", today(), None, tuple(inputs.profile.work_modes)
    )

    found = []
    for ranking in (matching._ranked_union, matching._ranked_lateral):
        sql, params = ranking(eligible, specs, inputs.skill_ids, limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found.append(sorted(cursor.fetchall()))

    assert len(specs) >= 6
    assert len(found[0]) > 2 * len(specs) if limit > 1 else len(found[0]) > len(specs) // 2
    assert found[0] == found[1]


def test_a_profile_without_windows_costs_no_listing_query(formats):
    profile = StudentProfileFactory()
    _queries(profile)  # warm-up: the catalogue of formats each process keeps
    count, advice = _queries(profile)

    assert advice.windows == ()
    assert advice.is_empty
    assert count == 4  # windows, industries, skills, history


# --- what a listing does not state ----------------------------------------------------------------


def _remote_student(**fields):
    profile = StudentProfileFactory(**{"needs_pay": False, "work_modes": ["remote"]} | fields)
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    return profile


def test_unstated_hours_and_length_are_judged_by_the_format_minimums(formats):
    """12 weeks × 15 h/week. A listing stating no hours a week fits when its format's typical
    minimum does; one stating neither weeks nor total hours, when the format's minimum weeks
    and total hours do. A listing's own stated values are judged as they are."""
    inputs = engine_profile(_remote_student())
    plan = engine.suggest(inputs.profile, catalogue().specs)
    slug = plan.windows[0].suggestions[0].format
    fmt = formats[slug]
    no_hours = OpportunityFactory(format=fmt, weekly_hours_min=None, weekly_hours_max=None)
    no_length = OpportunityFactory(format=fmt, duration_weeks=None, total_hours=None)
    stated = OpportunityFactory(format=fmt, weekly_hours_min=2, weekly_hours_max=4)

    def shown(**typical):
        Format.objects.filter(pk=fmt.pk).update(
            **{
                "weekly_hours_min": 1,
                "weekly_hours_max": 20,
                "weeks_min": Decimal("0.1"),
                "weeks_max": 20,
                "total_hours_min": 1,
                "total_hours_max": 400,
            }
            | typical
        )
        opportunity_catalogue.clear()  # update() sends no signal
        matched = matching.matching_listings(inputs, plan, catalogue(), limit=10)
        return {pk for pk, _ in matched.get((0, slug), [])}

    assert shown() == {no_hours.pk, no_length.pk, stated.pk}
    assert shown(weekly_hours_min=16) == {no_length.pk, stated.pk}
    assert shown(weeks_min=13) == {no_hours.pk, stated.pk}
    assert shown(total_hours_min=181) == {no_hours.pk, stated.pk}  # 12 × 15 = 180


def test_a_student_who_needs_pay_never_sees_a_listing_that_does_not_state_pay(formats):
    profile = _remote_student(needs_pay=True, credit_ok=True)
    fmt = formats[first_suggestion(profile)]
    paid = OpportunityFactory(format=fmt, compensation_type="hourly")
    unstated = OpportunityFactory(format=fmt, compensation_type="", compensation_amount=None)

    def shown():
        listings = matching.advise_student(profile).windows[0].suggestions[0].listings
        return [o.pk for o in listings]

    assert shown() == [paid.pk]
    profile.needs_pay = False
    profile.save()
    assert sorted(shown()) == sorted([paid.pk, unstated.pk])


def test_a_listing_without_a_deadline_is_matched_after_those_with_one(formats, monkeypatch):
    profile = _remote_student()
    fmt = formats[first_suggestion(profile)]
    none = OpportunityFactory(format=fmt, deadline=None)
    late = OpportunityFactory(format=fmt, deadline=days(90))
    soon = OpportunityFactory(format=fmt, deadline=days(3))

    def shown():
        listings = matching.advise_student(profile, limit=10).windows[0].suggestions[0].listings
        return [o.pk for o in listings]

    assert shown() == [soon.pk, late.pk, none.pk]
    monkeypatch.setattr(matching, "CANDIDATES_PER_SUGGESTION", 2)
    assert shown() == [soon.pk, late.pk]  # the candidates are the dated ones first


def test_demo_listings_never_outrank_real_ones(formats, monkeypatch):
    python = SkillFactory(slug="python")
    profile = _remote_student(skills_to_build=[python])
    fmt = formats[first_suggestion(profile)]
    demo = OpportunityFactory(format=fmt, demo=True, skills=[python], deadline=days(1))
    real = OpportunityFactory(format=fmt, deadline=days(60))

    def shown():
        listings = matching.advise_student(profile, limit=10).windows[0].suggestions[0].listings
        return [o.pk for o in listings]

    assert shown() == [real.pk, demo.pk]
    monkeypatch.setattr(matching, "CANDIDATES_PER_SUGGESTION", 1)
    assert shown() == [real.pk]  # the candidates are the real listings first


@pytest.mark.parametrize(
    ("modes", "shown"),
    [
        (["remote"], {"remote_location"}),
        (["onsite"], set()),
        (["onsite", "hybrid"], set()),
        (["onsite", "remote", "hybrid"], {"remote_location", "somewhere"}),
    ],
)
def test_a_listing_that_does_not_state_its_work_mode_meets_only_a_preference_it_cannot_miss(
    formats, modes, shown
):
    profile = _remote_student(work_modes=modes)
    fmt = formats[first_suggestion(profile)]
    listings = {
        "remote_location": OpportunityFactory(
            format=fmt, work_mode="", locations=["Remote in USA"]
        ),
        "somewhere": OpportunityFactory(format=fmt, work_mode="", locations=["Boston, MA"]),
    }

    matched = matching.advise_student(profile, limit=10).windows[0].suggestions[0].listings

    assert {o.pk for o in matched} == {listings[name].pk for name in shown}


def test_a_matched_line_says_what_the_listing_does_not_state(formats, student_client, student):
    profile = StudentProfileFactory(user=student, needs_pay=False, work_modes=[])
    AvailabilityWindowFactory(profile=profile, label="Term", weeks=12, weekly_hours=15)
    fmt = formats[first_suggestion(profile)]
    OpportunityFactory(format=fmt, unstated=True, title="Quiet posting", industry=None)

    body = student_client.get("/me/").content.decode()

    line = re.search(r"<li>\s*<a [^>]*>Quiet posting</a>.*?</li>", body, re.S)
    assert line, "the listing is matched and shown"
    text = " ".join(line.group(0).split())
    for said in ("work mode not stated", "pay not stated", "hours not stated"):
        assert said in text
    assert "deadline not stated" in text
