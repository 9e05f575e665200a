"""Settings shared by every environment; each value can be overridden from the environment."""

import math
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

from aicities.formats import ADMIN_DATE_FORMAT, ADMIN_DATETIME_FORMAT, ADMIN_TIME_FORMAT
from web.csp import csp_settings, permissions_policy
from web.shared_cache import cache_settings

from .environment import RECAPTCHA_TEST_PRIVATE_KEY, RECAPTCHA_TEST_PUBLIC_KEY

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

INSTALLED_APPS = [
    "web",
    "home",
    "members",
    "mail",
    "programme",
    "committee",
    "applications",
    "certificates",
    "registrations",
    "archive",
    "figures",
    "demo",
    "django_recaptcha",
    "django_tasks",
    "django_tasks_db",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail_modeladmin",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    # Not "wagtail.contrib.frontend_cache": its signal handlers purge each published page on
    # their own, inside the editor's request; web/page_cache.py purges the same pages, once.
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

# Outermost first: a request passes down this list, its response back up. Each entry says why
# it sits where it does.
MIDDLEWARE = [
    # Answers /healthz before anything else runs, so a load balancer reaches it straight at
    # gunicorn, whatever the Host and without HTTPS (web/health.py).
    "web.health.HealthProbeMiddleware",
    # HTTPS redirect and security headers, on every response that follows.
    "django.middleware.security.SecurityMiddleware",
    # Anonymous pages from the shared cache (web/page_cache.py). Outside the CSP middleware, so a
    # kept page keeps the policy its nonce matches.
    "web.page_cache.PageCacheMiddleware",
    # The page cache's generations, read before the view (also for whom the page cache does not
    # serve), under which the parts of pages are kept (web/fragments.py).
    "web.fragments.PageGenerationsMiddleware",
    # Content-Security-Policy with a nonce per response (web/csp.py), then Permissions-Policy.
    "web.csp.SiteCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Static files straight from gunicorn (hashed names cached for a year in production), before
    # sessions, locale and CSRF spend anything on them.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An explicit Cache-Control on every response (web/cache_headers.py). Outside the session and
    # CSRF middleware, so it sees the cookies they set.
    "web.cache_headers.CacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session (it reads the chosen language) and before CommonMiddleware (which
    # redirects with the language prefix).
    "django.middleware.locale.LocaleMiddleware",
    # Refuses oversized bodies and control characters (web/request_hygiene.py) before
    # CommonMiddleware, CSRF or a view reads the request.
    "web.request_hygiene.RequestHygieneMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Inside CommonMiddleware (it sets Content-Length) and the page cache (it keeps the result).
    "home.hyphenation.SoftHyphenMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Editors' redirects only when no page answered (it acts on a 404 response).
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Sign-in lockout (django-axes): last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "aicities.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "aicities.wsgi.application"

# SQLite is the zero-set-up default; DATABASE_URL=postgres://... switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
USING_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
# Every wait for the database is bounded (web/database_waits.py), so a hung database gives
# visitors a 503 within seconds instead of holding them until gunicorn kills the worker; the
# sum of the longest waits is checked against gunicorn's timeout when it starts.
# - seconds to get a PostgreSQL connection;
# - seconds of silence during a statement after which the server is asked whether it is alive
#   (a hung one does not answer within DATABASE_CONNECT_TIMEOUT: that is a 503);
# - seconds a live server may run one statement (it cancels it then);
# - seconds the process then stops asking the database, answering 503 at once;
# - seconds a SQLite writer waits for another writer's lock.
DATABASE_CONNECT_TIMEOUT = float(env("DATABASE_CONNECT_TIMEOUT", "2"))
DATABASE_PROBE_AFTER = float(env("DATABASE_PROBE_AFTER", "1.5"))
DATABASE_STATEMENT_TIMEOUT = float(env("DATABASE_STATEMENT_TIMEOUT", "15"))
DATABASE_BREAKER_SECONDS = float(env("DATABASE_BREAKER_SECONDS", "5"))
DATABASE_LOCK_TIMEOUT = float(env("DATABASE_LOCK_TIMEOUT", "20"))
if USING_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # libpq's own limit (whole seconds, at least 2) for clients that block.
            "connect_timeout": max(2, math.ceil(DATABASE_CONNECT_TIMEOUT)),
            "options": f"-c statement_timeout={round(DATABASE_STATEMENT_TIMEOUT * 1000)}",
        }
    )
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Writers queue for the lock (IMMEDIATE) instead of failing with "database is locked", and
    # WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": DATABASE_LOCK_TIMEOUT,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
