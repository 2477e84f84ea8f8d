"""What `python -m bench.engine` times stays within the suggestion's query budget (issue 8)."""

import pytest

from bench.engine import suggest_for_student
from tests.perf.queries import call_queries
from tests.perf.test_query_budgets import SUGGESTION, _listings, _student_with

pytestmark = pytest.mark.django_db


def test_the_suggestion_stays_within_budget(db):
    light = _student_with(1)
    heavy = _student_with(8)
    for _ in range(3):
        _listings(10)

    counts = []
    for profile in (light, heavy):
        # What bench.engine times: the profile, the suggestion and its listings' rows.
        advice, queries = call_queries(suggest_for_student, profile.pk)
        assert len(queries) <= SUGGESTION, queries
        assert any(m.listings for w in advice.windows for m in w.suggestions)
        counts.append(len(queries))

    assert counts[0] == counts[1]
