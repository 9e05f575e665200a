"""Benchmark the public pages on a data set ten times the demo (`make bench`).

1. Re-runs itself under aicities.settings.bench, which rebuilds a database of its own
   (bench.sqlite3, or "<name>_bench" with DATABASE_URL): never the developer's data.
2. Loads the page tree in six languages, 70 cohorts of 5 sessions (confirmed, to be
   confirmed, moved, cancelled: every change through Session.record_edit) and 50 events.
3. Renders each page in-process with the test client: status, bytes, SQL queries, and the
   median and p95 render time of 50 requests after 5 warm-ups.
4. Times the editor's save of a cohort with five sessions (the admin's POST, in-process): the
   page cache's purges and the warming of the cohort's pages are queued, not run.
5. Starts gunicorn on 127.0.0.1 and, in that one server, loads a static CSS file (WhiteNoise),
   then each public page type uncached (the bench's bypass header: rendered every time, but
   for the parts remembered per generation, web/fragments.py), cached (the page cache, warm)
   and signed in (a member's session cookie: never the page cache), at N concurrent
   connections for D seconds each, and prints a table per page type: requests/s and each
   figure as a share of the static file's. It reads the memory (RSS, PSS, USS from
   /proc/PID/smaps_rollup) of every gunicorn worker after start and after the load.
   (--skip-load skips it.)

The in-process part always renders (the bypass header), so its queries and times are the
uncached page's.

Missed targets are reported, not fatal; a page that fails (status other than 200, or load
errors) makes the command exit with an error.
"""

import contextlib
import datetime
import http.client
import io
import math
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zoneinfo
from dataclasses import dataclass, field
from unittest import mock

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_recaptcha.client import RecaptchaResponse
from wagtail.models import Locale, Page, Site

from applications.models import ApplicationPage
from applications.spam_check import new_started_token
from demo import processes
from demo.content import site as content
from demo.page_weight import BUDGET_BYTES, page_weight
from demo.processes import free_port, memory_of, worker_pids
from home.models import ContactSettings, FooterText, HomePage
from members.groups import EDITORS, ensure_groups
from programme.factories import CohortFactory, EventFactory, EventTopicFactory
from programme.models import (
    Cohort,
    CohortIndexPage,
    DateState,
    EventIndexPage,
    EventKind,
    ProgrammePage,
    Session,
)

BENCH_SETTINGS = "aicities.settings.bench"
HOST = "127.0.0.1"
COHORTS = 70  # the demo has 7
EVENTS = 50  # the demo has 5
COHORT_COUNTRIES = [
    ("FR", ["fr"]),
    ("FR", ["fr"]),
    ("ES", ["es"]),
    ("IT", ["it"]),
    ("NL", ["nl"]),
    ("DE", ["de"]),
    ("BE", ["fr", "nl", "de"]),
]
REQUESTS, WARM_UPS = 50, 5
MAX_QUERIES = 12
# The events page also looks up the summary notes of past web conferences and the page
# restrictions that keep members-only ones out (tests/programme/test_query_counts.py).
PAGE_MAX_QUERIES = {"events listing": MAX_QUERIES + 2}
# Shares of the static file's requests per second through the same gunicorn (#26): every page
# type uncached and signed in at 5.5 % (about 2.5 times bakerydemo's blog page), cached at 85 %.
RENDERED_TARGET_RATIO = 0.055
CACHED_TARGET_RATIO = 0.85
LOAD_MODES = ("uncached", "cached", "signed in")
SAVES, SAVE_TARGET_MS = 10, 300  # the editor's save of a cohort with five sessions
STATIC_URL_PATH = "/static/css/site.css"
WORKER_MEMORY_TARGETS_MIB = {"after start": 100, "after load": 120}
# The page cache's bypass (aicities/settings/bench.py): as a header, and as the test client's.
UNCACHED_HEADER = {"X-Bench-Uncached": "1"}
UNCACHED_CLIENT = {"HTTP_X_BENCH_UNCACHED": "1"}


# --- Data ------------------------------------------------------------------------------------


def reset_database():
    """Drop, recreate and migrate the bench database (the settings make it its own test DB)."""
    name = str(settings.DATABASES["default"]["NAME"])
    if "bench" not in name:
        raise CommandError(f"Refusing to rebuild {name!r}: not a bench database.")
    connections.close_all()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return name


def drop_server_database(name):
    """A server database of this run is dropped at its end; bench.sqlite3 stays for a look."""
    if connection.vendor != "sqlite":
        connections.close_all()
        connection.creation.destroy_test_db(name, verbosity=0, keepdb=False)


