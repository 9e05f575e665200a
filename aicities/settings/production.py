"""Production settings: everything secret or host-specific comes from the environment.

The environment is checked first (aicities/settings/environment.py), before any setting reads
it: a missing or malformed variable stops the process with its name, never its value.
"""

import os

from .environment import refuse_unfit_environment
from .object_storage import object_storages

refuse_unfit_environment(os.environ)

from .base import *  # noqa: E402, F403
from .base import PRIVATE_FILE_MODES, PRIVATE_MEDIA_ROOT, env, env_bool, env_list  # noqa: E402

# --- Security: what the environment check above refused is not repeated here ------------------
DEBUG = False
DEMO_CONTENT_ALLOWED = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
SILENCED_SYSTEM_CHECKS = []
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
    # Public media stay readable by the web server (nginx serves the images) whatever the
    # services' umask (0027): their folders are made 0755, their files 0644.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None, **PRIVATE_FILE_MODES},
    },
    # Compressed files with content hashes in their names, served for a year by WhiteNoise.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Object storage for either store when its bucket is named (pip install -r requirements-s3.txt).
STORAGES.update(
    object_storages(
        public_bucket=env("AWS_STORAGE_BUCKET_NAME"),
        private_bucket=env("AWS_PRIVATE_BUCKET_NAME"),
        endpoint_url=env("AWS_S3_ENDPOINT_URL"),
        region=env("AWS_S3_REGION_NAME"),
        addressing_style=env("AWS_S3_ADDRESSING_STYLE"),
        custom_domain=env("AWS_S3_CUSTOM_DOMAIN"),
    )
)

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
