"""The queries the listing match costs, and the LATERAL and UNION ALL forms of its SQL
(`advising.fastpath`) giving the same rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advising import engine, matching
from advising import policy as advising_policy
from advising.inputs import catalogue, engine_profile
from tests.advising.matching_helpers import days
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


# --- cost ---------------------------------------------------------------------------------------


def _queries(profile):
    with CaptureQueriesContext(connection) as ctx:
        advice = matching.advise_student(profile)
        for window in advice.windows:
            for matched in window.suggestions:
                matched.listings  # noqa: B018 (reads the rows, as the JSON contract does)
    return len(ctx), advice


def test_the_query_count_is_constant(formats, django_assert_max_num_queries):
    """Three to read the student, one to rank the listings, one to read the listings shown:
    whatever the windows, skills or listings; and one to sample each format's open listings for
    the counts, once a minute per process for all students with the same filters."""
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
                industry=industries[n % 3],
                deadline=days(n + 1),
                skills=skills[n : n + 2],
                weekly_hours_min=2,
                weekly_hours_max=6,
                duration_weeks=None,
                total_hours=4,
            )

    _queries(small)  # warm-up: the catalogue and the policy each process keeps
    matching.clear_samples()
    sampled, _ = _queries(small)
    small_count, _ = _queries(small)
    with django_assert_max_num_queries(5):
        big_count, advice = _queries(big)

    assert (sampled, small_count, big_count) == (6, 5, 5)
    assert sum(len(m.listings) for w in advice.windows for m in w.suggestions) > 10


@pytest.mark.postgres
@pytest.mark.parametrize("limit", [1, 3, 5])
def test_the_lateral_queries_give_the_rows_of_the_union_queries(formats, limit):
    """PostgreSQL samples and ranks with LATERAL joins (`_sample_sql`, `_ranked_lateral`),
    SQLite with a UNION ALL of one part per format or suggestion (`_ranked_union`); both are
    valid on PostgreSQL and must agree."""
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
    policy = advising_policy.current()
    slots = engine.slots(inputs.profile, cat.specs, policy)
    eligible = matching._eligible(
        "default", "postgresql", today(), None, tuple(inputs.profile.work_modes)
    )

    counted = []
    for lateral in (False, True):
        sql, params = matching._sample_sql(eligible, sorted(cat.ids.values()), lateral=lateral)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            counted.append(sorted(cursor.fetchall(), key=repr))
    assert sum(row[-1] for row in counted[0]) == 15 * len(formats)
    assert counted[0] == counted[1]

    supply = matching.listing_supply(inputs, slots, cat)
    plan = engine.suggest(inputs.profile, cat.specs, policy, supply=supply)
    _, specs = matching._specs(inputs, plan, cat)
    found = []
    for ranking in (matching._ranked_union, matching._ranked_lateral):
        sql, params = ranking(eligible, specs, inputs.skill_ids, limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found.append(sorted(cursor.fetchall()))

    assert len(specs) >= 6
    assert len(found[0]) >= len(specs), (len(found[0]), len(specs))
    assert len(found[0]) > len(specs) or limit == 1
    assert found[0] == found[1]


def test_a_profile_without_windows_costs_no_listing_query(formats):
    profile = StudentProfileFactory()
    _queries(profile)  # warm-up: the catalogue and the policy each process keeps
    count, advice = _queries(profile)

    assert advice.windows == ()
    assert advice.is_empty
    assert count == 3  # windows, experiences, the ids of the rest
