"""Test factories, one place for all apps: one factory per model, a trait per state."""

import dataclasses
from datetime import timedelta
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from advising.models import (
    AvailabilityWindow,
    Experience,
    Recommendation,
    RecommendationItem,
    RecommendationStatus,
    StudentProfile,
)
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

    @factory.post_generation
    def email_verified(self, create, extracted, **kwargs):
        """A user who has proven their address, as every account has after sign-up or a
        first login; `UserFactory(email_verified=False)` for one made in the admin and not
        used yet."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)


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
        # As a feed gives it: no hours, length, pay, work mode or deadline.
        unstated = factory.Trait(
            work_mode=WorkMode.NOT_STATED,
            weekly_hours_min=None,
            weekly_hours_max=None,
            duration_weeks=None,
            total_hours=None,
            deadline=None,
            compensation_type=Compensation.NOT_STATED,
            compensation_amount=None,
        )
        demo = factory.Trait(is_demo=True)

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


def _rows(model, values):
    """Rows from a list of rows or slugs (`skills=["python", skill]`)."""
    return [v if isinstance(v, model) else model.objects.get(slug=v) for v in values]


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
                lambda: timezone.localdate() + timedelta(days=500)
            ),
            career_clarity="exploring",
            learning_goal="broad",
            needs_pay=True,
            credit_ok=False,
            work_modes=["remote", "hybrid"],
            networking_goal="broad",
            application_ready=False,
        )

    @factory.post_generation
    def target_industries(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_industries.set(_rows(Industry, extracted))

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(_rows(Skill, extracted))

    @factory.post_generation
    def skills_to_build(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills_to_build.set(_rows(Skill, extracted))


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
    started_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=60))
    ended_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))

    class Params:
        planned = factory.Trait(
            started_on=factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30)),
            ended_on=None,
        )

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(_rows(Skill, extracted))


class RecommendationFactory(factory.django.DjangoModelFactory):
    """A draft; traits `shared`, `accepted`, `declined` for the later states."""

    class Meta:
        model = Recommendation

    profile = factory.SubFactory(StudentProfileFactory)
    advisor = factory.LazyAttribute(lambda o: o.profile.advisor)
    notes = "We talked about a busy spring and a free summer."
    next_step = "Apply to two micro-internships before the end of the month."
    follow_up_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))

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
    format = factory.SubFactory(FormatFactory, slug="micro-internship")
    count = 2
    rationale = "Short, flexible work that fits a busy term."


# --- catalogue helpers ---------------------------------------------------------------------


def format_row(slug: str) -> Format:
    """A seeded format by slug."""
    return Format.objects.get(slug=slug)


def create_catalogue() -> dict[str, Format]:
    """Give the twelve seeded formats the values of the engine tests' catalogue, by slug.

    Tests of the advising pages then reason with the same numbers as the engine's own tests.
    """
    from tests.advising.test_engine import CATALOGUE

    rows = {}
    for spec in CATALOGUE:
        values = dataclasses.asdict(spec)
        slug = values.pop("slug")
        rows[slug], _ = Format.objects.update_or_create(
            slug=slug, defaults=values | {"is_active": True}
        )
    return rows


def today():
    return timezone.localdate()
