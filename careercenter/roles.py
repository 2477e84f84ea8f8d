"""The three roles, as Django groups, and the one place that answers "what is this user"."""

import rules
from django.contrib.auth.models import Group, Permission

STUDENT = "Student"
ADVISOR = "Advisor"
ADMIN = "Career center admin"
ROLES = (STUDENT, ADVISOR, ADMIN)

# Apps whose models career-center admins curate in the Django admin.
ADMIN_APPS = ("opportunities", "advising")

is_student = rules.is_group_member(STUDENT)
is_advisor = rules.is_group_member(ADVISOR)
is_career_admin = rules.is_superuser | rules.is_group_member(ADMIN)
is_staff_role = is_advisor | is_career_admin


def role_of(user) -> str | None:
    """The role that decides what a user sees; admin outranks advisor outranks student."""
    if not user.is_authenticated or not user.is_active:
        return None
    if is_career_admin(user):
        return ADMIN
    if is_advisor(user):
        return ADVISOR
    if is_student(user):
        return STUDENT
    return None


def context_processor(request):
    role = role_of(request.user)
    return {
        "role": role,
        "is_student": role == STUDENT,
        "is_advisor": role == ADVISOR,
        "is_career_admin": role == ADMIN,
    }


def grant_role_permissions(sender, using="default", **kwargs):
    """Give the admin group every permission on the curated apps and on users."""
    try:
        group = Group.objects.using(using).get(name=ADMIN)
    except Group.DoesNotExist:
        return
    perms = Permission.objects.using(using).filter(
        content_type__app_label__in=(*ADMIN_APPS, "careercenter")
    )
    group.permissions.add(*perms)
