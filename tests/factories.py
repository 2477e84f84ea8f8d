"""Test factories, one place for all apps: one factory per model, a trait per state."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from careercenter import roles
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

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@uni.example.edu")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """`UserFactory(role=roles.ADVISOR)`; the subclasses below default to their role."""
        name = extracted or kwargs.get("default")
        if create and name:
            self.groups.add(Group.objects.get(name=name))


class StudentFactory(UserFactory):
    email = factory.Sequence(lambda n: f"student{n}@uni.example.edu")
    role__default = roles.STUDENT


class AdvisorFactory(UserFactory):
    email = factory.Sequence(lambda n: f"advisor{n}@uni.example.edu")
    role__default = roles.ADVISOR


class CareerAdminFactory(UserFactory):
    email = factory.Sequence(lambda n: f"staff{n}@uni.example.edu")
    is_staff = True
    role__default = roles.ADMIN


# --- opportunities -------------------------------------------------------------------------
# Formats, industries and skills are seeded by migrations; factories look those rows up by slug
# and create new ones only for slugs that do not exist.


class FormatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Format
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test format {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    family = Family.MICRO
    summary = "A format made up for a test."
    weeks_min = Decimal("1.0")
    weeks_max = Decimal("4.0")
    weekly_hours_min = 5
    weekly_hours_max = 15
    total_hours_min = 5
    total_hours_max = 60
    schedule_flexibility = Flexibility.FLEXIBLE
    exposure_depth = Depth.TASK
    learning_scope = LearningScope.SPECIFIC
    application_process = ApplicationProcess.SIMPLE
    compensation_model = CompensationModel.PER_TASK
    networking_style = NetworkingStyle.BROAD
    suitability = "Students testing things."
    display_order = 500


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Industry
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test industry {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test skill {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Acme Works {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.org")
    industry = factory.SubFactory(IndustryFactory, slug="technology")
    is_verified = True


class OpportunityFactory(factory.django.DjangoModelFactory):
    """A published listing open for 30 more days; traits for the other states."""

    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Marketing assistant {n}")
    organization = factory.SubFactory(OrganizationFactory)
    # Seeded rows, looked up by slug: `OpportunityFactory(format__slug="flashternship")`.
    format = factory.SubFactory(FormatFactory, slug="micro-internship")
    industry = factory.SubFactory(IndustryFactory, slug="marketing")
    summary = "Help a small team with a well-defined piece of work."
    description = "You will work with the team on a real project and present the result."
    work_mode = WorkMode.REMOTE
    weekly_hours_min = 5
    weekly_hours_max = 10
    duration_weeks = Decimal("2.0")
    total_hours = None
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    compensation_type = Compensation.FIXED_FEE
    compensation_amount = Decimal("300.00")
    apply_url = "https://apply.example.org/listing"
    status = Status.PUBLISHED

    class Params:
        draft = factory.Trait(status=Status.DRAFT)
        closed = factory.Trait(status=Status.CLOSED)
        expired = factory.Trait(
            deadline=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
        )

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        """`OpportunityFactory(skills=["python", "sql"])` (slugs or Skill rows)."""
        if not create:
            return
        if extracted:
            self.skills.set(
                [s if isinstance(s, Skill) else Skill.objects.get(slug=s) for s in extracted]
            )
        Opportunity.objects.filter(pk=self.pk).update_search_vector()


class SavedOpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedOpportunity

    user = factory.SubFactory(StudentFactory)
    opportunity = factory.SubFactory(OpportunityFactory)


# --- advising ------------------------------------------------------------------------------
