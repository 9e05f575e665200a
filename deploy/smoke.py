"""Production smoke test through the real files: the site set up on this machine as
deploy/README.md sets up a server, then checked over HTTPS.

1. The code is installed as a copy of this checkout (the deploy/ scripts mark their folder as a
   production one), next to a PostgreSQL and a Redis of the smoke's own (tests/services.py:
   free ports, gone at the end) and an SMTP sink (aiosmtpd).
2. The environment template is filled in by the guide's own step 6 (its shell block, read from
   deploy/README.md), and every process reads it with systemd's rules (aicities/systemd.py).
3. deploy/release.sh runs (a backup, migrations, static files, groups, the site...).
4. gunicorn and an email worker start from their units' own ExecStart lines and environment;
   nginx serves the shipped block in front, with a self-signed certificate.
5. It checks pages in two languages, static files, HTTP to HTTPS and unknown hosts dropped,
   /healthz (through nginx, and probed straight at gunicorn), an admin sign-in, an application
   with its acknowledgement through the worker and SMTP, a credential that verifies, the
   publish timer's command publishing a scheduled page, and a backup restored into a fresh
   database and folders, then served.

What only a smoke test changes, after the guide's lines: free ports instead of 80, 443 and
8000, folders of its own instead of /srv/aicities, the sink instead of an SMTP server,
placeholder reCAPTCHA keys (Google's answer is stubbed), the processes run as the current user
(the shared virtualenv cannot be run by another), and CSRF_TRUSTED_ORIGINS names the HTTPS port.

    make smoke            (or: .venv/bin/python deploy/smoke.py)

Exit status 0 when it all holds; every check is printed, with the wall time.
"""

import contextlib
import email
import http.client
import http.cookiejar
import json
import mailbox
import os
import re
import secrets
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aicities.systemd import (  # noqa: E402
    exec_start_commands,
    read_environment_file,
    read_unit,
    service_environment,
)
from demo.processes import free_port, stopping, wait_until_up  # noqa: E402
from tests.deploy.installation import install_copy  # noqa: E402
from tests.deploy.local_nginx import LocalNginx  # noqa: E402
from tests.services import (  # noqa: E402
    private_postgres,
    private_redis,
    public_temporary_folder,
)

DOMAIN = "localhost"
UNIT_APP = "/srv/aicities/app"
SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
ADMIN_PASSWORD = secrets.token_urlsafe(16)
HEALTH_TOKEN = secrets.token_urlsafe(24)
FAILURES = []

GUIDE = ROOT / "deploy" / "README.md"


def guide_step(number):
    """The shell block of a numbered step of deploy/README.md."""
    text = GUIDE.read_text()
    step = text[text.index(f"**{number}. ") :]
    block = step[step.index("```sh\n") + 6 :]
    return block[: block.index("\n```")]


def as_this_machine_runs_it(block, app, env_file):
    """The guide's lines with the smoke's paths, without sudo (the smoke runs as root) and
    without the editor (the smoke's own values follow the guide's)."""
    lines = [line for line in block.splitlines() if not line.startswith("sudoedit")]
    text = "\n".join(lines).replace("sudo ", "")
    text = text.replace("/etc/aicities/aicities.env", str(env_file))
    return "set -eu\n" + text.replace("/srv/aicities/app", str(app))


def check(condition, what):
    print(("  ok    " if condition else "  FAIL  ") + what, flush=True)
    if not condition:
        FAILURES.append(what)
    return condition


# --- the server's pieces -----------------------------------------------------------------


def prepare_database(postgres, password):
    """deploy/README.md, step 4: the site's role owns its database (unaccent is trusted)."""
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    sql = (
        f"CREATE ROLE aicities LOGIN PASSWORD '{password}'; "
        "ALTER DATABASE aicities OWNER TO aicities;"
    )
    subprocess.run(
        [binaries / "psql", postgres.url.replace("/aicities", "/postgres"), "-qc", sql],
        check=True,
    )


