"""The fault suite's site as its tests see it: production settings, real gunicorn with the
project's gunicorn.conf.py (its timeout included), a PostgreSQL and a Redis of its own that the
tests hang (SIGSTOP) and resume, an SMTP sink; and a visitor's requests, timed."""

import contextlib
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import psycopg2
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.applications.builders import valid_data
from tests.production.servers import PROJECT, environment_for

PREPARE = """
import datetime
from django.utils import timezone
from applications.models import ApplicationPage
from home.bootstrap import bootstrap_site
from programme.models import Cohort

bootstrap_site()
for page in ApplicationPage.objects.all():
    page.save_revision().publish()
today = timezone.localdate()
cohort = Cohort.objects.create(
    slug="fault-italy", country="IT", delivery_languages=["it"], year=today.year,
    planned_start=today + datetime.timedelta(days=60),
    planned_end=today + datetime.timedelta(days=90), seats=25,
    applications_open_on=today - datetime.timedelta(days=1),
    applications_close_on=today + datetime.timedelta(days=20),
)
print("COHORT", cohort.pk)
"""
CSRF = "f" * 32
HEALTHZ_TOKEN = "fault-suite-health-token"
BREAKER_SECONDS = 5  # DATABASE_BREAKER_SECONDS's default


def signing_key_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@dataclass
class Answer:
    status: int
    seconds: float
    headers: dict
    body: str


def fetch(url, data=None, headers=None, timeout=60):
    """One request, timed; redirects are not followed."""
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, data=data, headers=headers or {})
    started = time.monotonic()
    try:
        with opener.open(request, timeout=timeout) as response:
            status, answer_headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, answer_headers, body = error.code, error.headers, error.read()
    return Answer(status, time.monotonic() - started, dict(answer_headers), body.decode())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Site:
    """The served site and what runs it."""

    base: str
    environment: dict
    postgres: object
    redis: object
    log: Path
    cohort_pk: int
    maildir: Path

    def get(self, path, **kwargs):
        return fetch(self.base + path, **kwargs)

    def wait_until_served(self, path="/en/apply/", seconds=30):
        """Pages again, from every worker: each one's breaker lets the database be asked again
        DATABASE_BREAKER_SECONDS after its last failure."""
        time.sleep(BREAKER_SECONDS)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.get(path).status == 200:
                return
            time.sleep(0.5)
        raise AssertionError(f"{path} not served again within {seconds} s")

    def application_form(self, **overrides):
        """The form as a city sends it: its stamp (and key) from the page, as a browser gets
        it, and valid answers."""
        page = self.get("/en/apply/").body
        stamp = re.search(r'name="started" value="([^"]+)"', page).group(1)
        data = valid_data(
            SimpleNamespace(pk=self.cohort_pk, country="IT"),
            **{"started": stamp, "participants-TOTAL_FORMS": "1", **overrides},
        )
        return {**data, "csrfmiddlewaretoken": CSRF}

    def post_form(self, path, form, **kwargs):
        return fetch(
            self.base + path,
            data=urllib.parse.urlencode(form).encode(),
            headers={"Cookie": f"csrftoken={CSRF}", "Referer": f"{self.base}{path}"},
            **kwargs,
        )

    def post_application(self, form, **kwargs):
        return self.post_form("/en/apply/", form, **kwargs)

    def query(self, sql, *params):
        with contextlib.closing(psycopg2.connect(self.postgres.url, connect_timeout=5)) as db:
            with db.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall() if cursor.description else None
            db.commit()
        return rows


def production_environment(database_url, redis_url, port, folder, **extra):
    environment = environment_for(database_url)
    environment.update(
        DJANGO_SETTINGS_MODULE="aicities.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        BASE_URL=f"http://127.0.0.1:{port}",
        REDIS_URL=redis_url,
        RECAPTCHA_PUBLIC_KEY="fault-suite-public-key",
        RECAPTCHA_PRIVATE_KEY="fault-suite-private-key",
        CERTIFICATE_SIGNING_KEY=signing_key_pem(),
        SECURE_SSL_REDIRECT="false",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        PRIVATE_MEDIA_ROOT=str(folder / "private"),
        LOG_LEVEL="WARNING",
        HEALTHZ_TOKEN=HEALTHZ_TOKEN,
        # The tests send a form as soon as they have opened it.
        APPLICATION_MIN_FILL_SECONDS="0",
        **extra,
    )
    environment.pop("DEBUG", None)
    return environment


@contextlib.contextmanager
def smtp_sink(port, maildir):
    """A local mail server keeping every message in a Maildir."""
    process = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
         "-c", "aiosmtpd.handlers.Mailbox", str(maildir)],
        cwd=PROJECT,
    )  # fmt: skip
    try:
        yield
    finally:
        process.terminate()
        process.wait(10)
