"""Sign-up and login pieces the settings name for allauth and axes (the account adapter, which
makes students, is advising.accounts.AccountAdapter)."""

from allauth.account.forms import SignupForm as BaseSignupForm
from django.contrib.auth.hashers import make_password


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