# Seconds to wait for Redis to accept a connection, and to answer a call: together at most half
# a second, which is all a hung Redis may add to a page, since the first failure opens a
# circuit breaker that skips the cache for CACHE_BREAKER_SECONDS in the whole process
# (web/shared_cache.py). A failed call is a miss: pages are still served; rate limits decide for
# themselves what a miss means (web/throttle.py), and /healthz reports the outage.
REDIS_CONNECT_TIMEOUT = float(env("REDIS_CONNECT_TIMEOUT", "0.2"))
REDIS_TIMEOUT = float(env("REDIS_TIMEOUT", "0.3"))
CACHE_BREAKER_SECONDS = float(env("CACHE_BREAKER_SECONDS", "5"))
if REDIS_URL:
    CACHES = cache_settings(REDIS_URL, connect_timeout=REDIS_CONNECT_TIMEOUT, timeout=REDIS_TIMEOUT)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Every password form (the invitation to choose one, a reset, the admin's) uses these.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "members.passwords.NameInPasswordValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the source; the five others are translations.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("de", "Deutsch"),
    ("es", "Español"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Soft hyphens in the long words of every page, by its language (home/hyphenation.py).
SOFT_HYPHENS = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
# The day a static archive was made, while archive/builder.py renders it: pages then say they
# are an archive and leave out what a static copy cannot do. None on the live site.
SITE_ARCHIVE_MADE_ON = None
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Files that must never be served publicly (applications' signed letters).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
# Private files and their folders are the site user's alone, whatever the process's umask.
PRIVATE_FILE_MODES = {"file_permissions_mode": 0o600, "directory_permissions_mode": 0o700}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Letters of commitment and certificates: never under MEDIA_ROOT, never a public address.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None, **PRIVATE_FILE_MODES},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Implicit TLS (SMTPS, port 465) instead of STARTTLS; the two exclude each other.
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "AI for Cities <no-reply@aiforcities.eu>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# An SMTP server that accepts the connection and never answers must not hold the worker.
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "20"))
# "Name <address>, Name <address>": who receives the reports of server errors.
ADMINS = [
    tuple(part.strip(" >") for part in entry.split("<"))
    for entry in env_list("ADMINS")
    if "<" in entry
]

