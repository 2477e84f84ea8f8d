"""Engine plan in, listings out (`advising.matching`): hard filters, ranking, limits and the
queries they cost."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advising import engine, matching
from advising.inputs import catalogue, engine_profile
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
        for n in range(12):
            OpportunityFactory(
                format=fmt,
                industry=industries[n % 4],
                deadline=days(1 + n % 5),  # ties on the deadline, broken by id
                skills=skills[n % 5 : n % 5 + n % 3],
                weekly_hours_min=2 + n % 4 * 5,
                weekly_hours_max=40,
                duration_weeks=None if n % 3 == 0 else 2 + n,
                total_hours=10 * (n + 1) if n % 3 == 0 or n % 2 else None,
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
