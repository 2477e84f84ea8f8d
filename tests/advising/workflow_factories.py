"""Factories for the advising workflow's tests: catalogue rows, listings, profiles, recommendations.

Catalogue rows (formats, industries, skills) are looked up by slug before they are created, so
these factories also work once data migrations have seeded the catalogue.
"""

import dataclasses
import datetime

import factory
from django.utils import timezone

from advising.models import (
    AvailabilityWindow,
    Experience,
    Recommendation,
    RecommendationItem,
    RecommendationStatus,
    StudentProfile,
)
from opportunities.models import Format, Industry, Opportunity, Organization, Skill, Status
from tests import factories
from tests.advising.test_engine import CATALOGUE


def today() -> datetime.date:
    return timezone.localdate()


def create_catalogue() -> dict[str, Format]:
    """The twelve formats of the engine tests' catalogue as active rows, by slug."""
    rows = {}
    for spec in CATALOGUE:
        values = dataclasses.asdict(spec)
        slug = values.pop("slug")
        rows[slug], _ = Format.objects.update_or_create(
            slug=slug,
            defaults=values
            | {
                "summary": f"{values['name']}: a format of the test catalogue.",
                "suitability": "Students in the tests.",
                "is_active": True,
            },
        )
    return rows


def format_row(slug: str) -> Format:
    """One format by slug, creating the test catalogue when it is not there yet."""
    found = Format.objects.filter(slug=slug).first()
    return found or create_catalogue()[slug]


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Industry
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"industry-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"skill-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")


class OpportunityFactory(factory.django.DjangoModelFactory):
    """An open listing: published, deadline in a month, paid hourly, remote, 5–10 h/week."""

    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Listing {n}")
    organization = factory.SubFactory(OrganizationFactory)
    format = factory.LazyFunction(lambda: format_row("micro-internship"))
    industry = factory.SubFactory(IndustryFactory)
    summary = "A short piece of real work."
    description = "What you will do, and what you will learn."
    work_mode = "remote"
    weekly_hours_min = 5
    weekly_hours_max = 10
    duration_weeks = 1
    deadline = factory.LazyFunction(lambda: today() + datetime.timedelta(days=30))
    compensation_type = "hourly"
    apply_url = "https://example.org/apply"
    status = Status.PUBLISHED

    class Params:
        draft = factory.Trait(status=Status.DRAFT)
        closed = factory.Trait(status=Status.CLOSED)
        expired = factory.Trait(
            deadline=factory.LazyFunction(lambda: today() - datetime.timedelta(days=1))
        )

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)


class StudentProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudentProfile
        skip_postgeneration_save = True

    # None is an unusable password: these students never log in with one (tests use
    # force_login), and hashing a real one for every profile would slow the suite down.
    user = factory.SubFactory(factories.StudentFactory, password=None)
    programme = "BSc Economics"
    level = "undergraduate"

    @factory.post_generation
    def target_industries(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_industries.set(extracted)

    @factory.post_generation
    def skills_to_build(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills_to_build.set(extracted)


class WindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AvailabilityWindow

    profile = factory.SubFactory(StudentProfileFactory)
    label = "Spring term"
    weeks = 14
    weekly_hours = 6


class ExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experience
        skip_postgeneration_save = True

    profile = factory.SubFactory(StudentProfileFactory)
    title = "Data clean-up project"
    organization_name = "Acme"
    format = factory.LazyFunction(lambda: format_row("micro-internship"))
    hours = 20
    started_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=90))


class RecommendationFactory(factory.django.DjangoModelFactory):
    """A draft; traits `shared`, `accepted`, `declined` for the later states."""

    class Meta:
        model = Recommendation

    profile = factory.SubFactory(StudentProfileFactory)
    advisor = factory.LazyAttribute(lambda o: o.profile.advisor)
    notes = "We talked about a busy spring and a free summer."
    next_step = "Apply to two micro-internships before the end of the month."
    follow_up_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=14))

    class Params:
        shared = factory.Trait(
            status=RecommendationStatus.SHARED, shared_at=factory.LazyFunction(timezone.now)
        )
        accepted = factory.Trait(
            status=RecommendationStatus.ACCEPTED,
            shared_at=factory.LazyFunction(timezone.now),
            responded_at=factory.LazyFunction(timezone.now),
            response_comment="Sounds good, I will apply this week.",
        )
        declined = factory.Trait(
            status=RecommendationStatus.DECLINED,
            shared_at=factory.LazyFunction(timezone.now),
            responded_at=factory.LazyFunction(timezone.now),
            response_comment="My summer is taken by a family trip.",
        )


class RecommendationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecommendationItem

    recommendation = factory.SubFactory(RecommendationFactory)
    window_label = "Spring term"
    format = factory.LazyFunction(lambda: format_row("micro-internship"))
    count = 2
    rationale = "Short, flexible work that fits a busy term."