def fill_environment(place, app, postgres, redis, smtp_port, nginx_https_port, web_port):
    """The template filled in as the guide says, then the smoke's own lines after it."""
    env_file = place / "aicities.env"
    subprocess.run(
        ["bash", "-c", as_this_machine_runs_it(guide_step(6), app, env_file)],
        env={**os.environ, "DOMAIN": DOMAIN, "DB_PASSWORD": secrets.token_urlsafe(16)},
        check=True,
    )
    text = env_file.read_text()
    text = text.replace("127.0.0.1:5432/", f"127.0.0.1:{postgres.port}/")
    # The smoke's own Redis (tests/services.py), whatever address the template suggests.
    text = re.sub(r"^REDIS_URL=.*$", f"REDIS_URL={redis.url}", text, flags=re.MULTILINE)
    base = f"https://{DOMAIN}:{nginx_https_port}"
    text += smoke_lines(place, smtp_port, web_port, base)
    env_file.write_text(text)
    return env_file, base


def smoke_lines(place, smtp_port, web_port, base, database_url=None, suffix=""):
    lines = {
        "RECAPTCHA_PUBLIC_KEY": "smoke-test-public-key",
        "RECAPTCHA_PRIVATE_KEY": "smoke-test-private-key",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        "STATIC_ROOT": str(place / "static"),
        "MEDIA_ROOT": str(place / f"media{suffix}"),
        "PRIVATE_MEDIA_ROOT": str(place / f"private{suffix}"),
        "GUNICORN_BIND": f"127.0.0.1:{web_port}",
        "BASE_URL": base,
        "CSRF_TRUSTED_ORIGINS": base,
        "HEALTHZ_TOKEN": HEALTH_TOKEN,
        "LOG_LEVEL": "WARNING",
    }
    if database_url:
        lines["DATABASE_URL"] = database_url
    return "\n# --- the smoke test's own\n" + "".join(f"{k}={v}\n" for k, v in lines.items())


def scripts_environment(env_file, place):
    return {**os.environ, "AICITIES_ENV_FILE": str(env_file), "AICITIES_USER": current_user(),
            "AICITIES_BACKUP_DIR": str(place / "backups")}  # fmt: skip


def current_user():
    import pwd

    return pwd.getpwuid(os.geteuid()).pw_name


def deploy_script(app, env_file, place, *command, stdin=None, timeout=900):
    return subprocess.run(
        [str(app / "deploy" / command[0]), *command[1:]],
        env=scripts_environment(env_file, place), input=stdin, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip


def unit_process(app, unit_name, env_file, instance=None, wait=False):
    """A unit's ExecStart command, run as systemd would: its environment (Environment=, then the
    environment file), its working directory and umask; /srv/aicities/app is the copy."""
    unit = app / "deploy" / "systemd" / unit_name
    service = read_unit(unit)["Service"]
    environment = service_environment(unit, environment_file=env_file)
    [argv] = exec_start_commands(unit, environment, instance=instance)
    argv = [part.replace(UNIT_APP, str(app), 1) for part in argv]
    umask = int(service.get("UMask", ["0022"])[0], 8)
    full = {"PATH": SYSTEMD_PATH, "LANG": "C.UTF-8", **environment}
    working = service["WorkingDirectory"][0].replace(UNIT_APP, str(app), 1)
    if wait:
        return subprocess.run(argv, cwd=working, env=full, preexec_fn=lambda: os.umask(umask),
                              capture_output=True, text=True, timeout=300)  # fmt: skip
    return subprocess.Popen(argv, cwd=working, env=full, preexec_fn=lambda: os.umask(umask))


# --- HTTP ----------------------------------------------------------------------------------


class Client:
    """A browser-like client over HTTPS (trusting the smoke's certificate), keeping cookies."""

    def __init__(self, certificate):
        context = ssl.create_default_context(cafile=str(certificate))
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context),
            urllib.request.HTTPCookieProcessor(self.cookies),
            NoRedirect(),
        )

    def request(self, url, data=None, headers=None):
        request = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def get(self, url, **headers):
        status, response_headers, body = self.request(url, headers=headers)
        return status, response_headers, body.decode("utf-8", "replace")

    def cookie(self, name):
        return next((cookie.value for cookie in self.cookies if cookie.name == name), "")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def plain_get(url, host, **headers):
    """Plain HTTP with a given Host header, redirects not followed."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""),
                           headers={"Host": host, **headers})  # fmt: skip
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


# --- what the smoke test does in the site, through deploy/manage shell ------------------------

SUBMIT_APPLICATION = r"""
import datetime, time
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
    response = Client(HTTP_HOST="localhost").post(page.url, data, secure=True)
