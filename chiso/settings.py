"""The one settings file: everything that differs between machines comes from the environment."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CHISO_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_str(name: str, default: str = "") -> str:
    """A setting from the environment, or from the file named by NAME_FILE (for secrets)."""
    file = os.environ.get(f"{name}_FILE")
    if file:
        return Path(file).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in env_str(name, default).split(",") if part.strip()]


DEBUG = env_bool("DEBUG", False)
# One switch for a real server behind nginx (docs/deploy.md): HSTS, HTTPS redirect, the proxy's
# X-Forwarded-Proto, hashed and compressed static files, JSON logs. Each stays overridable.
PRODUCTION = env_bool("CHISO_PRODUCTION", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    # Local runs without configuration (tests, demo) get a throwaway key; production must set one.
    SECRET_KEY = "insecure-local-key-set-SECRET_KEY-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "chiso.web",
    "chiso.audit",
    "chiso.units",
    "chiso.assessments",
    "chiso.frameworks",
    "chiso.evidence",
    "chiso.reports",
    "chiso.jobs",
    "chiso.periodic",
    "chiso.dashboards",
    "chiso.api",
    "chiso.inventory",
    "chiso.plans",
    "chiso.reminders",
    "chiso.demo",
    "chiso.ops",
]

MIDDLEWARE = [
    "chiso.lib.middleware.RequestIdMiddleware",
    "chiso.web.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "chiso.web.middleware.RefuseAnonymousUploadsMiddleware",
    "chiso.web.middleware.VietnameseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "chiso.web.middleware.RefuseNulCharactersMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "chiso.web.login.ForcePasswordChangeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "chiso.web.middleware.ContentSecurityPolicyMiddleware",
    "chiso.web.middleware.BoundedIdsMiddleware",
]

ROOT_URLCONF = "chiso.urls"
WSGI_APPLICATION = "chiso.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "chiso.web.context.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'chiso.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Every transaction takes the write lock when it begins (BEGIN IMMEDIATE) and waits for it:
    # one that read first and wrote second failed with "database is locked" when another
    # wrote meanwhile (a save racing a submission), whatever the timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
if DATABASES["default"]["ENGINE"].endswith("postgresql") and env_bool("DB_PREPARED", True):
    # Parameters bound by the server, and the statements a connection runs often (every page
    # runs the same few) prepared after 5 runs: parsed and planned once per connection.
    # DB_PREPARED=0 behind a pooler in transaction mode (pgbouncer), which cannot keep them.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The signed-in user and their roles are read through the shared cache, under namespaces that
# any change to them moves (chiso/units/identity.py): two queries less per request.
AUTHENTICATION_BACKENDS = ["chiso.units.identity.CachedModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "chiso.web.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "chiso" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"
# Static files are the vendored ones in the apps (nothing from a CDN), served by whitenoise. In
# production, `collectstatic` writes them hashed and compressed; elsewhere they are read in place.
WHITENOISE_USE_FINDERS = not env_bool("STATIC_MANIFEST", PRODUCTION)
_STATIC_BACKEND = (
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if env_bool("STATIC_MANIFEST", PRODUCTION)
    else "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Evidence and other uploads go through Django's storage: the local disk (MEDIA_ROOT) by default,
# or any S3-compatible object store (MinIO, Viettel/FPT/CMC object storage, AWS) with
# MEDIA_STORAGE=s3 and `pip install 'chiso[s3]'` (django-storages). Files stay private: they are
# only ever served by chiso after the permission check, through signed-less direct reads.
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "local")
if MEDIA_STORAGE == "s3":
    _MEDIA_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID"),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
            "location": env_str("S3_PREFIX", "media"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _MEDIA_BACKEND = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    }
STORAGES = {"default": _MEDIA_BACKEND, "staticfiles": {"BACKEND": _STATIC_BACKEND}}

# Security defaults: secure cookies whenever not in local debug.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# School computers are shared: a session lasts a working day (12 h by default), not two weeks.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
# Only the header: submitting the domain to the browsers' preload list is a separate, manual step.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
# nginx terminates TLS and sets X-Forwarded-Proto; only trust it behind that proxy. Behind it,
# the login throttle also reads the client address from X-Forwarded-For.
BEHIND_PROXY = env_bool("BEHIND_PROXY", PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# The health probes come over plain HTTP from the machine itself (systemd, monitoring).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# Background jobs (chiso/jobs/runner.py): "thread" runs them in the web process (embedded default),
# "rq" on a Redis queue served by `manage.py run_worker` (production), "inline" at once (tests).
JOBS_BACKEND = env_str("JOBS_BACKEND", "thread")
JOBS_REDIS_URL = env_str("JOBS_REDIS_URL", "redis://127.0.0.1:6379/0")
JOBS_QUEUE = env_str("JOBS_QUEUE", "chiso")
JOBS_TIMEOUT = env_int("JOBS_TIMEOUT", 3600)

# API tokens (manage.py api_token) last this many days, and end with their user's password.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)

EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
# Bodies above these are refused before they are read (413): one evidence file and its form;
# the bulk ZIP of appendices (chiso.reports.jobs.ZIP_MAX_BYTES) and its form.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", EVIDENCE_MAX_BYTES + 1024 * 1024)
BULK_UPLOAD_MAX_BYTES = env_int("BULK_UPLOAD_MAX_BYTES", 301 * 1024 * 1024)
EVIDENCE_CAPTURE_ENABLED = env_bool("EVIDENCE_CAPTURE_ENABLED", True)
EVIDENCE_CAPTURE_IN_BACKGROUND = env_bool("EVIDENCE_CAPTURE_IN_BACKGROUND", True)
EVIDENCE_CAPTURE_TIMEOUT = float(env_str("EVIDENCE_CAPTURE_TIMEOUT", "5"))
EVIDENCE_CAPTURE_ALLOW_PRIVATE = env_bool("EVIDENCE_CAPTURE_ALLOW_PRIVATE", False)

CHISO_DEFAULT_FRAMEWORK = env_str("CHISO_DEFAULT_FRAMEWORK", "qd4725-2022")

# Logs: one JSON object per line on stdout (journald keeps them) with the request id, in
# production; readable lines elsewhere. LOG_FORMAT=json|text overrides.
LOG_FORMAT = env_str("LOG_FORMAT", "json" if PRODUCTION else "text")
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "chiso.lib.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "chiso.lib.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Requests are logged once by chiso.lib.middleware (with timing), not twice.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "chiso.access": {"level": env_str("ACCESS_LOG_LEVEL", "INFO")},
    },
}

# A Server-Timing header with each response's CPU time (the load test reads it); off by default.
SERVER_TIMING = env_bool("SERVER_TIMING", False)

SERIALIZATION_MODULES = {"json-exact": "chiso.lib.serializer"}

# One cache shared by every process that serves requests: the login throttle counts across
# them, and cached sections and dashboards are found by all. Redis in production
# (docs/deploy.md); without it, files under var/ that the workers of one machine share; the
# process's memory for a single process (the demo's runserver, tests).
CACHE_REDIS_URL = env_str("CACHE_REDIS_URL")
if CACHE_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "chiso.lib.cache.RedisCache",
            "LOCATION": CACHE_REDIS_URL,
            # Several chiso instances (or databases) may share one Redis: keep their keys apart.
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX"),
        }
    }
    # Sessions are read from the shared cache and written through to the database: one query
    # less per request. Only with a shared cache: a per-process one would keep a session
    # alive in one worker after a logout in another.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif PRODUCTION:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# Reminder emails (`manage.py send_reminders`, daily from cron or the job queue): the SMTP server,
# the sender, and the address the links in the emails start with. `make demo` prints the emails in
# its terminal (EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "chiso <khong-tra-loi@localhost>")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
