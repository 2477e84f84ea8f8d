"""Demo accounts for `make run`; other checks rely on these exact logins."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from .roles import ADMIN, ADVISOR, STUDENT

DEMO_PASSWORD = "demo1234"  # noqa: S105 (published demo logins, created only by seed_demo)

DEMO_ACCOUNTS = (
    # email, role, first name, last name, is_staff, is_superuser
    ("student@demo.edu", STUDENT, "Sam", "Rivera", False, False),
    ("advisor@demo.edu", ADVISOR, "Alex", "Morgan", False, False),
    ("admin@demo.edu", ADMIN, "Avery", "Chen", True, True),
)


@transaction.atomic
def create_demo_accounts() -> dict[str, object]:
    """Create or refresh the three demo accounts; returns them by role."""
    User = get_user_model()
    accounts = {}
    for email, role, first, last, is_staff, is_superuser in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(email=email)
        user.first_name, user.last_name = first, last
        user.is_staff, user.is_superuser, user.is_active = is_staff, is_superuser, True
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name=role))
        mark_address_verified(user)
        accounts[role] = user
    return accounts


def mark_address_verified(user) -> None:
    """A demo login signs in straight away: its (made-up) address counts as proven."""
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": True}
    )
