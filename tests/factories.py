"""Test factories, one place for all apps: one factory per model, a trait per state."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from careercenter import roles

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


# --- advising ------------------------------------------------------------------------------
