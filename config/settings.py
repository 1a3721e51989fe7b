"""Settings for Off-Ramps.

Everything that differs between a laptop and production comes from environment variables,
read through the small, strict helpers below. The defaults are for local development, so
`manage.py runserver` works on a fresh checkout: SQLite needs no server, DEBUG is on and a
development secret key is used. With DEBUG off, missing production settings stop start-up.
"""

import os
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    value = os.environ.get(name, default)
    if value not in ("True", "False", "true", "false"):
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")
    return value in ("True", "true")


def envint(name, default):
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envaddresses(name):
    """Comma-separated email addresses, each bare or as "Name <address>": [(name, address)]."""
    value = os.environ.get(name, "")
    pairs = getaddresses([value]) if value.strip() else []
    if any("@" not in address for _, address in pairs):
        raise ImproperlyConfigured(f'{name} must be addresses like "Name <a@example.org>, ..."')
    return pairs


DEBUG = envbool("DEBUG", "True")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS")
if DEBUG:
    SECRET_KEY = SECRET_KEY or "dev-only-secret-key-never-used-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "testserver"]
else:
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-only"):
        raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set ALLOWED_HOSTS to the host names this site answers to.")

INSTALLED_APPS = [
    # django.contrib.admin, with a site that curators open by their role (accounts/roles.py).
    "accounts.apps.CurationAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "axes",
    "simple_history",
    # The job queue (see TASKS below).
    "django_tasks",
    "django_tasks_db",
    # Site-wide code, an app for its `run_worker` command (core/jobs.py).
    "core",
    "accounts",
    "directory",
    "referrals",
    "hsds",
    "factsheet",
    # After directory: its admin extends the directory's service admin.
    "curation",
]

MIDDLEWARE = [
    # First, so that every request is logged with the status it got, refusals included.
    "config.middleware.access_log",
    # These headers come before anything that may refuse a request (a bad Host header, in
    # SecurityMiddleware's HTTPS redirect or in CommonMiddleware), so error pages carry them.
    "config.middleware.content_security_policy",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language: the language cookie (the switch in the header, or the account's
    # own language, set at sign-in: accounts/views.py), else the browser's Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # /healthz answers here: after the Host check, before the session or the user is read.
    "config.health.serve_healthz",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, reading the user with the session where it can (accounts/middleware.py).
    "accounts.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.session_expiry",
    # Deny by default: a view is public only if marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "config.middleware.no_store_when_signed_in",
    "config.middleware.RefuseNulCharacters",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a lockout into the "locked out" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "accounts.context_processors.curation",
                "referrals.context_processors.referral_list",
                "core.context_processors.quick_exit",
            ],
        },
    },
]

