"""Test settings: fast hashing, in-memory email and cache, demo content allowed."""

from .base import *  # noqa: F403

DEBUG = False
DEMO_CONTENT_ALLOWED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# In-process cache, unless REDIS_URL is set: the security tests start server processes that
# must share one cache, as app servers do in production.
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = BASE_DIR / "test-results" / "media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "test-results" / "private-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None, **PRIVATE_FILE_MODES},  # noqa: F405
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
CERTIFICATE_SIGNING_KEY_FILE = BASE_DIR / "test-results" / "certificate-signing-key-rsa.pem"  # noqa: F405

# WhiteNoise serves straight from the apps' static folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Words stay whole for the tests that read a page's text; the browser tests, which look at
# where lines break, turn the soft hyphens on (tests/browser/conftest.py).
SOFT_HYPHENS = False

# The page cache is off, except in the tests that turn it on (tests/web/test_page_cache.py).
PAGE_CACHE_SECONDS = 0