# Wagtail
WAGTAIL_SITE_NAME = "AI for Cities"
# The one public base address of every absolute link (emails, sitemap, feeds, calendars, PDFs,
# QR codes, credentials); `make run` sets it from HOST and PORT, and `manage.py sync_site` makes
# the Wagtail Site record follow it.
BASE_URL = env("BASE_URL", env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL
# The domain of our emails' Message-IDs (each email's key before the @).
EMAIL_MESSAGE_ID_DOMAIN = env("EMAIL_MESSAGE_ID_DOMAIN", urlsplit(BASE_URL).hostname or "localhost")
# Editors and members reset passwords through the members' pages (queued, retried, limited).
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Staff avatars are initials, not Gravatar images: Gravatar is refused by the site's own CSP,
# and would receive a hash of each editor's email address.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Site search. SQLite: one language-neutral index. PostgreSQL: one database backend per language,
# with that language's stemming and accent folding (the "<configuration>_unaccent" text-search
# configurations of home's migration 0003). All of them share Wagtail's one index table, so each
# backend writes only the pages of its language (home/search.py); the default (English) one also
# keeps what has no language (documents, images, users). INDEX_PREFIX is for Elasticsearch.
SEARCH_CONFIGURATIONS = {
    "en": "english",
    "fr": "french",
    "it": "italian",
    "nl": "dutch",
    "de": "german",
    "es": "spanish",
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if USING_POSTGRES:
    WAGTAILSEARCH_BACKENDS = {
        ("default" if code == LANGUAGE_CODE else code): {
            "BACKEND": "home.search",
            "LANGUAGE": code,
            "SEARCH_CONFIG": f"{configuration}_unaccent",
            "KEEPS_UNTRANSLATED": code == LANGUAGE_CODE,
        }
        for code, configuration in SEARCH_CONFIGURATIONS.items()
    }
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Renditions of restricted images are stored privately and served by Django (web/storage.py).
WAGTAILIMAGES_RENDITION_STORAGE = "web.storage.RenditionStorage"
WAGTAILDOCS_DOCUMENT_MODEL = "committee.Resource"
WAGTAIL_FRONTEND_LOGIN_URL = "members:login"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

# Frontend cache purge (CDN): configured only when its variables are present.
if env("FRONTEND_CACHE_CLOUDFLARE_TOKEN"):
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env("FRONTEND_CACHE_CLOUDFLARE_TOKEN"),
            "ZONEID": env("FRONTEND_CACHE_CLOUDFLARE_ZONEID", ""),
        }
    }
elif env("FRONTEND_CACHE_HTTP_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_HTTP_URL"),
        }
    }

# Each page's address is purged in its own language (web/page_cache.py), not re-prefixed with
# every language by Wagtail's purge (slugs differ per language).
WAGTAILFRONTENDCACHE_LANGUAGES = []

LOGIN_URL = "wagtailadmin_login"

# Emails run outside the request, from a queue kept in the database ("queue"; worker:
# `manage.py db_worker --backend queue`). Wagtail's own small tasks (search index, references)
# stay immediate, as Wagtail ships them.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "queue": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# reCAPTCHA: Google's test keys (always pass) unless real keys are given; production refuses them.
RECAPTCHA_PUBLIC_KEY = env("RECAPTCHA_PUBLIC_KEY", RECAPTCHA_TEST_PUBLIC_KEY)
RECAPTCHA_PRIVATE_KEY = env("RECAPTCHA_PRIVATE_KEY", RECAPTCHA_TEST_PRIVATE_KEY)
SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]
# Seconds to wait for Google's answer; past that the application is kept as "spam check not done".
RECAPTCHA_VERIFY_REQUEST_TIMEOUT = int(env("RECAPTCHA_VERIFY_REQUEST_TIMEOUT", "5"))

# Personal data of applications is kept this long after the cohort ends, then anonymised
# (`manage.py purge_expired_applications`, run daily).
APPLICATION_RETENTION_DAYS = int(env("APPLICATION_RETENTION_DAYS", str(365 * 2)))

# Programme facts that are not editorial content.
PROGRAMME_PARTICIPANT_TARGET = 175

# Certificates. The completion rule: "all" (every session of the cohort that was not cancelled)
# or minimum counts per kind, e.g. "online=3,in_person=1".
CERTIFICATE_COMPLETION_RULE = env("CERTIFICATE_COMPLETION_RULE", "all")
# The key that signs the Open Badges credentials (RS256): an RSA private key of at least 3072
# bits, in PEM. Without it, development and tests create one in CERTIFICATE_SIGNING_KEY_FILE on
# first use; production refuses to start without it, and `check` refuses any other kind.
CERTIFICATE_SIGNING_KEY = env("CERTIFICATE_SIGNING_KEY", "").replace("\\n", "\n")
CERTIFICATE_SIGNING_KEY_FILE = BASE_DIR / ".certificate-signing-key-rsa.pem"
# Certificate look-ups allowed per client address: (count, seconds).
CERTIFICATE_LOOKUP_RATE = (
    int(env("CERTIFICATE_LOOKUPS_ALLOWED", "20")),
    int(env("CERTIFICATE_LOOKUP_WINDOW", "600")),
)
# Addresses and networks of the proxies in front of the site (nginx on the same machine): only
# a request that comes from one of them has its X-Forwarded-For read (web/throttle.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")

