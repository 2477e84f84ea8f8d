"""Settings for careercenter, read from the environment.

Development defaults are safe: with no environment at all the site refuses to start, because
DEBUG is off and SECRET_KEY is missing. `make run` sets DEBUG=1 for the local demo.

Environment variables:
    DEBUG                  "1"/"true" turns on debug pages and development conveniences.
    SECRET_KEY             required when DEBUG is off.
    ALLOWED_HOSTS          comma-separated host names (default: localhost names when DEBUG).
    CSRF_TRUSTED_ORIGINS   comma-separated origins, e.g. https://careers.example.edu
    DATABASE_URL           e.g. postgres://user:pass@host:5432/careercenter (default: SQLite file).
    REDIS_URL              optional shared cache; default is a database cache table.
    TASKS_BACKEND          "database" (default: tasks in a table, run by `manage.py db_worker`)
                           or "rq" (RQ on REDIS_URL, run by `manage.py rqworker`; several servers).
    SIGNUP_EMAIL_DOMAINS   comma-separated e-mail domains allowed to sign up (empty: any).
    EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
    DEFAULT_FROM_EMAIL     outgoing mail over SMTP (console backend when EMAIL_HOST is unset).
    EMAIL_BACKEND          another Django e-mail backend, e.g. a provider's through django-anymail
                           (anymail.backends.postmark.EmailBackend) or the file-based one.
    EMAIL_FILE_PATH        the folder of the file-based backend.
    SITE_URL               the site's address for links in e-mails and calendar feeds, e.g.
                           https://careers.example.edu (default: http://127.0.0.1:8000).
    SECURE_SSL_REDIRECT    default on when DEBUG is off; turn off when a proxy already redirects.
    SECURE_PROXY_SSL_HEADER_NAME   e.g. HTTP_X_FORWARDED_PROTO when behind a TLS proxy.
    TRUSTED_PROXY_COUNT    how many proxies in front of the app append to X-Forwarded-For (0: none,
                           the client address is REMOTE_ADDR); login throttling keys on it.
    STATIC_ROOT            where collectstatic writes (default: staticfiles/ in the checkout).
    MEDIA_ROOT             where uploaded files are kept (default: media/ in the checkout): the
                           listing files admins import, read by the background worker. Never
                           served to the web.
    BENCH_FLOOR            benchmark only (bench/run.py): route through bench.urls (the site plus
                           the floor view) and count SQL queries per response
                           (bench/floor.py). Never set it in production.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "template_partials",
    "import_export",
    "csp",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
    "careercenter",
    "notifications",
    "opportunities",
    "advising",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "careercenter.security.PrivateCacheControlMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "careercenter.security.AuditlogMiddleware",
    # Last, so that it sees the outcome of the authentication the views run.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careercenter.urls"

BENCH_FLOOR = env_bool("BENCH_FLOOR")
if BENCH_FLOOR:  # the benchmark's floor view and SQL counter (bench/floor.py, bench/run.py)
    # Outermost, so that the count covers every middleware's queries too.
    MIDDLEWARE.insert(0, "bench.floor.QueryCountMiddleware")
    ROOT_URLCONF = "bench.urls"  # the site's URLs plus /bench/floor/
WSGI_APPLICATION = "careercenter.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "careercenter.roles.context_processor",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    # A database table, so rate limits and lockouts are shared by every worker without an
    # extra service. Created by `createcachetable` (make run, and the test database).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        }
    }

# Rendered listing fragments (a listing card, the body of a listing page), kept in each
# worker's memory: a hit costs microseconds where rendering costs about a millisecond. Keys
# carry the listing's `updated_at`; the names a fragment shows from other rows (organization,
# format, industry, skills) are at most TIMEOUT seconds old, like the catalogue's (60 s).
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": 60,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# Background work ------------------------------------------------------------------------------
# django-tasks, the backport of Django 6's django.tasks (so the upgrade is a rename). By default
# tasks are rows in the database, run by `manage.py db_worker` (`make run` starts one beside the
# web server): nothing more to operate. With several servers, TASKS_BACKEND=rq keeps them in
# Redis (REDIS_URL) for RQ workers: `manage.py rqworker --job-class django_tasks_rq.Job`.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "rq":
    if not os.environ.get("REDIS_URL"):
        raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL, the Redis RQ keeps tasks in.")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": os.environ["REDIS_URL"]}}  # where django-rq finds the queue
else:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be database or rq; got {TASKS_BACKEND!r}.")

# Accounts -----------------------------------------------------------------------------------

AUTH_USER_MODEL = "careercenter.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "advising.accounts.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Every account proves its address before it is used: sign-up (and the first login of an
# account made in the admin) sends a code to the address and waits for it. That keeps anyone
# from signing up with someone else's university address, and lets sign-up answer a taken
# address exactly as a new one (the owner gets an "account already exists" e-mail instead of
# a code): whether an address has an account is never shown.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
# The same work for a taken address as for a new one, so that the response time does not tell.
ACCOUNT_FORMS = {"signup": "careercenter.accounts.SignupForm"}
ACCOUNT_UNIQUE_EMAIL = True
# One address per account: changing it replaces the old one, so the login address is always
# the address on record (and the only one a domain restriction was checked against).
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
SIGNUP_EMAIL_DOMAINS = [d.lower().lstrip("@") for d in env_list("SIGNUP_EMAIL_DOMAINS")]
# allauth's default also limits failed logins per e-mail address from *any* address, so one
# attacker trickling wrong passwords would keep the owner locked out everywhere. Failed logins are
# throttled per (account, address) by axes below; allauth keeps only its per-address limit.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip"}

# Proxies in front of the app that append to X-Forwarded-For. With none, the header is ignored:
# anyone can send it, and trusting it would let an attacker pick a new "address" per attempt.
# Behind a proxy it must be set: otherwise every client has the proxy's address, and five wrong
# passwords from anywhere lock an account for everyone (`check --deploy` warns, W001). Never
# more than the proxies there are: the entry it points at would then be the client's to write.
_proxies = os.environ.get("TRUSTED_PROXY_COUNT", "0").strip() or "0"
if not _proxies.isdigit():
    raise ImproperlyConfigured(
        f"TRUSTED_PROXY_COUNT must be the number of proxies in front of the app (0, 1, ...); "
        f"got {_proxies!r}."
    )
TRUSTED_PROXY_COUNT = int(_proxies)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# django-axes: five failures for one account from one address lock that pair for 15 minutes.
# Keying on the pair means an attacker elsewhere cannot lock the owner out; the cool-off
# means no lock lasts forever.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "careercenter.accounts.axes_username"
AXES_RESET_ON_SUCCESS = True
# A friendly page with status 429 and Retry-After (templates/account/lockout.html).
AXES_LOCKOUT_CALLABLE = "careercenter.security.lockout_response"
# django-ipware is not installed, so axes would read REMOTE_ADDR only (the proxy's address in
# production); this applies TRUSTED_PROXY_COUNT the way allauth does.
AXES_CLIENT_IP_CALLABLE = "careercenter.security.client_ip"

# Email --------------------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "careercenter <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Any other backend by its dotted path: a provider's API through django-anymail (install it and
# set its ANYMAIL settings; see the README), or files in EMAIL_FILE_PATH for a test.
if os.environ.get("EMAIL_BACKEND"):
    EMAIL_BACKEND = os.environ["EMAIL_BACKEND"]
if os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]

# Links in e-mails and calendar feeds are read outside the site, so they need its address.
# `check --deploy` warns (careercenter.W002) when it is left at the development default.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Internationalisation -----------------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Static files -------------------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (the listing files admins import) are kept here for the background worker and
# never served: there is no MEDIA_URL route. With workers on other machines, point the default
# storage at a shared one (or mount MEDIA_ROOT on each).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATIC_STORAGE", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# django-import-export: admin exports are written as careercenter.spreadsheets.SpreadsheetSafeCSV,
# which defuses each cell a spreadsheet would take for a formula (=, +, -, @, tab, carriage
# return). The library's own escaping is off: it deletes one leading "=" and nothing else.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Audit log: only models registered explicitly (student records), with the request's user.
AUDITLOG_INCLUDE_ALL_MODELS = False

# Security -----------------------------------------------------------------------------------

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if os.environ.get("SECURE_PROXY_SSL_HEADER_NAME"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER_NAME"], "https")

# Scripts and styles come only from our own static files (Bootstrap and htmx are vendored).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
