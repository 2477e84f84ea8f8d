"""allauth's account adapter: sign-up makes a student, with an empty profile to fill in."""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse

from careercenter.roles import STUDENT

from .models import StudentProfile


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
