"""Production smoke test: bring the site up as an operator would, and check it answers.

From this checkout, under the production settings, against PostgreSQL and Redis on this
machine: a fresh database, the release step, gunicorn, an email worker and a local SMTP sink
(aiosmtpd). It checks pages in two languages, a static file and an admin asset with their cache
headers, the admin sign-in page and /healthz; then submits an application through the form
(Google's reCAPTCHA answer is stubbed, as no network reaches Google here) and checks that the
acknowledgement arrives exactly once, with a status link that works on the site's base address.

    make smoke            (or: .venv/bin/python deploy/smoke.py)

Environment: SMOKE_DATABASE (default postgres://postgres@127.0.0.1:5432/aicities_smoke, dropped
and created again), SMOKE_REDIS (default redis://127.0.0.1:6379/7). Exit status 0 when it all
holds; every failure is printed.
"""

import email
import mailbox
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = os.environ.get("SMOKE_DATABASE", "postgres://postgres@127.0.0.1:5432/aicities_smoke")
REDIS = os.environ.get("SMOKE_REDIS", "redis://127.0.0.1:6379/7")
FAILURES = []


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def signing_key_pem():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    return (
        rsa.generate_private_key(public_exponent=65537, key_size=3072)
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )


def recreate_database():
    import psycopg2

    parts = urlsplit(DATABASE)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def flush_redis():
    import redis

    redis.Redis.from_url(REDIS).flushdb()


def production_environment(web_port, smtp_port, workdir):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "RECAPTCHA_", "AWS_", "SENTRY_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="aicities.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        BASE_URL=f"http://127.0.0.1:{web_port}",
        DATABASE_URL=DATABASE,
        REDIS_URL=REDIS,
        # Placeholders: real-looking keys (production refuses Google's test keys).
        RECAPTCHA_PUBLIC_KEY="smoke-test-public-key",
        RECAPTCHA_PRIVATE_KEY="smoke-test-private-key",
        CERTIFICATE_SIGNING_KEY=signing_key_pem(),
        # No TLS proxy in front of this smoke test.
        SECURE_SSL_REDIRECT="false",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_USE_TLS="false",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        PRIVATE_MEDIA_ROOT=str(workdir / "private"),
        LOG_LEVEL="WARNING",
    )
    return environment


def check(condition, what):
    print(("  ok    " if condition else "  FAIL  ") + what)
    if not condition:
        FAILURES.append(what)


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return (
                response.status,
                dict(response.headers),
                response.read().decode("utf-8", "replace"),
            )
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return get(url)
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"nothing answered at {url} within {seconds} s")


def manage(environment, *args, stdin=None):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


SUBMIT_APPLICATION = r"""
import datetime
import time
from unittest import mock
from django.test import Client
from django.utils import timezone
from django_recaptcha.client import RecaptchaResponse
from applications.models import ApplicationPage
from applications.spam_check import new_started_token
from programme.models import Cohort

page = ApplicationPage.objects.get(locale__language_code="en")
page.save_revision().publish()
for translation in ApplicationPage.objects.exclude(pk=page.pk):
    translation.save_revision().publish()
today = timezone.localdate()
cohort = Cohort.objects.create(
    slug="smoke-italy", country="IT", delivery_languages=["it"], year=today.year,
    planned_start=today + datetime.timedelta(days=60),
    planned_end=today + datetime.timedelta(days=90),
    seats=25, applications_open_on=today - datetime.timedelta(days=1),
    applications_close_on=today + datetime.timedelta(days=20),
)
data = {
    "cohort": str(cohort.pk), "authority_kind": "municipality", "authority_name": "Bologna",
    "country": "IT", "region": "Emilia-Romagna", "population": "390000", "efus_member": "yes",
    "service": "municipal_police", "service_other": "",
    "contact_name": "Giulia Rossi", "contact_position": "Comandante",
    "contact_email": "giulia.rossi@example.it", "contact_phone": "+39 051 000000",
    "motivation": "Vogliamo usare l'IA in modo responsabile.", "commits_to_attend": "on",
    "consent": "on", "website": "", "g-recaptcha-response": "token",
    "started": new_started_token(opened_at=time.time() - 120),
    "participants-TOTAL_FORMS": "1", "participants-INITIAL_FORMS": "0",
    "participants-MIN_NUM_FORMS": "1", "participants-MAX_NUM_FORMS": "10",
    "participants-0-name": "Giulia Rossi", "participants-0-position": "official",
    "participants-0-service": "Polizia locale", "participants-0-gender": "female",
    "participants-0-email": "giulia.rossi@example.it",
}
google_says_yes = RecaptchaResponse(is_valid=True)
with mock.patch("django_recaptcha.fields.client.submit", return_value=google_says_yes):
    response = Client(HTTP_HOST="127.0.0.1").post(page.url, data, secure=True)
print("STATUS", response.status_code, response.get("Location", ""))
"""