# SQLite by default: the database is one file under var/, created by `manage.py migrate`,
# so a fresh checkout runs with no database server. Production and CI set DATABASE_URL,
# e.g. postgres://postgres@127.0.0.1:5432/test.
if not os.environ.get("DATABASE_URL"):
    (BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
# A GET or HEAD request that fails because the database went away (a restart, a fail-over)
# waits this many seconds at most for it to come back, then runs once more (config/wsgi.py).
# 0 turns this off.
DB_RETRY_SECONDS = envint("DB_RETRY_SECONDS", "5")
# SQLite: write-ahead logging, so the web process reads while the worker writes; a write
# transaction takes its lock when it begins (IMMEDIATE), so two writers queue behind the busy
# timeout instead of one failing on an upgrade from a read lock.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# PostgreSQL's JIT compiler spends hundreds of milliseconds compiling the directory's short
# queries (its cost estimates for the EXISTS of "open now" and the distance subqueries pass
# jit_above_cost) to save a few: off for this connection (bench/where_when_bench.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# Lets two test runs share one PostgreSQL server without dropping each other's database.
if os.environ.get("TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DB_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English and Spanish (README "Languages"). The translations are in locale/es/, with the
# glossary of the terms chosen in locale/GLOSSARY.md. Each language is named in itself.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Chicago")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Where `manage.py collectstatic` gathers the static files, for WhiteNoise to serve. With
# DEBUG off it must have run: config/wsgi.py refuses to start without its manifest.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            # WhiteNoise's CompressedManifestStaticFilesStorage, each URL found once.
            "config.storage.StaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Accounts and sessions (OWASP ASVS level 2, chapters 2 and 3).
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "directory:home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60
# Sessions live in the database, so every app server behind a load balancer sees them
# (Django's database sessions; config/sessions.py logs an outage as one error).
SESSION_ENGINE = "config.sessions"
# A session ends after this long without a request, and this long after signing in whatever
# happens (config/middleware.py); signing out deletes it on the server.
SESSION_IDLE_TIMEOUT = envint("SESSION_IDLE_MINUTES", "30") * 60
SESSION_COOKIE_AGE = envint("SESSION_MAX_HOURS", "12") * 60 * 60

# Failed sign-ins pause an account, whatever the address they come from, and separately an
# IP address, whatever the usernames, for a cool-off period. An address gets a higher limit:
# a whole office may share one. accounts.lockout.LockoutHandler applies the two limits.
# A user's permissions (their own and their roles') are read in one query by
# accounts.backends.RolePermissionBackend; SessionUserBackend (Django's ModelBackend, but for
# reading the signed-in user with the session, config/sessions.py) signs people in, and its
# sessions name it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.RolePermissionBackend",
    "accounts.backends.SessionUserBackend",
]
AXES_HANDLER = "accounts.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", "5")
LOGIN_ADDRESS_FAILURE_LIMIT = envint("LOGIN_ADDRESS_FAILURE_LIMIT", "20")
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # in this order: see LockoutHandler
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.network.client_ip"
# How many reverse proxies stand in front of the app. With one or more, the client address
# is read from X-Forwarded-For and HTTPS from X-Forwarded-Proto, which those proxies must set.
TRUSTED_PROXIES = envint("TRUSTED_PROXIES", "0")
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Password reset mail: printed to the console unless an SMTP server is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", "587")
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "True")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Off-Ramps <no-reply@localhost>")

# Logging: everything goes to stderr, for the process manager or the container to keep.
# config.middleware.access_log writes one line per request. A server error is logged with
# its traceback (no local variables, no request values) and, with DEBUG off, mailed to
# ADMINS; the mail leaves out the request's values (config.errors.MailedErrorReport). A
# request for another host name is logged, not mailed: bots send those all day.
ADMINS = envaddresses("ADMINS")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_SUBJECT_PREFIX = "[Off-Ramps] "
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
    raise ImproperlyConfigured("LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL.")
# LOG_FORMAT=json writes each record as one JSON object per line (config/logformat.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be plain or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
        "json": {"()": "config.logformat.JsonFormatter"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "reporter_class": "config.errors.MailedErrorReport",
        },
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # Mailed to ADMINS, then written to stderr by the root logger, like every other.
        "django": {"handlers": ["mail_admins"], "level": LOG_LEVEL},
        "django.security.DisallowedHost": {"handlers": ["stderr"], "propagate": False},
    },
}

# Background jobs (README "Background jobs"): Django's tasks framework (django_tasks, the
# backport of Django 6's django.tasks) with its database backend. The queue is a table in the
# same SQLite or PostgreSQL database, so it needs no other server, and a queued job waits there,
# whatever restarts, until `manage.py run_worker` (`make worker`) runs it. Tests use this same
# backend and run the worker themselves (tests/conftest.py run_jobs).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# The optional map of the directory's results (Leaflet, vendored in static/vendor/leaflet):
# off unless a tile server is named, e.g. https://tile.example.org/{z}/{x}/{y}.png, with
# the attribution its terms ask for (HTML). Its images are allowed by the CSP (middleware).
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")

# Hardening (Django's deployment checklist). HTTPS is on by default in production.
HTTPS = envbool("HTTPS", str(not DEBUG))
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
if HTTPS:
    # Browsers only accept __Host- cookies over HTTPS, from this exact host, for every path.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-language"