def publish_child(parent, page):
    """Add `page` under `parent` and publish it, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_page_tree():
    """Home, the six programme pages, the cohort listing and the events page, in six languages.

    The English pages carry the demo content; the other languages are copies made the way
    editors make them (copy_for_translation, then publish), so their words stay English.
    """
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }
    Site.objects.all().delete()
    for page in Page.objects.filter(depth=2):
        page.delete()
    root = Page.get_first_root_node()
    home = publish_child(
        root,
        HomePage(
            title=content.HOME["title"],
            slug="home",
            intro=content.HOME["intro"],
            body=content.HOME["body"],
            locale=locales["en"],
        ),
    )
    site = Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="AI for Cities",
    )
    children = [
        ProgrammePage(
            title=spec["title"], slug=spec["slug"], intro=spec["intro"], body=spec["body"]
        )
        for spec in content.PROGRAMME_PAGES
    ]
    children.append(
        CohortIndexPage(
            title="Cohorts and dates", slug="cohorts", body=content.COHORT_INDEX["body"]
        )
    )
    children.append(EventIndexPage(title="Events", slug="events", body=content.EVENT_INDEX["body"]))
    for page in children:
        page.show_in_menus = True
        publish_child(home, page)
    footer = FooterText.objects.create(body=content.FOOTER, locale=locales["en"])
    for code, locale in locales.items():
        if code == "en":
            continue
        for page in [home, *children]:
            page.copy_for_translation(locale, copy_parents=False).save_revision().publish()
        footer.copy_for_translation(locale).save()
    ContactSettings.objects.create(
        site=site,
        manager_name="Claire Dumont",
        manager_email="aiforcities@efus.eu",
        organisation_address="10 rue des Montiboeufs\n75020 Paris\nFrance",
    )
    return locales


def change_session(session, **changes):
    """Apply an editor's change to a session and record it, as the admin does."""
    before = session.snapshot()
    for name, value in changes.items():
        setattr(session, name, value)
    session.save()
    session.record_edit(before)


def build_cohorts(today):
    """70 cohorts, every 9 days around today: completed, in progress, open, planned.

    Past cohorts have all 5 dates confirmed, later ones 0 to 5; every third cohort has a moved
    session and every tenth a cancelled one.
    """
    for number in range(COHORTS):
        country, languages = COHORT_COUNTRIES[number % len(COHORT_COUNTRIES)]
        start = today + datetime.timedelta(days=9 * (number - 40))
        cohort = CohortFactory(
            slug=f"{country.lower()}-{start.year}-{number}",
            country=country,
            delivery_languages=languages,
            year=start.year,
            planned_start=start,
            planned_end=start + datetime.timedelta(days=60),
            applications_open_on=start - datetime.timedelta(days=90),
            applications_close_on=start - datetime.timedelta(days=30),
        )
        sessions = list(cohort.sessions.order_by("position"))
        confirmed = 5 if start <= today else [0, 1, 2, 3, 5][number % 5]
        for session in sessions[:confirmed]:
            change_session(session, is_confirmed=True)
        if number % 3 == 0 and confirmed >= 2:
            moved = sessions[1]
            change_session(
                moved,
                starts_at=moved.starts_at + datetime.timedelta(days=2),
                ends_at=moved.ends_at + datetime.timedelta(days=2),
            )
        if number % 10 == 5 and confirmed >= 4:
            change_session(sessions[3], is_cancelled=True)


def build_events(locales, today):
    """50 events, one every 16 days around today, each with a topic in six languages."""
    brussels = zoneinfo.ZoneInfo("Europe/Brussels")
    for number in range(EVENTS):
        topic = EventTopicFactory(
            title=f"Web conference {number}: AI, cities and urban security",
            summary="<p>What cities learnt, what the law requires, what to buy.</p>",
            locale=locales["en"],
        )
        for code, locale in locales.items():
            if code != "en":
                topic.copy_for_translation(locale).save()
        day = today + datetime.timedelta(days=16 * (number - 35))
        EventFactory(
            topic=topic,
            kind=EventKind.FINAL_CONFERENCE if number == EVENTS - 1 else EventKind.WEB_CONFERENCE,
            starts_at=datetime.datetime.combine(day, datetime.time(14), tzinfo=brussels),
            is_confirmed=number % 7 != 3,
        )


