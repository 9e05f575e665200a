"""Real server processes for tests: gunicorn on a free port (demo/processes.py), with Google's
reCAPTCHA answer stubbed (no network reaches Google here), stopped when the test ends."""

import fcntl
import os
import subprocess
import sys
from contextlib import contextmanager

from demo import processes
from demo.processes import PROJECT, free_port

__all__ = ["PROJECT", "free_port", "gunicorn", "manage", "environment_for", "migrate_postgres"]

# Runs gunicorn after patching django-recaptcha's call to Google in the master process; the
# workers, forked from it, keep the patch.
SERVE = """
import sys
import django
django.setup()
from unittest import mock
from django_recaptcha.client import RecaptchaResponse
mock.patch(
    "django_recaptcha.fields.client.submit", return_value=RecaptchaResponse(is_valid=True)
).start()
from gunicorn.app.wsgiapp import run
sys.argv = ["gunicorn", *sys.argv[1:]]
run()
"""


def manage(environment, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}"


class Server(str):
    """A running server's base URL, which also knows its gunicorn master's process id."""

    def __new__(cls, url, master_pid):
        server = super().__new__(cls, url)
        server.master_pid = master_pid
        return server


@contextmanager
def gunicorn(environment, port, workers=2, threads=1, timeout=60, log=None):
    """gunicorn with the project's gunicorn.conf.py; `timeout=None` keeps the file's timeout."""
    with processes.gunicorn(
        environment,
        port,
        workers=workers,
        threads=threads,
        timeout=timeout,
        launcher=(sys.executable, "-c", SERVE),
        log=log,
    ) as process:
        yield Server(f"http://127.0.0.1:{port}", process.pid)


def environment_for(database_url, **extra):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "REDIS_URL"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="aicities.settings.dev",
        DEBUG="false",
        DATABASE_URL=database_url,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        **extra,
    )
    return environment


def migrate_postgres(environment, postgres, shared_folder):
    """Apply every migration to the database of `postgres` (tests/services.py's private
    cluster). The first process of the test run to need it runs `manage.py migrate` and leaves
    a dump in `shared_folder`; every later call, in any process of the run, restores that dump
    (seconds instead of half a minute). A process that asks while the first migrates waits."""
    dump = shared_folder / "migrated-postgres.dump"
    with open(shared_folder / "migrated-postgres.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not dump.exists():
            manage(environment, "migrate", "--noinput")
            partial = dump.with_suffix(".partial")
            postgres.dump(partial)
            partial.rename(dump)
            return
    postgres.restore(dump)
