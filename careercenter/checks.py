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
