"""The three roles, as Django groups, and the one place that answers "what is this user"."""

from functools import wraps

import rules
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

STUDENT = "Student"
ADVISOR = "Advisor"
ADMIN = "Career center admin"
ROLES = (STUDENT, ADVISOR, ADMIN)

# Apps whose models career-center admins curate in the Django admin.
ADMIN_APPS = ("notifications", "opportunities", "advising")

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


def has_role(user, *roles: str) -> bool:
    """Whether `user` holds one of `roles` (by `role_of`, so an admin is not also a student)."""
    return role_of(user) in roles


def role_required(*roles: str, template: str | None = None):
    """The one access check for views: logged in (else the login page) and holding one of
    `roles` (else 403: `template` rendered with that status, or the site's 403 page)."""

    def decorator(view):
        @wraps(view)
        def check_role(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                if template:
                    return render(request, template, status=403)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return check_role

    return decorator


# The roles each role may give in the admin: those below its own. Superusers give any group.
GRANTABLE = {ADMIN: (ADVISOR, STUDENT)}


def groups_granted_by(user):
    """The groups `user` may add an account to (all of them for a superuser)."""
    if user.is_superuser:
        return Group.objects.all()
    return Group.objects.filter(name__in=GRANTABLE.get(role_of(user), ()))


def may_manage_account(user, account) -> bool:
    """Whether `user` may change or delete `account` in the admin: a superuser any; anyone
    else only an account holding nothing they could not grant (no staff or superuser status,
    no single permissions, only groups they may give). Their own account is such an account
    only if it holds nothing, which a staff member's never is."""
    if user.is_superuser:
        return True
    if account.is_staff or account.is_superuser or account.user_permissions.exists():
        return False
    granted = set(GRANTABLE.get(role_of(user), ()))
    return set(account.groups.values_list("name", flat=True)) <= granted


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