def build_data_set():
    """The whole data set in one transaction, then the search index."""
    today = timezone.localdate()
    with transaction.atomic():
        locales = build_page_tree()
        build_cohorts(today)
        build_events(locales, today)
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())


def sample_cohort_slug():
    """A cohort with a moved session: the richest cohort page."""
    moved = next(
        s for s in Session.objects.order_by("cohort__planned_start") if s.state == DateState.MOVED
    )
    return moved.cohort.slug


# --- Measurements ----------------------------------------------------------------------------


def percentile(values, pct):
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


@dataclass
class PageResult:
    name: str
    url: str
    status: int
    size: int
    queries: int
    timings: list = field(default_factory=list)


def measure_page(client, name, url):
    """Status, size and queries of one request, then the timings of REQUESTS more."""
    for _ in range(WARM_UPS):
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    result = PageResult(name, url, response.status_code, len(response.content), len(queries))
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get(url)
        result.timings.append(time.perf_counter() - started)
    return result


@dataclass
class LoadResult:
    name: str
    mode: str  # "static", "uncached" or "cached"
    url: str
    seconds: float
    latencies: list
    errors: int

    @property
    def rate(self):
        return len(self.latencies) / self.seconds


def hammer(port, url, duration, connections_count, headers=None):
    """GET `url` on `connections_count` connections for `duration` seconds.

    Each thread keeps one http.client connection; gunicorn's sync workers close it after every
    response, and http.client then reconnects on the next request.
    """
    deadline = time.monotonic() + duration
    latencies = [[] for _ in range(connections_count)]
    errors = [0] * connections_count

    def worker(index):
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", url, headers={"Host": HOST, **(headers or {})})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()  # the next request reconnects
                ok = False
            if ok:
                latencies[index].append(time.perf_counter() - started)
            else:
                errors[index] += 1
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections_count)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return [x for chunk in latencies for x in chunk], sum(errors), elapsed


@contextlib.contextmanager
def gunicorn(port):
    """gunicorn (2 sync workers) on the bench settings, once the home page answers 200; always
    stopped on leaving."""
    # aicities/wsgi.py only defaults to the production settings: name the bench ones.
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": BENCH_SETTINGS}
    with tempfile.NamedTemporaryFile(mode="w+") as log:
        try:
            with processes.gunicorn(
                environment, port, ready_path="/en/", wanted=200, log=log
            ) as master:
                yield master
        except processes.ServerFailed as failure:
            raise CommandError(f"gunicorn: {failure}") from failure


# --- Command ---------------------------------------------------------------------------------


PAGE_COLUMNS = [
    ("page", -16),
    ("url", -34),
    ("status", 6),
    ("bytes", 8),
    ("queries", 8),
    ("median ms", 10),
    ("p95 ms", 8),
]
LOAD_COLUMNS = [
    ("page", -16),
    ("uncached", 15),
    ("cached", 15),
    ("signed in", 15),
    ("p50 ms uncached", 16),
    ("errors", 7),
]


def table_row(columns, values):
    """Values padded to the columns' widths: negative widths align left, positive right."""
    return "".join(
        f"{str(value):<{-width}}" if width < 0 else f"{str(value):>{width}}"
        for (_name, width), value in zip(columns, values, strict=True)
    )


def machine_load():
    """CPUs and load average: other processes on the machine skew every figure below."""
    one, five, _fifteen = os.getloadavg()
    return f"{os.cpu_count()} CPUs, load average {one:.1f} (1 min), {five:.1f} (5 min)"


def ms(seconds):
    return f"{seconds * 1000:.1f}"


SUBMISSIONS = 40
SUBMISSION_P95_TARGET_MS = 150


def application_data(cohort, number):
    """A valid application with two participants, as a browser posts it."""
    participant = {
        "name": f"Participant {number}",
        "position": "official",
        "service": "Police municipale",
        "gender": "undisclosed",
        "email": f"participant{number}@example.org",
    }
    data = {
        "cohort": str(cohort.pk),
        "authority_kind": "municipality",
        "authority_name": f"Ville {number}",
        "country": cohort.country,
        "region": "Région",
        "population": "50000",
        "efus_member": "unknown",
        "service": "municipal_police",
        "contact_name": "Contact",
        "contact_position": "Chef de service",
        "contact_email": f"contact{number}@example.org",
        "contact_phone": "+33 1 00 00 00 00",
        "motivation": "Former notre service.",
        "commits_to_attend": "on",
        "consent": "on",
        "g-recaptcha-response": "stubbed",
        "started": new_started_token(opened_at=time.time() - 120),
        "participants-TOTAL_FORMS": "2",
        "participants-INITIAL_FORMS": "0",
    }
    for index in range(2):
        data.update({f"participants-{index}-{key}": value for key, value in participant.items()})
    return data


