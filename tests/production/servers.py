"""Real server processes for tests: gunicorn on a free port, with Google's reCAPTCHA answer
stubbed (no network reaches Google here), stopped when the test ends."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent.parent

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


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def wait_until_up(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"no server answered at {url}")


class Server(str):
    """A running server's base URL, which also knows its gunicorn master's process id."""

    def __new__(cls, url, master_pid):
        server = super().__new__(cls, url)
        server.master_pid = master_pid
        return server


@contextmanager
def gunicorn(environment, port, workers=2, threads=1, timeout=60, **popen):
    """gunicorn with the project's gunicorn.conf.py; `timeout=None` keeps the file's timeout."""
    options = ["--timeout", str(timeout)] if timeout is not None else []
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, "aicities.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), *options,
         "--log-level", "warning"],
        cwd=PROJECT,
        env={**environment, "PYTHONPATH": str(PROJECT)},
        **popen,
    )  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz")
        yield Server(f"http://127.0.0.1:{port}", process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


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
