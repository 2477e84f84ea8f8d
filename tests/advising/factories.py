"""Factories for the advising tests.

Format, Industry, Skill, Organization and Opportunity rows come from the opportunities app,
whose seed data and factories live on another branch; these minimal ones keep the advising
tests independent of both. One factory per model, a trait per state.
"""

import datetime
from decimal import Decimal

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
from opportunities.models import (
    ApplicationProcess,
    Compensation,
    CompensationModel,
    Depth,
    Family,
    Flexibility,
    Format,
    Industry,
    LearningScope,
    NetworkingStyle,
    Opportunity,
    Organization,
    SavedOpportunity,
    Skill,
    Status,
    WorkMode,
)
from tests.factories import AdvisorFactory, StudentFactory


class FormatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Format
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Format {n}")
    slug = factory.Sequence(lambda n: f"format-{n}")
    family = Family.MICRO
    summary = "A short, project-based format."
    weeks_min = Decimal("0.2")
    weeks_max = Decimal("4")
    weekly_hours_min = 2
    weekly_hours_max = 20
    total_hours_min = 5
    total_hours_max = 80
    schedule_flexibility = Flexibility.FLEXIBLE
    exposure_depth = Depth.TASK
    learning_scope = LearningScope.SPECIFIC
    application_process = ApplicationProcess.SIMPLE
    compensation_model = CompensationModel.PER_TASK
    networking_style = NetworkingStyle.BROAD
    suitability = "Students who want quick project exposure."

    class Params:
        internship = factory.Trait(
            family=Family.INTERNSHIP,
            weeks_min=Decimal("6"),
            weeks_max=Decimal("26"),
            weekly_hours_min=15,
            weekly_hours_max=40,
            total_hours_min=100,
            total_hours_max=1000,
            schedule_flexibility=Flexibility.FIXED,
            exposure_depth=Depth.IMMERSIVE,
            learning_scope=LearningScope.COMPREHENSIVE,
            application_process=ApplicationProcess.FORMAL,
            compensation_model=CompensationModel.PAID_OR_CREDIT,
            networking_style=NetworkingStyle.DEEP,
        )
        hybrid = factory.Trait(family=Family.HYBRID, networking_style=NetworkingStyle.MIXED)
        retired = factory.Trait(is_active=False)


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Industry
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Industry {n}")
    slug = factory.Sequence(lambda n: f"industry-{n}")


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.Sequence(lambda n: f"skill-{n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")


class OpportunityFactory(factory.django.DjangoModelFactory):
    """A published, open listing; traits for the other states."""

    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Listing {n}")
    organization = factory.SubFactory(OrganizationFactory)
    format = factory.SubFactory(FormatFactory)
    industry = factory.SubFactory(IndustryFactory)
    summary = "A short project."
    description = "Help us with a short project."
    work_mode = WorkMode.REMOTE
    weekly_hours_min = 5
    weekly_hours_max = 10
    duration_weeks = Decimal("2")
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    compensation_type = Compensation.HOURLY
    apply_url = "https://example.org/apply"
    status = Status.PUBLISHED

    class Params:
        draft = factory.Trait(status=Status.DRAFT)
        closed = factory.Trait(status=Status.CLOSED)

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)


class SavedOpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedOpportunity

    user = factory.SubFactory(StudentFactory)
    opportunity = factory.SubFactory(OpportunityFactory)


class StudentProfileFactory(factory.django.DjangoModelFactory):
    """An empty profile, as sign-up creates it; `complete=True` for one with every answer."""

    class Meta:
        model = StudentProfile
        django_get_or_create = ("user",)
        skip_postgeneration_save = True

    user = factory.SubFactory(StudentFactory)

    class Params:
        complete = factory.Trait(
            programme="BSc Economics",
            level="undergraduate",
            expected_graduation=factory.LazyFunction(
                lambda: timezone.localdate() + datetime.timedelta(days=500)
            ),
            career_clarity="exploring",
            learning_goal="broad",
            needs_pay=True,
            credit_ok=False,
            work_modes=["remote", "hybrid"],
            networking_goal="broad",
            application_ready=False,
        )


class AvailabilityWindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AvailabilityWindow

    profile = factory.SubFactory(StudentProfileFactory)
    label = factory.Sequence(lambda n: f"Term {n}")
    weeks = Decimal("14")
    weekly_hours = 6


class ExperienceFactory(factory.django.DjangoModelFactory):
    """A finished experience; `planned=True` for one that starts in the future."""

    class Meta:
        model = Experience
        skip_postgeneration_save = True

    profile = factory.SubFactory(StudentProfileFactory)
    title = factory.Sequence(lambda n: f"Experience {n}")
    organization_name = "Acme"
    hours = 20
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))
    ended_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))

    class Params:
        planned = factory.Trait(
            started_on=factory.LazyFunction(
                lambda: timezone.localdate() + datetime.timedelta(days=30)
            ),
            ended_on=None,
        )

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)


class RecommendationFactory(factory.django.DjangoModelFactory):
    """A recommendation shared with the student; `draft=True` for one still being written."""

    class Meta:
        model = Recommendation

    profile = factory.SubFactory(StudentProfileFactory)
    advisor = factory.SubFactory(AdvisorFactory)
    status = RecommendationStatus.SHARED
    next_step = "Apply to two micro-internships before the end of the month."
    shared_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=RecommendationStatus.DRAFT, shared_at=None)


class RecommendationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecommendationItem

    recommendation = factory.SubFactory(RecommendationFactory)
    window_label = "Spring term"
    format = factory.SubFactory(FormatFactory)
    count = 2
