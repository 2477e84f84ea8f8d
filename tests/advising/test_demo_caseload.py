"""The demo caseload that `make run` seeds: varied, complete enough to demo, and idempotent."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from advising.demo_caseload import DEMO_ADVISOR, DEMO_STUDENT, STUDENTS, create_demo_caseload
from advising.models import Recommendation, StudentProfile
from careercenter.demo import create_demo_accounts
from tests.factories import IndustryFactory, SkillFactory, create_catalogue, today

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for app in ("careercenter", "advising", "opportunities")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The demo sets a real password for every demo login; hash them cheaply here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def catalogue(db):
    create_catalogue()
    for slug in ("technology", "marketing", "media", "finance", "healthcare", "government"):
        IndustryFactory(slug=slug)
    for slug in ("writing", "data-analysis", "python"):
        SkillFactory(slug=slug)


def test_the_demo_advisor_gets_a_varied_caseload(catalogue):
    create_demo_accounts()

    size = create_demo_caseload()

    caseload = StudentProfile.objects.filter(advisor__email=DEMO_ADVISOR)
    assert size == caseload.count() == len(STUDENTS) + 1
    assert caseload.filter(user__email=DEMO_STUDENT).exists()
    assert {p.career_clarity for p in caseload} >= {"exploring", "narrowing", "decided", ""}
    assert caseload.filter(needs_pay=True, work_modes=["remote"]).exists()
    assert caseload.filter(windows__isnull=True).exists()  # an incomplete profile too
    states = set(Recommendation.objects.values_list("status", flat=True))
    assert states == {"draft", "shared", "accepted", "declined"}
    assert Recommendation.objects.filter(follow_up_on__lt=today()).exists()
    assert Recommendation.objects.filter(profile__user__email=DEMO_STUDENT, status="shared")
    micro_only = caseload.get(user__email="lucas.martin@demo.edu")
    assert {e.format.family for e in micro_only.experiences.all()} == {"micro"}


def test_seed_demo_twice_adds_nothing(catalogue):
    call_command("seed_demo", stdout=StringIO())
    once = row_counts()

    out = StringIO()
    call_command("seed_demo", stdout=out)

    assert row_counts() == once
    assert f"caseload: {len(STUDENTS) + 1} students" in out.getvalue()