SECURE_HSTS_SECONDS = envint("HSTS_SECONDS", "31536000") if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"  # JSON under /api/, the page elsewhere
# Sent on every response (config/middleware.py). No inline script or style anywhere,
# the Django admin included.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Open Referral HSDS: who may read the API under /api/. "staff" (the default): signed-in
# staff and holders of an API token a superuser issued in the admin; "token": token holders
# only; "signed-in": any signed-in user or a token; "public": anyone.
HSDS_API_ACCESS = os.environ.get("HSDS_API_ACCESS", "staff")
if HSDS_API_ACCESS not in ("staff", "token", "signed-in", "public"):
    raise ImproperlyConfigured("HSDS_API_ACCESS must be staff, token, signed-in or public.")
# Packages uploaded in the admin wait here between their dry run and the import. With more
# than one app server (or a worker on another machine) it must be shared storage that all of
# them mount at this path.
HSDS_UPLOAD_DIR = Path(os.environ.get("HSDS_UPLOAD_DIR", BASE_DIR / "var" / "hsds-uploads"))
# Admin imports run in a background thread, so a large package never times out a request.
HSDS_IMPORT_IN_BACKGROUND = envbool("HSDS_IMPORT_IN_BACKGROUND", "True")
# An import whose worker has given no sign of life for this long is failed by the next
# worker's sweep (README "Background jobs"), if that worker cannot see its process.
HSDS_IMPORT_STALE_SECONDS = envint("HSDS_IMPORT_STALE_SECONDS", "120")
# Syncs with other directories' HSDS feeds (README "Sync with another directory"): the key
# that seals their tokens in the database (empty: drawn from SECRET_KEY), how long one page
# may take to come, how many services a page asks for, the largest page read, and how far
# before the last successful sync the next asks for changes (clocks differ).
HSDS_FEED_KEY = os.environ.get("HSDS_FEED_KEY", "")
HSDS_SYNC_TIMEOUT = envint("HSDS_SYNC_TIMEOUT", "30")
HSDS_SYNC_PER_PAGE = envint("HSDS_SYNC_PER_PAGE", "100")
HSDS_SYNC_MAX_PAGE_BYTES = envint("HSDS_SYNC_MAX_PAGE_BYTES", str(50 * 1024 * 1024))
HSDS_SYNC_OVERLAP_SECONDS = envint("HSDS_SYNC_OVERLAP_SECONDS", "600")

# A service not verified within this many days is flagged as stale to curators.
STALE_AFTER_DAYS = envint("STALE_AFTER_DAYS", "365")

# The cache, shared by every app server and worker: Redis when CACHE_URL is set (e.g.
# redis://127.0.0.1:6379/0), else the database table `offramps_cache` (created by `manage.py
# createcachetable`, which a migration runs once and `make serve` on every start). Never one
# process's memory: a change one server makes (a fact sheet mapping saved in the admin) must
# be seen by all of them at once.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("CACHE_URL must be a redis://, rediss:// or unix:// URL.")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "offramps_cache",
        }
    )
}

# A service's capacity figure ("3 beds available") older than this many hours shows as
# "availability unknown" and no longer counts as availability (directory/models/capacity.py).
CAPACITY_FRESH_HOURS = envint("CAPACITY_FRESH_HOURS", "24")

# A provider's update link (curation.UpdateRequest) works once, for this many days.
UPDATE_REQUEST_DAYS = envint("UPDATE_REQUEST_DAYS", "30")

# The reference pages keep their data cached this many seconds at most (factsheet/cache.py).
REFERENCE_CACHE_SECONDS = envint("REFERENCE_CACHE_SECONDS", "60")

# Where "Quick exit" (every page's button, and Escape pressed twice) sends the reader: a
# neutral page that says nothing of this site. See the README's "Quick exit".
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.google.com/search?q=weather")
if not QUICK_EXIT_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("QUICK_EXIT_URL must be a web address (https://...).")

# The survivor-informed language check flags a service's description and how to refer
# when they read above this US school grade (directory/language_check.py).
READING_GRADE_LIMIT = envint("READING_GRADE_LIMIT", "8")
