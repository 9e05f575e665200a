"""The first requests to a fresh server, side by side, all get an answer (#20, point 4): the
routable pages (cohorts, the application page, the notes) build their URL resolver in the
gunicorn master (aicities/warm_up.py), never in racing worker threads."""

import os
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.apps import apps
from wagtail.contrib.routable_page.models import RoutablePageMixin

from aicities.warm_up import warm_up
from tests.production.servers import environment_for, free_port, gunicorn, manage

REQUESTS = 48

PREPARE = """
import datetime
from django.utils import timezone
from wagtail.models import Page
from applications.models import ApplicationPage
from committee.models import CommitteeNoteIndexPage, CommitteePage
from home.bootstrap import bootstrap_site
from programme.models import Cohort, CohortIndexPage

bootstrap_site()
for model in (CohortIndexPage, ApplicationPage, CommitteePage, CommitteeNoteIndexPage):
    model.objects.get(locale__language_code="en").save_revision().publish()
today = timezone.localdate()
for number in range(4):
    Cohort.objects.create(
        slug=f"cohort-{number}", country="IT", delivery_languages=["it"], year=today.year,
        planned_start=today + datetime.timedelta(days=60),
        planned_end=today + datetime.timedelta(days=90), seats=25,
    )
"""

ROUTABLE_PATHS = [
    *(f"/en/cohorts/cohort-{number}/" for number in range(4)),
    "/en/cohorts/",
    "/en/apply/",
    "/en/committee/notes/",
]


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_warm_up_builds_every_routable_page_resolver():
    # The installed models (migrations' historical models are subclasses too, never served).
    routable = [
        model
        for model in apps.get_models()
        if issubclass(model, RoutablePageMixin) and not model._meta.proxy
    ]
    assert routable, "the site has routable pages"
    for model in routable:  # as in a fresh process
        if "_routablepage_urlresolver" in model.__dict__:
            del model._routablepage_urlresolver
    warm_up()
    assert [m for m in routable if "_routablepage_urlresolver" not in m.__dict__] == []


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="a server on a SQLite file of its own (runs in the SQLite pass)",
)
def test_first_requests_side_by_side_to_a_fresh_server_get_no_error(tmp_path, migrated_sqlite):
    port = free_port()
    environment = environment_for(
        migrated_sqlite(tmp_path / "fresh.sqlite3"),
        BASE_URL=f"http://127.0.0.1:{port}",
        ALLOWED_HOSTS="127.0.0.1",
    )
    manage(environment, "shell", "-c", PREPARE)
    urls = [
        f"http://127.0.0.1:{port}{ROUTABLE_PATHS[n % len(ROUTABLE_PATHS)]}?n={n}"
        for n in range(REQUESTS)
    ]
    # One worker with many threads: every request lands on the same fresh process.
    with (
        gunicorn(environment, port, workers=1, threads=16),
        ThreadPoolExecutor(max_workers=REQUESTS) as pool,
    ):
        statuses = list(pool.map(status_of, urls))
    assert [s for s in statuses if s >= 500] == []
    assert statuses == [200] * REQUESTS, dict(zip(urls, statuses, strict=True))