def admin_form_data(html):
    """The data a browser posts back from the admin's edit form, as it was rendered."""
    # Imported here: only the bench reads the admin's form (bs4 comes with Wagtail).
    from bs4 import BeautifulSoup

    forms = BeautifulSoup(html, "html.parser").find_all(
        "form", attrs={"method": re.compile("post", re.I)}
    )
    form = max(forms, key=lambda candidate: len(candidate.find_all(["input", "select"])))
    data = {}
    for tag in form.find_all(["input", "select", "textarea"]):
        name = tag.get("name")
        if not name or tag.get("type") in {"submit", "button"}:
            continue
        if tag.name == "select":
            chosen = tag.find_all("option", selected=True)
            values = [option["value"] for option in chosen]
            data[name] = values if tag.has_attr("multiple") else (values[0] if values else "")
        elif tag.get("type") == "checkbox":
            if tag.has_attr("checked"):
                data.setdefault(name, []).append(tag.get("value", "on"))
        elif tag.name == "textarea":
            data[name] = tag.text
        else:
            data[name] = tag.get("value", "")
    return data


def measure_cohort_saves(slug):
    """The editor's save of a cohort with five sessions in the admin, as a browser posts it:
    the time until the answer (the redirect), after one warm-up."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    editor = get_user_model().objects.create_user("bench-editor", "editor@example.org")
    editor.groups.add(ensure_groups()[EDITORS])  # an editor, as the programme's staff are
    client = Client(HTTP_HOST=HOST)
    client.force_login(editor)
    cohort = Cohort.objects.get(slug=slug)
    url = reverse("wagtailsnippets_programme_cohort:edit", args=[cohort.pk])
    timings, statuses = [], set()
    for number in range(1 + SAVES):
        data = admin_form_data(client.get(url).content)
        data["seats"] = str(20 + number % 5)
        started = time.perf_counter()
        response = client.post(url, data)
        if number:
            timings.append(time.perf_counter() - started)
        statuses.add(response.status_code)
    return timings, statuses


def member_cookie():
    """A signed-in member's session cookie: pages rendered for a member, never cached."""
    from django.contrib.auth import get_user_model

    member = get_user_model().objects.create_user("bench-member", "member@example.org")
    client = Client(HTTP_HOST=HOST)
    client.force_login(member)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def measure_submissions(client):
    """Valid submissions end to end at the server: form, one transaction, two emails queued.

    reCAPTCHA's call to Google is stubbed; the emails stay in the queue (no worker runs).
    """
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        slug="bench-open-window",
        country="FR",
        delivery_languages=["fr"],
        year=today.year,
        planned_start=today + datetime.timedelta(days=60),
        planned_end=today + datetime.timedelta(days=100),
        applications_open_on=today - datetime.timedelta(days=1),
        applications_close_on=today + datetime.timedelta(days=30),
    )
    home = HomePage.objects.get(locale__language_code="en")
    page = publish_child(home, ApplicationPage(title="Apply", slug="apply"))
    timings, statuses = [], set()
    accept = RecaptchaResponse(is_valid=True)
    with mock.patch("django_recaptcha.fields.client.submit", return_value=accept):
        for number in range(WARM_UPS + SUBMISSIONS):
            started = time.perf_counter()
            # Each city from its own address: the per-address limit is not what is measured.
            address = f"10.0.{number // 250}.{number % 250 + 1}"
            response = client.post(page.url, application_data(cohort, number), REMOTE_ADDR=address)
            if number >= WARM_UPS:
                timings.append(time.perf_counter() - started)
            statuses.add(response.status_code)
    return timings, statuses


