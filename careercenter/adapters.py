from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import SignupForm as BaseSignupForm
from django import forms
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.urls import reverse

from advising.models import StudentProfile

from .roles import STUDENT


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up makes students only; advisors and admins are created by admins."""

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email).lower()
        allowed = settings.SIGNUP_EMAIL_DOMAINS
        domain = email.rpartition("@")[2]
        if allowed and domain not in allowed:
            raise forms.ValidationError(
                "Use your institution e-mail address (ending in %(domains)s).",
                code="email_domain",
                params={"domains": " or ".join(f"@{d}" for d in allowed)},
            )
        return email

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user.groups.add(Group.objects.get(name=STUDENT))
            StudentProfile.objects.get_or_create(user=user)
        return user

    def get_signup_redirect_url(self, request) -> str:
        """New students go straight to the short guided profile."""
        return reverse("advising:profile")


class SignupForm(BaseSignupForm):
    """allauth's sign-up, costing the same time for a taken address as for a new one.

    A new address costs a password hash (the account is saved); a taken one, which allauth
    answers with the same page and an e-mail to its owner, would cost none, and the response
    time alone would tell an attacker which addresses have accounts. Hash the password anyway,
    as allauth's login does for an unknown address.
    """

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)


def axes_username(request, credentials) -> str | None:
    """The account a login attempt is for, from the site form, the admin form or the API."""
    credentials = credentials or {}
    for key in ("email", "username", "login"):
        value = credentials.get(key) or (request.POST.get(key) if request else None)
        if value:
            return value.strip().lower()
    return None
