"""The data migrations of issue 15: the formats' distinctions and the advising policy, run back
and forward; and what the seeded catalogue says once they ran."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from opportunities.models import Format

CRITERIA = (
    "family",
    "schedule_flexibility",
    "exposure_depth",
    "learning_scope",
    "application_process",
    "compensation_model",
    "networking_style",
    "made_for",
)


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db
def test_no_two_seeded_formats_are_alike_on_every_criterion_but_time():
    rows = Format.objects.values_list("slug", *CRITERIA, "work_modes")
    alike = {}
    for slug, *criteria, modes in rows:
        alike.setdefault((*criteria, tuple(modes)), []).append(slug)

    assert [slugs for slugs in alike.values() if len(slugs) > 1] == []
    made_for = dict(Format.objects.values_list("slug", "made_for"))
    assert made_for["experiential-sprint"] == "break"
    assert made_for["flashternship"] == "busy_term"
    assert made_for["nano-internship"] == "first_try"
    assert Format.objects.get(slug="remote-micro-engagement").work_modes == ["remote"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_distinctions_and_the_policy_go_back_and_come_again():
    apps = migrate(
        [
            ("opportunities", "0015_format_made_for_and_work_modes"),
            ("advising", "0004_window_kind_paid_work_and_policy"),
        ]
    )
    old = apps.get_model("opportunities", "Format")
    assert set(old.objects.values_list("made_for", flat=True)) == {""}
    assert not old.objects.filter(work_modes=["remote"]).exists()
    assert not apps.get_model("advising", "AdvisingPolicy").objects.exists()

    apps = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    new = apps.get_model("opportunities", "Format")
    assert new.objects.get(slug="nano-internship").made_for == "first_try"
    policy = apps.get_model("advising", "AdvisingPolicy").objects.get()
    assert (policy.pk, policy.term_load_share, policy.break_load_share) == (1, 70, 90)