print("STATUS", response.status_code, response.get("Location", ""))
"""

CREATE_ADMIN = """
from django.contrib.auth import get_user_model
get_user_model().objects.create_superuser("smoke-admin", "admin@example.org", {password!r})
print("ADMIN READY")
"""

ISSUE_CREDENTIAL = """
from certificates.credentials import credential_jwt
from certificates.factories import AttendanceFactory, EnrolmentFactory
from certificates.issuing import issue
from programme.factories import CohortFactory

cohort = CohortFactory(slug="smoke-certificates", with_sessions__confirmed=True)
enrolment = EnrolmentFactory(cohort=cohort)
for session in cohort.sessions.all():
    AttendanceFactory(enrolment=enrolment, session=session)
certificate = issue(enrolment, notify=False)
print("JWT", credential_jwt(certificate))
"""

SCHEDULE_PAGE = """
import datetime
from django.utils import timezone
from home.models import HomePage
from programme.models import ProgrammePage

home = HomePage.objects.get(locale__language_code="en")
page = home.add_child(instance=ProgrammePage(title="Scheduled by the smoke test",
                                             slug="smoke-scheduled", live=False))
page.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
page.save_revision().publish()
page.refresh_from_db()
print("SCHEDULED", page.live)
"""


def shell(app, env_file, place, code):
    result = deploy_script(app, env_file, place, "manage", "shell", stdin=code, timeout=300)
    if result.returncode != 0:
        print(result.stdout[-2000:], result.stderr[-3000:])
    return result.stdout


def messages_in(maildir):
    return [email.message_from_bytes(bytes(message)) for message in mailbox.Maildir(maildir)]


def body_of(message):
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode("utf-8")
    return ""


# --- the run -------------------------------------------------------------------------------


def run(place, processes):
    started = time.monotonic()
    app = install_copy(place / "app")
    for folder in ("media", "static", "backups"):
        (place / folder).mkdir(mode=0o755)
    (place / "private").mkdir(mode=0o700)
    postgres = processes.enter_context(private_postgres())
    redis = processes.enter_context(private_redis())
    prepare_database(postgres, "unused-with-trust-auth")
    smtp_port, web_port = free_port(), free_port()
    maildir = place / "maildir"
    processes.enter_context(stopping(subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n",
                                     "-l", f"127.0.0.1:{smtp_port}", "-c",
                                     "aiosmtpd.handlers.Mailbox", str(maildir)])))  # fmt: skip
    nginx = LocalNginx(place / "nginx", DOMAIN, f"127.0.0.1:{web_port}", place / "media")
    env_file, base = fill_environment(
        place, app, postgres, redis, smtp_port, nginx.https_port, web_port
    )
    variables, ignored = read_environment_file(env_file)
    check(not ignored and "\n" in variables["CERTIFICATE_SIGNING_KEY"],
          "the filled template reads as systemd reads it (the key keeps its lines)")  # fmt: skip

    print(f"--- release step (deploy/release.sh)  [{time.monotonic() - started:.0f} s]")
    release = subprocess.run(["bash", str(app / "deploy" / "release.sh")],
                             env=scripts_environment(env_file, place), capture_output=True,
                             text=True, timeout=900)  # fmt: skip
    if not check(release.returncode == 0, "the release step runs, a backup first"):
        print(release.stdout[-3000:], release.stderr[-3000:])
        return
    check(len(list((place / "backups").glob("aicities-*"))) == 1, "the release took a backup")

    print(f"--- services from the units, nginx in front  [{time.monotonic() - started:.0f} s]")
    web = processes.enter_context(stopping(unit_process(app, "aicities-web.service", env_file)))
    processes.enter_context(
        stopping(unit_process(app, "aicities-worker@.service", env_file, instance="1"))
    )
    wait_until_up(f"http://127.0.0.1:{web_port}/healthz", web, host="10.0.0.1")
    processes.enter_context(nginx.running())
    client = Client(nginx.certificate)
    check_pages(client, base, nginx, web_port)
    check_admin_sign_in(client, base, app, env_file, place)
    check_application_and_email(client, base, app, env_file, place, maildir)
    check_credential(client, base, app, env_file, place)
    check_scheduled_publishing(client, base, app, env_file, place)
    print(f"--- backup, restore into a fresh database, serve  [{time.monotonic() - started:.0f} s]")
    check_backup_restored_and_served(app, env_file, place, postgres, smtp_port, base, processes)
    print(f"\nwall time: {time.monotonic() - started:.0f} s")


def check_pages(client, base, nginx, web_port):
    print("--- pages, static files, hosts, health")
    status, _headers, english = client.get(f"{base}/en/")
    check(status == 200 and "Welcome to your new Wagtail site" not in english,
          "/en/ is the site's home page, over HTTPS through nginx")  # fmt: skip
    status, _headers, french = client.get(f"{base}/fr/")
    check(status == 200 and 'lang="fr"' in french, "/fr/ answers in French")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', english)
    if check(stylesheet is not None, "pages link the hashed stylesheet"):
        status, headers, _css = client.get(f"{base}{stylesheet.group(1)}")
        check(status == 200 and "max-age=315360000" in headers.get("Cache-Control", ""),
              "the stylesheet is served with far-future caching")  # fmt: skip
    status, _body = plain_get(f"http://127.0.0.1:{nginx.http_port}/en/", DOMAIN)
    check(status == 301, "plain HTTP is sent to HTTPS")
    try:
        plain_get(f"http://127.0.0.1:{nginx.http_port}/en/", "forged.example")
        dropped = False
    except (ConnectionError, http.client.RemoteDisconnected):
        dropped = True
    check(dropped, "an unknown host gets no answer from nginx")
    status, _headers, body = client.get(f"{base}/healthz")
    check(status == 200 and json.loads(body) == {"status": "ok"},
          "/healthz through nginx: the status alone")  # fmt: skip
    status, _headers, body = client.get(f"{base}/healthz", Authorization=f"Bearer {HEALTH_TOKEN}")
    checks = json.loads(body).get("checks", {}) if status == 200 else {}
    wanted = {"database", "cache", "migrations", "email_queue", "media_storage",
              "private_storage", "signing_key"}  # fmt: skip
    check(wanted <= set(checks) and all(item["ok"] for item in checks.values()),
          "/healthz with the token: database, cache, storages, signing key all fine")  # fmt: skip
    status, body = plain_get(f"http://127.0.0.1:{web_port}/healthz", "10.0.0.7")
    check(status == 200 and json.loads(body) == {"status": "ok"},
          "/healthz probed straight at gunicorn (an address as Host, plain HTTP): 200")  # fmt: skip


def check_admin_sign_in(client, base, app, env_file, place):
    print("--- an admin account (deploy/manage), then a sign-in")
    created = shell(app, env_file, place, CREATE_ADMIN.format(password=ADMIN_PASSWORD))
    check("ADMIN READY" in created, "deploy/manage shell creates an account")
    status, _headers, login = client.get(f"{base}/admin/login/")
    admin_asset = re.search(r'(/static/wagtailadmin/[^"\']+\.css)', login)
    if check(status == 200 and admin_asset is not None, "the admin sign-in page and its CSS"):
        check(client.get(f"{base}{admin_asset.group(1)}")[0] == 200, "an admin asset is served")
    form = urllib.parse.urlencode({
        "csrfmiddlewaretoken": client.cookie("csrftoken"), "username": "smoke-admin",
        "password": ADMIN_PASSWORD, "next": "/admin/",
    }).encode()  # fmt: skip
    status, headers, _body = client.request(
        f"{base}/admin/login/", data=form,
        headers={"Referer": f"{base}/admin/login/",
                 "Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    signed_in = status == 302 and headers.get("Location", "").endswith("/admin/")
    status, _headers, dashboard = client.get(f"{base}/admin/")
    check(signed_in and status == 200 and "smoke-admin" in dashboard,
          "an editor signs in to the admin over HTTPS")  # fmt: skip


def check_application_and_email(client, base, app, env_file, place, maildir):
    print("--- an application, its acknowledgement through the worker and SMTP")
    submitted = shell(app, env_file, place, SUBMIT_APPLICATION)
    if not check("STATUS 302" in submitted, "the application form stores a submission"):
        return
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(messages_in(maildir)) < 2:
        time.sleep(0.5)
    time.sleep(2)  # anything sent twice would arrive now
    messages = messages_in(maildir)
    acknowledgements = [m for m in messages if m["To"] == "giulia.rossi@example.it"]
    check(len(acknowledgements) == 1, "the acknowledgement arrived exactly once")
    check(len(messages) == 2, "the acknowledgement and the staff notification, no more")
    if acknowledgements:
        link = re.search(r"https?://\S+/status/\?token=\S+", body_of(acknowledgements[0]))
        check(link is not None and link.group(0).startswith(base),
              "the status link is on the site's base address")  # fmt: skip
        if link:
            status, _headers, page = client.get(link.group(0))
            check(status == 200 and "AIC-" in page, "the status link works through nginx")
            place.joinpath("status-link").write_text(link.group(0))


def check_credential(client, base, app, env_file, place):
    print("--- a certificate's credential, signed with the key from the environment file")
    issued = shell(app, env_file, place, ISSUE_CREDENTIAL)
    token = re.search(r"^JWT (\S+)$", issued, re.MULTILINE)
    if not check(token is not None, "a certificate is issued with its credential"):
        return
    status, _headers, keys = client.get(f"{base}/certificates/jwks.json")
    check(status == 200 and '"RS256"' in keys, "the published keys answer (/jwks.json)")
    status, _headers, answer = client.request(
        f"{base}/certificates/credentials/verify", data=token.group(1).encode(),
        headers={"Content-Type": "application/jwt"},
    )  # fmt: skip
    verdict = json.loads(answer) if status == 200 else {}
    check(verdict.get("signature") == "valid" and verdict.get("status") == "valid",
          "the credential verifies")  # fmt: skip


def check_scheduled_publishing(client, base, app, env_file, place):
    print("--- a scheduled page, published by the publish timer's command")
    scheduled = shell(app, env_file, place, SCHEDULE_PAGE)
    check("SCHEDULED False" in scheduled, "a page is scheduled to go live")
    check(client.get(f"{base}/en/smoke-scheduled/")[0] == 404, "it is not there before its time")
    time.sleep(3)
    result = unit_process(app, "aicities-publish.service", env_file, wait=True)
    check(result.returncode == 0, "aicities-publish.service's command runs")
    status, _headers, page = client.get(f"{base}/en/smoke-scheduled/")
    check(status == 200 and "Scheduled by the smoke test" in page, "the page is published")


def check_backup_restored_and_served(app, env_file, place, postgres, smtp_port, base, processes):
    backup = deploy_script(app, env_file, place, "backup")
    if not check(backup.returncode == 0, "deploy/backup"):
        print(backup.stderr[-3000:])
        return
    folder = Path(backup.stdout.strip())
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    subprocess.run([binaries / "psql", postgres.url.replace("/aicities", "/postgres"), "-qc",
                    "CREATE DATABASE aicities_restored OWNER aicities"], check=True)  # fmt: skip
    restored_port = free_port()
    restored_env = place / "restored.env"
    restored_url = f"postgres://aicities@127.0.0.1:{postgres.port}/aicities_restored"
    restored_env.write_text(
        env_file.read_text()
        + smoke_lines(place, smtp_port, restored_port, base, restored_url, suffix="-restored")
    )
    restored_env.chmod(0o600)
    restore = deploy_script(app, restored_env, place, "restore", str(folder))
    if not check(restore.returncode == 0, "deploy/restore into a fresh database and folders"):
        print(restore.stderr[-3000:])
        return
    web = processes.enter_context(stopping(unit_process(app, "aicities-web.service", restored_env)))
    served = f"http://127.0.0.1:{restored_port}"
    wait_until_up(f"{served}/healthz", web, host="10.0.0.1")
    link = urllib.parse.urlsplit(place.joinpath("status-link").read_text())
    status, page = plain_get(
        f"{served}{link.path}?{link.query}", DOMAIN, **{"X-Forwarded-Proto": "https"}
    )
    check(status == 200 and "AIC-" in page, "the restored site serves the application's status")
    letter_files = list((place / "private-restored").rglob("*.pdf"))
    check(bool(letter_files), "the private files are back (the certificate's PDF)")


def main():
    with public_temporary_folder() as place, contextlib.ExitStack() as processes:
        run(place, processes)
    if FAILURES:
        print(f"\nsmoke test FAILED: {len(FAILURES)} check(s)")
        sys.exit(1)
    print("\nsmoke test passed")


if __name__ == "__main__":
    main()