class Command(BaseCommand):
    help = "Measure page speed and throughput on a data set ten times the demo (own database)."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=float, default=15, help="Seconds of load per URL.")
        parser.add_argument("--connections", type=int, default=8, help="Concurrent connections.")
        parser.add_argument("--skip-load", action="store_true", help="Only the in-process part.")

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE != BENCH_SETTINGS:
            return self.rerun_with_bench_settings(options)
        self.failures, self.missed = [], []
        started = time.perf_counter()
        name = reset_database()
        try:
            self.measure(name, started, options)
        finally:
            drop_server_database(name)

    def measure(self, name, started, options):
        build_data_set()
        self.stdout.write(
            f"Database {name}: {COHORTS} cohorts, {EVENTS} events, 6 languages "
            f"(built in {time.perf_counter() - started:.1f} s)"
        )
        self.stdout.write(f"Machine: {machine_load()}\n")
        slug = sample_cohort_slug()
        pages = [
            ("home", "/en/"),
            ("programme page", "/en/about/"),
            ("cohort listing", "/en/cohorts/"),
            ("cohort page", f"/en/cohorts/{slug}/"),
            ("events listing", "/en/events/"),
            ("figures", "/en/programme-in-figures/"),
            ("search", "/en/search/?q=training"),
        ]
        client = Client(HTTP_HOST=HOST, **UNCACHED_CLIENT)
        self.report_pages([measure_page(client, *page) for page in pages])
        self.report_timings(
            "Application submissions",
            "in-process, reCAPTCHA stubbed, emails queued",
            *measure_submissions(Client(HTTP_HOST=HOST)),
            stat="p95",
            target_ms=SUBMISSION_P95_TARGET_MS,
        )
        self.report_timings(
            "Editor's save of a cohort with five sessions",
            "admin POST, in-process; purges and warming queued",
            *measure_cohort_saves(slug),
            stat="median",
            target_ms=SAVE_TARGET_MS,
        )
        self.report_weight(page_weight(Client(HTTP_HOST=HOST), "/en/"))
        if not options["skip_load"]:
            loaded = [page for page in pages if page[0] != "search"]
            cookie = member_cookie()
            self.report_load(
                self.run_load(loaded, options["duration"], options["connections"], cookie)
            )
        self.conclude()

    def rerun_with_bench_settings(self, options):
        """The settings cannot change in-process: run `manage.py bench` again under them."""
        command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "bench"]
        command += [
            "--duration",
            str(options["duration"]),
            "--connections",
            str(options["connections"]),
        ]
        if options["skip_load"]:
            command.append("--skip-load")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": BENCH_SETTINGS,
            "PYTHONUNBUFFERED": "1",
            # This run's own database and cache keys (aicities/settings/bench.py).
            "BENCH_RUN": uuid.uuid4().hex[:12],
        }
        returncode = subprocess.call(command, env=env, cwd=settings.BASE_DIR)
        if returncode:
            raise SystemExit(returncode)

    def report_pages(self, results):
        self.stdout.write(f"In-process (test client, host {HOST}): {REQUESTS} requests each")
        self.write_header(PAGE_COLUMNS)
        for r in results:
            median, p95 = percentile(r.timings, 50), percentile(r.timings, 95)
            values = [r.name, r.url, r.status, r.size, r.queries, ms(median), ms(p95)]
            budget = PAGE_MAX_QUERIES.get(r.name, MAX_QUERIES)
            flag = f"  > {budget} queries" if r.queries > budget else ""
            self.stdout.write(table_row(PAGE_COLUMNS, values) + flag)
            if r.status != 200:
                self.failures.append(f"{r.url} answered {r.status}")
            if r.queries > budget:
                self.missed.append(f"{r.name}: {r.queries} queries (target ≤ {budget})")
        self.stdout.write("")

    def report_timings(self, what, detail, timings, statuses, stat, target_ms):
        """A line of `what`'s median and p95, and a target missed by `stat` ("median"/"p95")."""
        measured = {"median": percentile(timings, 50), "p95": percentile(timings, 95)}
        self.stdout.write(
            f"{what} ({detail}): {len(timings)} requests, median {ms(measured['median'])} ms, "
            f"p95 {ms(measured['p95'])} ms (target {stat} < {target_ms} ms)\n"
        )
        if statuses != {302}:
            self.failures.append(f"{what} answered {sorted(statuses)}")
        if measured[stat] * 1000 >= target_ms:
            self.missed.append(f"{what}: {stat} {ms(measured[stat])} ms (target < {target_ms})")

    def report_weight(self, weight):
        kib = weight.total / 1024
        self.stdout.write(
            f"\nHome page at 390 px: {kib:.1f} KiB compressed in {len(weight.files)} files "
            f"(budget {BUDGET_BYTES // 1024} KiB, no render-blocking third-party resource)"
        )
        for path, size in sorted(weight.files.items(), key=lambda item: -item[1])[:8]:
            self.stdout.write(f"  {size / 1024:7.1f} KiB  {path}")
        if weight.third_party_blocking:
            self.stdout.write(f"  render-blocking third parties: {weight.third_party_blocking}")
        if not weight.within_budget:
            self.missed.append(f"home page weight {kib:.1f} KiB (budget {BUDGET_BYTES // 1024})")

    def run_load(self, pages, duration, connections_count, cookie):
        """One gunicorn: the static file, then each page uncached, cached and signed in;
        worker memory."""
        port = free_port()
        self.stdout.write(
            f"Throughput: gunicorn -w 2 on {HOST}:{port}, {connections_count} connections, "
            f"{duration:g} s per URL (after 2 s of warm-up); {machine_load()}"
        )
        runs = [("static file", "static", STATIC_URL_PATH, None)]
        headers = {"uncached": UNCACHED_HEADER, "cached": None, "signed in": {"Cookie": cookie}}
        for name, url in pages:
            runs += [(name, mode, url, headers[mode]) for mode in LOAD_MODES]
        results = []
        with gunicorn(port) as process:
            workers = worker_pids(process.pid)
            memory = {"after start": {pid: memory_of(pid) for pid in workers}}
            for name, mode, url, headers in runs:
                hammer(port, url, 2, connections_count, headers)  # warm-up (fills the cache)
                latencies, errors, seconds = hammer(port, url, duration, connections_count, headers)
                results.append(LoadResult(name, mode, url, seconds, latencies, errors))
            memory["after load"] = {pid: memory_of(pid) for pid in workers}
            memory["master"] = memory_of(process.pid)
        return results, memory

    def report_load(self, load):
        results, memory = load
        static = next(r for r in results if r.mode == "static")
        self.stdout.write(
            f"Static file {STATIC_URL_PATH}: {static.rate:.1f} req/s, p50 "
            f"{ms(percentile(static.latencies, 50))} ms. Per page type, req/s (share of the "
            f"static file's; targets: uncached and signed in ≥ {RENDERED_TARGET_RATIO:.1%}, "
            f"cached ≥ {CACHED_TARGET_RATIO:.0%}):"
        )
        self.write_header(LOAD_COLUMNS)
        by_page = {}
        for r in results:
            if r.mode != "static":
                by_page.setdefault(r.name, {})[r.mode] = r
        for name, modes in by_page.items():
            cells = [self.load_cell(modes[mode], static) for mode in LOAD_MODES]
            p50 = (
                ms(percentile(modes["uncached"].latencies, 50))
                if modes["uncached"].latencies
                else "-"
            )
            errors = sum(r.errors for r in modes.values())
            self.stdout.write(table_row(LOAD_COLUMNS, [name, *cells, p50, errors]))
        for r in results:
            if r.errors:
                self.failures.append(f"{r.url} ({r.mode}): {r.errors} failed requests under load")
        self.stdout.write("")
        self.report_memory(memory)

    def load_cell(self, result, static):
        """ "req/s (share)", and a missed target noted."""
        share = result.rate / static.rate if static.rate else 0
        target = CACHED_TARGET_RATIO if result.mode == "cached" else RENDERED_TARGET_RATIO
        below = share < target
        if below:
            self.missed.append(
                f"{result.name} {result.mode}: {result.rate:.1f} req/s, {share:.1%} of the "
                f"static file's (target ≥ {target:.1%})"
            )
        return f"{result.rate:.0f} ({share:.1%}){'!' if below else ''}"

    def report_memory(self, memory):
        master = memory.pop("master")
        self.stdout.write(
            f"Memory per gunicorn worker, MiB: RSS / PSS (fair share) / USS (its own) — "
            f"targets on PSS; master RSS {master.rss:.0f}, PSS {master.pss:.0f}:"
        )
        for moment, per_worker in memory.items():
            target = WORKER_MEMORY_TARGETS_MIB[moment]
            figures = ", ".join(
                f"{m.rss:.0f} / {m.pss:.0f} / {m.uss:.0f} (pid {pid})"
                for pid, m in per_worker.items()
            )
            self.stdout.write(f"  {moment}: {figures or 'no worker found'} (target ≤ {target})")
            for pid, m in per_worker.items():
                if m.pss > target:
                    self.missed.append(f"worker {pid} {moment}: PSS {m.pss:.0f} MiB (≤ {target})")
        self.stdout.write("")

    def write_header(self, columns):
        header = table_row(columns, [name for name, _width in columns])
        self.stdout.write(header)
        self.stdout.write("-" * len(header))

    def conclude(self):
        for line in self.missed:
            self.stdout.write(f"Target missed: {line}")
        if not self.missed:
            self.stdout.write("All targets met.")
        if self.failures:
            raise CommandError("; ".join(self.failures))
