"""Production settings: everything secret or host-specific comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    RECAPTCHA_PUBLIC_KEY,
    RECAPTCHA_TEST_PUBLIC_KEY,
    USING_POSTGRES,
    env,
    env_bool,
    env_list,
)

# --- Security: production refuses unsafe settings -----------------------------------------
if env_bool("DEBUG", False):
    raise ImproperlyConfigured(
        "DEBUG is on: debug pages show settings and code to anyone. Unset DEBUG in production."
    )
DEBUG = False
DEMO_CONTENT_ALLOWED = False

SECRET_KEY = env("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-only") or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters, with at least 5 "
        "different characters, in production."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names in production.")
if any("*" in host for host in ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must not contain '*': list the site's host names, so a forged Host "
        "header cannot poison password-reset links or cached pages."
    )

if RECAPTCHA_PUBLIC_KEY == RECAPTCHA_TEST_PUBLIC_KEY or not env("RECAPTCHA_PRIVATE_KEY"):
    raise ImproperlyConfigured("RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY must be real keys.")
SILENCED_SYSTEM_CHECKS = []

CERTIFICATE_SIGNING_KEY = env("CERTIFICATE_SIGNING_KEY", "").replace("\\n", "\n")
if "PRIVATE KEY-----" not in CERTIFICATE_SIGNING_KEY:
    raise ImproperlyConfigured(
        "CERTIFICATE_SIGNING_KEY must hold the PEM RSA private key (3072 bits or more) that "
        "signs certificates."
    )
CERTIFICATE_SIGNING_KEY_FILE = None

CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", ",".join(f"https://{host}" for host in ALLOWED_HOSTS)
)

# Behind a TLS-terminating proxy (nginx, a load balancer or a CDN).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", True)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's live preview shows the page in a same-origin frame, so DENY would break editing.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS.append("security.W019")

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# Several app servers share one cache: rate limits, the site frame and the page cache must be
# the same for all of them, so a per-process cache is refused.
if not env("REDIS_URL"):
    raise ImproperlyConfigured(
        "REDIS_URL must point to the shared Redis cache in production "
        "(each gunicorn worker would otherwise keep its own rate limits and stale pages)."
    )

# SQLite serialises every write and lives on one host's disk: fine for a demo, not for a
# site several app servers share. ALLOW_SQLITE=true accepts it on a single small server.
if not USING_POSTGRES and not env_bool("ALLOW_SQLITE", False):
    raise ImproperlyConfigured(
        "DATABASE_URL must point to PostgreSQL in production (set ALLOW_SQLITE=true to run "
        "one server on SQLite knowingly)."
    )

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},  # noqa: F405
    },
    # Compressed files with content hashes in their names, served for a year by WhiteNoise.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env("AWS_STORAGE_BUCKET_NAME"):
    # Public media on object storage (S3-compatible) through django-storages: stable, unsigned
    # addresses, so cached pages never point at an expired link.
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME")
    AWS_DEFAULT_ACL = None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": env("AWS_STORAGE_BUCKET_NAME"), "querystring_auth": False},
    }
if env("AWS_PRIVATE_BUCKET_NAME"):
    # Private files in a bucket of their own, never public: read only through the site's views.
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_PRIVATE_BUCKET_NAME"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }

LOGGING["root"]["level"] = env("LOG_LEVEL", "INFO")  # noqa: F405

# Errors to Sentry when SENTRY_DSN is set; no personal data (no cookies, users or bodies).
if env("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=env("SENTRY_DSN"),
        environment=env("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=float(env("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
