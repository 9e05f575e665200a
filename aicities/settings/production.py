"""Production settings: everything secret or host-specific comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import RECAPTCHA_PUBLIC_KEY, RECAPTCHA_TEST_PUBLIC_KEY, env, env_bool, env_list

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
        "CERTIFICATE_SIGNING_KEY must hold the PEM private key that signs certificates."
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

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
if env("AWS_STORAGE_BUCKET_NAME"):
    # Media on object storage (S3-compatible) through django-storages.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True

LOGGING["root"]["level"] = env("LOG_LEVEL", "INFO")  # noqa: F405