# Demo content and demo accounts are allowed only where a settings module says so.
DEMO_CONTENT_ALLOWED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "filters": {
        "debug_off": {"()": "django.utils.log.RequireDebugFalse"},
        "worth_reporting": {"()": "mail.error_reports.WorthReporting"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        # Django's error reports to ADMINS, queued in the outbox once per error per hour
        # instead of sent from inside the failing request (mail/error_reports.py).
        "error_reports": {
            "class": "mail.error_reports.QueuedErrorReports",
            "level": "ERROR",
            "filters": ["debug_off", "worth_reporting"],
        },
    },
    "loggers": {"django": {"handlers": ["error_reports"], "level": "INFO"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Queued emails older than this (minutes) mean no worker is running: /healthz fails.
EMAIL_QUEUE_ALERT_MINUTES = int(env("EMAIL_QUEUE_ALERT_MINUTES", "15"))

SITE_LABEL = _("AI for Cities")

# --- Security: sign-in lockout (django-axes) ------------------------------------------------
# Every sign-in (Wagtail admin, members' page: every `authenticate` call) is counted by
# normalised username and client address together: failures from one address lock that address
# out of that account, never the account's owner elsewhere. The cool-off grows with the
# failures on the username from every address (members/lockout.py).
INSTALLED_APPS.append("axes")
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "members.lockout.NormalisedUsernameBackend",
]
AXES_FAILURE_LIMIT = int(env("SIGN_IN_FAILURES_ALLOWED", "5"))
SIGN_IN_FAILURE_WINDOW = timedelta(seconds=int(env("SIGN_IN_FAILURE_WINDOW", "900")))
SIGN_IN_LONGEST_WAIT = timedelta(hours=24)
AXES_COOLOFF_TIME = "members.lockout.progressive_cool_off"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "members.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "web.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "members.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_SENSITIVE_PARAMETERS = ["password"]

# --- Security: rate limits on forms that send email or look something up ---------------------
# (count, seconds) per client address; and emails a visitor can have sent to one address.
PASSWORD_RESET_RATE = (
    int(env("PASSWORD_RESETS_ALLOWED", "10")),
    int(env("PASSWORD_RESET_WINDOW", "3600")),
)
OPENING_ALERT_RATE = (
    int(env("OPENING_ALERTS_ALLOWED", "10")),
    int(env("OPENING_ALERT_WINDOW", "3600")),
)
# Applications sent per client address (counted whether or not the form is valid). When the
# shared cache is down the form stays open: an application must never meet a dead end.
APPLICATION_RATE = (
    int(env("APPLICATIONS_ALLOWED", "20")),
    int(env("APPLICATION_WINDOW", "3600")),
)
# Seconds between opening the form and sending it below which the sender is taken for a robot.
APPLICATION_MIN_FILL_SECONDS = int(env("APPLICATION_MIN_FILL_SECONDS", "5"))
REQUESTED_EMAILS_PER_RECIPIENT_RATE = (
    int(env("EMAILS_PER_RECIPIENT_ALLOWED", "3")),
    int(env("EMAILS_PER_RECIPIENT_WINDOW", "3600")),
)
# And per day, across every kind a visitor can trigger (mail/limits.py).
REQUESTED_EMAILS_PER_RECIPIENT_DAILY_RATE = (
    int(env("EMAILS_PER_RECIPIENT_PER_DAY", "10")),
    86400,
)
# "Ask for a translation" requests one committee member may send (committee/views.py); each
# editor's inbox counts them besides, with the per-recipient limits above.
TRANSLATION_REQUEST_RATE = (
    int(env("TRANSLATION_REQUESTS_ALLOWED", "5")),
    int(env("TRANSLATION_REQUEST_WINDOW", "3600")),
)
# New applications staff hear of one by one in an hour; the others wait for one digest, sent
# an hour after the first of them (applications/notifications.py).
STAFF_NOTIFICATIONS_PER_HOUR = int(env("STAFF_NOTIFICATIONS_PER_HOUR", "5"))
# Wagtail's own admin password reset sends unlimited, synchronous emails: off. Editors use the
# members' password reset, which is limited and queued.
WAGTAIL_PASSWORD_RESET_ENABLED = False

# --- Security: caching that cannot leak ----------------------------------------------------
# Every response gets an explicit Cache-Control (web/cache_headers.py): private, no-store for
# anything that may depend on the visitor, public with this max-age (seconds) otherwise.
# Browsers keep a public page PUBLIC_CACHE_MAX_AGE seconds, shared caches (a CDN, purged by
# Wagtail's frontend cache when a record changes) PUBLIC_CACHE_S_MAXAGE seconds.
PUBLIC_CACHE_MAX_AGE = int(env("PUBLIC_CACHE_MAX_AGE", "60"))
PUBLIC_CACHE_S_MAXAGE = int(env("PUBLIC_CACHE_S_MAXAGE", "600"))

# --- Security: junk is refused at the door ---------------------------------------------------
# Bodies larger than this are refused (HTTP 413) before they are read: the largest legitimate
# one is an editor's document upload (WAGTAILDOCS_MAX_UPLOAD_SIZE). NUL and control characters
# in query strings and form fields get HTTP 400 (web/request_hygiene.py).
MAX_REQUEST_BODY_BYTES = WAGTAILDOCS_MAX_UPLOAD_SIZE + 5 * 1024 * 1024

# --- Security: Content-Security-Policy and Permissions-Policy --------------------------------
# A strict policy on the public site (no inline script or style), a looser one on the admin,
# reCAPTCHA only on the application page (web/csp.py). CSP_REPORT_ONLY=true sends the policy
# as Content-Security-Policy-Report-Only while rolling it out; CSP_REPORT_URI collects reports.
INSTALLED_APPS.append("csp")
CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_REPORT_ONLY = csp_settings(
    report_only=env_bool("CSP_REPORT_ONLY", False), report_uri=env("CSP_REPORT_URI", "")
)
PERMISSIONS_POLICY = permissions_policy()

# --- The page cache: anonymous pages from the shared cache (web/page_cache.py) -------------
# Kept PAGE_CACHE_SECONDS at most (0 turns it off) and cleared the moment a record they show
# changes.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "600"))

# --- Operations: health, retention, editors' admin ----------------------------------------
# /healthz shows its checks to staff and to a request with "Authorization: Bearer <token>";
# everyone else gets the status alone (web/health.py).
HEALTHZ_TOKEN = env("HEALTHZ_TOKEN", "")
# What is kept only for a while, then deleted every night (manage.py prune_records, on
# aicities-prune.timer): sign-in records (the privacy notice states the same number of days)
# and finished background tasks. Expired sessions go the same night.
SIGN_IN_LOG_RETENTION_DAYS = int(env("SIGN_IN_LOG_RETENTION_DAYS", "30"))
TASK_RESULT_RETENTION_DAYS = int(env("TASK_RESULT_RETENTION_DAYS", "30"))

# Moderation workflows are off: editors publish everywhere and committee members publish their
# own notes (members/groups.py), so Wagtail's default "Moderators approval" only offered a
# "Submit for moderation" that reached an empty group, and its notifications are sent inside
# the request rather than through the outbox. WAGTAIL_WORKFLOW_ENABLED=true turns workflows on
# (deploy/README.md, "Editors": give the task a group of reviewers first).
WAGTAIL_WORKFLOW_ENABLED = env_bool("WAGTAIL_WORKFLOW_ENABLED", False)
# The admin's dates: day before month, 24-hour clock, read back in every language
# (aicities/formats).
WAGTAIL_DATE_FORMAT = ADMIN_DATE_FORMAT
WAGTAIL_DATETIME_FORMAT = ADMIN_DATETIME_FORMAT
WAGTAIL_TIME_FORMAT = ADMIN_TIME_FORMAT
FORMAT_MODULE_PATH = ["aicities.formats"]