def messages_in(maildir):
    return [email.message_from_bytes(bytes(message)) for message in mailbox.Maildir(maildir)]


def body_of(message):
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode("utf-8")
    return ""


def run():
    web_port, smtp_port = free_port(), free_port()
    workdir = Path(tempfile.mkdtemp(prefix="aicities-smoke-"))
    maildir = workdir / "maildir"
    environment = production_environment(web_port, smtp_port, workdir)
    base = f"http://127.0.0.1:{web_port}"
    processes = []
    try:
        print(f"--- fresh database {urlsplit(DATABASE).path.lstrip('/')} and Redis {REDIS}")
        recreate_database()
        flush_redis()
        print("--- release step (deploy/release.sh)")
        release = subprocess.run(
            ["bash", "deploy/release.sh"],
            cwd=ROOT,
            env={**environment, "PYTHON": PYTHON},
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        check(release.returncode == 0, "the release step runs under production settings")
        if release.returncode != 0:
            print(release.stdout[-3000:], release.stderr[-3000:])
            return
        print("--- gunicorn, an email worker and an SMTP sink")
        processes.append(
            subprocess.Popen(
                [PYTHON, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{smtp_port}",
                 "-c", "aiosmtpd.handlers.Mailbox", str(maildir)],
                cwd=ROOT,
            )
        )  # fmt: skip
        processes.append(
            subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "aicities.wsgi", "--workers", "2",
                 "--bind", f"127.0.0.1:{web_port}", "--timeout", "30"],
                cwd=ROOT, env=environment,
            )
        )  # fmt: skip
        processes.append(
            subprocess.Popen(
                [PYTHON, "manage.py", "db_worker", "--backend", "queue", "--interval", "1"],
                cwd=ROOT, env=environment,
            )
        )  # fmt: skip
        wait_for(f"{base}/healthz")

        print("--- pages, static files, admin, health")
        status, _headers, english = get(f"{base}/en/")
        check(status == 200 and "Welcome to your new Wagtail site" not in english,
              "/en/ is the site's home page")  # fmt: skip
        status, _headers, french = get(f"{base}/fr/")
        check(status == 200 and 'lang="fr"' in french, "/fr/ answers in French")
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', english)
        check(stylesheet is not None, "pages link the hashed stylesheet")
        if stylesheet:
            status, headers, _css = get(
                f"{base}{stylesheet.group(1)}", **{"Accept-Encoding": "gzip"}
            )
            check(status == 200 and "max-age=315360000" in headers.get("Cache-Control", ""),
                  "the stylesheet is served with far-future caching")  # fmt: skip
        status, _headers, login = get(f"{base}/admin/login/")
        check(status == 200 and "password" in login.lower(), "the admin sign-in page answers")
        admin_asset = re.search(r'(/static/wagtailadmin/[^"\']+\.css)', login)
        check(admin_asset is not None, "the admin sign-in page links its stylesheet")
        if admin_asset:
            status, _headers, _css = get(f"{base}{admin_asset.group(1)}")
            check(status == 200, "an admin asset is served")
        status, _headers, health = get(f"{base}/healthz")
        check(status == 200 and '"status": "ok"' in health, "/healthz is green")

        print("--- an application, its acknowledgement through the worker and SMTP")
        submitted = manage(environment, "shell", stdin=SUBMIT_APPLICATION)
        check("STATUS 302" in submitted.stdout, "the application form stores a submission")
        if "STATUS 302" not in submitted.stdout:
            print(submitted.stdout[-2000:], submitted.stderr[-3000:])
            return
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(messages_in(maildir)) < 2:
            time.sleep(0.5)
        time.sleep(3)  # anything sent twice would arrive now
        messages = messages_in(maildir)
        acknowledgements = [m for m in messages if m["To"] == "giulia.rossi@example.it"]
        check(len(acknowledgements) == 1, "the acknowledgement arrived exactly once")
        check(len(messages) == 2, "the acknowledgement and the staff notification, no more")
        if acknowledgements:
            link = re.search(r"https?://\S+/status/\?token=\S+", body_of(acknowledgements[0]))
            check(link is not None and link.group(0).startswith(base),
                  "the status link is on the site's base address")  # fmt: skip
            if link:
                status, _headers, page = get(link.group(0))
                check(status == 200 and "AIC-" in page, "the status link works")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    run()
    if FAILURES:
        print(f"\nsmoke test FAILED: {len(FAILURES)} check(s)")
        sys.exit(1)
    print("\nsmoke test passed")
