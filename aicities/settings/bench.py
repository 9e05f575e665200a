"""Benchmark settings (manage.py bench): debug off, demo content allowed, a database of its own.

The database is built on every run, so it is never the developer's: bench.sqlite3 in the
project root, or, when DATABASE_URL names a server database, a sibling database
"<name>_bench_<run>" of this run alone, dropped at its end (BENCH_RUN, set by `manage.py
bench`). With REDIS_URL, the run's cache keys carry the same run name: two benches on one
machine never read each other's pages.
"""

import dj_database_url

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, env

BENCH_RUN = env("BENCH_RUN", "manual")

DEBUG = False
DEMO_CONTENT_ALLOWED = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

_url = env("DATABASE_URL", "")
if _url and not _url.startswith("sqlite"):
    DATABASES = {"default": dj_database_url.parse(_url, conn_max_age=60)}
    DATABASES["default"]["NAME"] = f"{DATABASES['default']['NAME']}_bench_{BENCH_RUN}"
else:
    DATABASES = {
        "default": dj_database_url.parse(f"sqlite:///{BASE_DIR / 'bench.sqlite3'}", conn_max_age=60)
    }
# The "test" database is the bench database itself, so that creating it drops and rebuilds it.
DATABASES["default"]["TEST"] = {"NAME": DATABASES["default"]["NAME"]}
if "KEY_PREFIX" in CACHES["default"]:
    CACHES["default"]["KEY_PREFIX"] = f"aicities-bench-{BENCH_RUN}"

# The bench measures pages with and without the page cache in one gunicorn: a request with
# this header is neither looked up nor kept. Only the bench settings name one.
PAGE_CACHE_BYPASS_HEADER = "X-Bench-Uncached"
# WhiteNoise serves the static files straight from the apps' folders (no collectstatic), as
# it does in production from the collected ones: the bench's ceiling.
WHITENOISE_USE_FINDERS = True
