"""Clearsight settings. Everything that differs between machines comes from environment variables.

DATABASE_URL        selects the database (PostgreSQL in production); without it, SQLite in var/.
DJANGO_SECRET_KEY   required everywhere but development (DJANGO_DEBUG=1) and the tests: without it
                    the service refuses to start.
DJANGO_DEBUG        "1" for development only.
DJANGO_ALLOWED_HOSTS comma-separated host names.
CLEARSIGHT_IDLE_TIMEOUT_MINUTES, CLEARSIGHT_ABSOLUTE_TIMEOUT_HOURS  session limits;
CLEARSIGHT_IDLE_WARNING_MINUTES  how long before an idle sign-out pages warn (2).
CLEARSIGHT_SIGN_IN_*  sign-in throttling (README, "Running it for real").
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


DEBUG = env_bool("DJANGO_DEBUG")
# Development means DJANGO_DEBUG=1 on a developer's machine, or the test suite (bin/test sets nothing).
TESTING = "pytest" in sys.modules
DEVELOPMENT = DEBUG or TESTING
# The public fallback key only exists for development. Anywhere else (production, or a demo: bin/start
# makes a key of its own in var/secret_key) the service refuses to start without a real key, since
# anyone could forge sessions and signed links with a published one.
INSECURE_DEV_KEY = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or (INSECURE_DEV_KEY if DEVELOPMENT else "")
if not DEVELOPMENT and SECRET_KEY in ("", INSECURE_DEV_KEY):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set (or is the public development key), so Clearsight will not start. Set it to "
        "a long random value kept secret on this machine, for example the output of: python3 -c "
        "'import secrets; print(secrets.token_urlsafe(50))'. On a development machine set DJANGO_DEBUG=1 instead."
    )
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

SERVICE_NAME = "Clearsight"
DEMO_MODE = env_bool("CLEARSIGHT_DEMO")

INSTALLED_APPS = [
    "clearsight.core",
    "clearsight.concerns",
    "clearsight.cases",
    "clearsight.supply",
    "clearsight.matching",
    "clearsight.spend",
    "clearsight.screening",
    "clearsight.assessments",
    "clearsight.partnership",
    "clearsight.intelligence",
    "clearsight.operations",
    "clearsight.training",
    "clearsight.actionplan",
    "clearsight.board",
    "clearsight.statements",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "govuk_frontend_django",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: the request id (core/request_id.py), then /healthz and /readyz answered before anything
    # else (core/health.py: no sessions, host check or audit for a load balancer's questions).
    "clearsight.core.request_id.RequestIdMiddleware",
    "clearsight.core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "clearsight.core.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "clearsight.core.middleware.SessionTimeoutMiddleware",
    "clearsight.core.middleware.TwoFactorRequiredMiddleware",
    "clearsight.core.middleware.ActingOrganisationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "clearsight.core.middleware.PermissionsPolicyMiddleware",
    "clearsight.core.middleware.RefusalAuditMiddleware",
    "csp.middleware.CSPMiddleware",
    # After CSPMiddleware, so that it sees the identity providers' addresses allowed for forms.
    "clearsight.core.views.sso.FormActionMiddleware",
]

ROOT_URLCONF = "clearsight.urls"
WSGI_APPLICATION = "clearsight.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "clearsight" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clearsight.core.context_processors.service",
            ],
        },
    },
]

# Database: PostgreSQL through DATABASE_URL (psycopg 3), otherwise SQLite in WAL mode with
# immediate transactions and a busy timeout, so concurrent writers wait instead of failing.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "var" / "clearsight.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": env_int("CLEARSIGHT_SQLITE_TIMEOUT", 20),
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
# Single sign-on (core/oidc.py, ADR 0035): identity providers are records (admin, manage.py
# add_identity_provider), each naming the environment variable that holds its client secret.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend", "clearsight.core.oidc.IdentityProviderBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:sign-in"
LOGIN_REDIRECT_URL = "core:home"

# Sessions: an idle timeout and an absolute timeout, enforced by SessionTimeoutMiddleware.
IDLE_TIMEOUT = timedelta(minutes=env_int("CLEARSIGHT_IDLE_TIMEOUT_MINUTES", 15))
ABSOLUTE_TIMEOUT = timedelta(hours=env_int("CLEARSIGHT_ABSOLUTE_TIMEOUT_HOURS", 12))
# Pages warn this long before an idle sign-out and offer to stay signed in (assets/js/session-timeout.js).
IDLE_WARNING = timedelta(minutes=env_int("CLEARSIGHT_IDLE_WARNING_MINUTES", 2))
SESSION_COOKIE_AGE = int(ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG and not DEMO_MODE)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_NAME = "clearsight_session"
CSRF_COOKIE_NAME = "clearsight_csrf"

# Sign-in throttling (core/throttle.py, ADR 0025): after a few failures each further attempt waits a
# growing time, by account (short, slow-growing waits) and by address (fast-growing waits), over a window.
SIGN_IN_THROTTLE_WINDOW = timedelta(hours=env_int("CLEARSIGHT_SIGN_IN_WINDOW_HOURS", 24))
SIGN_IN_THROTTLE = {
    "account": {
        "free": env_int("CLEARSIGHT_SIGN_IN_ACCOUNT_FAILURES", env_int("CLEARSIGHT_LOCKOUT_FAILURES", 5)),
        "first": timedelta(minutes=1), "factor": 2,
        "cap": timedelta(minutes=env_int("CLEARSIGHT_SIGN_IN_ACCOUNT_MAX_MINUTES", 15)),
    },
    "address": {
        "free": env_int("CLEARSIGHT_SIGN_IN_ADDRESS_FAILURES", 20),
        "first": timedelta(minutes=1), "factor": 4,
        "cap": timedelta(minutes=env_int("CLEARSIGHT_SIGN_IN_ADDRESS_MAX_MINUTES", 24 * 60)),
    },
}

OTP_TOTP_ISSUER = "Clearsight"
OTP_TOTP_THROTTLE_FACTOR = 1

# Strict Content Security Policy (django-csp): no inline script without a nonce, nothing external.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
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
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HTTPS only (HSTS), sent by SecurityMiddleware on HTTPS responses: a year by default, never in
# development. Preloading into browsers is for the council to decide, so it is off unless asked for.
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
# Behind a proxy that ends HTTPS, Django sees plain HTTP (and so sends no HSTS) unless it is told to
# trust the proxy's X-Forwarded-Proto header. Only set this when the proxy always sets that header.
if env_bool("DJANGO_TRUST_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Browser features Clearsight never uses are switched off for every page (PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {
    feature: [] for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
        "screen-wake-lock", "usb", "xr-spatial-tracking",
    )
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MANIFEST_STRICT = False

# Concerns: how long an unfinished report is kept, and where overdue-action emails come from.
CONCERN_DRAFT_DAYS = env_int("CLEARSIGHT_CONCERN_DRAFT_DAYS", 28)
# The Home Office's online service where first responders submit NRM referrals and Duty to Notify
# reports (the start page of the Modern Slavery Portal, "Report modern slavery").
HOME_OFFICE_REFERRAL_SERVICE_URL = os.environ.get("CLEARSIGHT_HOME_OFFICE_REFERRAL_SERVICE_URL",
                                                  "https://www.modernslavery.gov.uk/start")

# Background work: the django-tasks API with its database backend (no broker on one machine).
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
# The task worker (manage.py run_worker, core/worker.py, ADR 0031) writes a heartbeat every few seconds;
# a worker on another machine whose heartbeat is older than WORKER_STALE_SECONDS is taken for dead
# (one on this machine is dead as soon as its process is gone), and the tasks it was running run again.
WORKER_HEARTBEAT_SECONDS = env_int("CLEARSIGHT_WORKER_HEARTBEAT_SECONDS", 5)
WORKER_STALE_SECONDS = env_int("CLEARSIGHT_WORKER_STALE_SECONDS", 60)
# /readyz (core/health.py) says "not ready" once a task has waited this long for a worker.
READY_QUEUE_SECONDS = env_int("CLEARSIGHT_READY_QUEUE_SECONDS", 300)
# On SQLite the worker waits this long for another writer (the web pages wait 20 s): a background
# import had better wait than fail. Waits beyond it are retried, never fatal.
WORKER_SQLITE_TIMEOUT = env_int("CLEARSIGHT_WORKER_SQLITE_TIMEOUT", 300)
# The task worker also runs the daily jobs (core/scheduler.py, ADR 0036): from this time of day, UK
# time, looking every SCHEDULER_SECONDS; a failed job is tried again after RETRY_MINUTES, at most
# ATTEMPTS times a day. CLEARSIGHT_SCHEDULER_SECONDS=0 turns the scheduler off (cron runs them instead).
DAILY_JOBS_AT = os.environ.get("CLEARSIGHT_DAILY_JOBS_AT", "02:30")
DAILY_JOBS_RETRY_MINUTES = env_int("CLEARSIGHT_DAILY_JOBS_RETRY_MINUTES", 60)
DAILY_JOBS_ATTEMPTS = env_int("CLEARSIGHT_DAILY_JOBS_ATTEMPTS", 3)
SCHEDULER_SECONDS = env_int("CLEARSIGHT_SCHEDULER_SECONDS", 60)

# Uploaded files (spend files waiting to be imported, assessment evidence) are kept outside the
# static and media roots and are only ever served through views that check who is asking.
PRIVATE_FILES_ROOT = Path(os.environ.get("CLEARSIGHT_PRIVATE_FILES", BASE_DIR / "var" / "private"))

SITE_URL = os.environ.get("CLEARSIGHT_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "clearsight@localhost")
# Every email is queued and sent by the task worker (core/email.py, ADR 0034): through Django's
# EMAIL_BACKEND above ("django", the default), or through GOV.UK Notify ("notify"), with one Notify
# email template whose subject is ((subject)) and whose body is ((body)).
CLEARSIGHT_EMAIL = os.environ.get("CLEARSIGHT_EMAIL", "django").strip().lower()
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID", "")
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk").rstrip("/")
NOTIFY_TIMEOUT_SECONDS = env_int("NOTIFY_TIMEOUT_SECONDS", 30)
if CLEARSIGHT_EMAIL not in ("django", "notify"):
    raise ImproperlyConfigured("CLEARSIGHT_EMAIL must be 'django' or 'notify'")
if CLEARSIGHT_EMAIL == "notify" and not (NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID):
    raise ImproperlyConfigured("CLEARSIGHT_EMAIL=notify needs NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID")

# Logging: request paths and status codes only; never request bodies, form values or user names.
# Every line carries the request id (core/request_id.py). In production each line is one JSON object
# (python-json-logger, ADR 0037); on a developer's machine, in the tests and the demo, plain text.
LOG_FORMAT = os.environ.get("CLEARSIGHT_LOG_FORMAT") or ("plain" if DEVELOPMENT or DEMO_MODE else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "clearsight.core.request_id.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json" if LOG_FORMAT == "json" else "plain",
                             "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "INFO"},
        # PDFs (core/pdf.py): WeasyPrint logs its steps, seven lines a PDF, at INFO, and quotes the
        # document's text (a character no font has) in warnings. Logs carry no personal data.
        "weasyprint": {"level": "ERROR"},
        # Splink hands its SQL to sqlglot, which says at INFO each time it turns a list index of a
        # comparison into DuckDB's (splink_model's "shortened" level): one line per level per run.
        "sqlglot": {"level": "WARNING"},
    },
}
