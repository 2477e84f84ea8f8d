"""System checks of the deployment (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def proxy_count_behind_a_tls_proxy(app_configs, **kwargs):
    """A TLS proxy header means a proxy is in front; the proxy count must say so too."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and not settings.TRUSTED_PROXY_COUNT:
        return [
            checks.Warning(
                "SECURE_PROXY_SSL_HEADER is set, so a proxy is in front of the app, but "
                "TRUSTED_PROXY_COUNT is 0: every client then has the proxy's address, and "
                "failed logins from anywhere lock an account for everyone.",
                hint="Set TRUSTED_PROXY_COUNT to the number of proxies that append to "
                "X-Forwarded-For (1 behind one load balancer).",
                id="careercenter.W001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs):
    """Links in e-mails and calendar feeds are built from SITE_URL."""
    if settings.SITE_URL.startswith(("http://127.0.0.1", "http://localhost")):
        return [
            checks.Warning(
                f"SITE_URL is {settings.SITE_URL}: links in e-mails (alerts, unsubscribe) and "
                "calendar feeds would point at this machine, not at the site.",
                hint="Set SITE_URL to the address people reach the site at, e.g. "
                "https://careers.example.edu.",
                id="careercenter.W002",
            )
        ]
    return []


# Backends that deliver nothing to anyone: fine while developing, a silent failure in production,
# where sign-up codes, password resets, alerts and notices all go out by e-mail.
UNDELIVERED_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@checks.register(checks.Tags.security, deploy=True)
def email_is_delivered(app_configs, **kwargs):
    """Sign-up cannot be finished without the e-mailed code, so production mail must go out."""
    if settings.EMAIL_BACKEND in UNDELIVERED_EMAIL_BACKENDS:
        return [
            checks.Warning(
                f"E-mail goes to {settings.EMAIL_BACKEND.rsplit('.', 2)[-2]}, not to people: "
                "nobody could finish signing up (the code is e-mailed), reset a password, or "
                "get an alert or a notice.",
                hint="Set EMAIL_HOST (SMTP) or EMAIL_BACKEND (a provider's backend through "
                "django-anymail); see the README, Configuration.",
                id="careercenter.W003",
            )
        ]
    return []
