"""SQLite does not lose submissions: 30 cities apply at the same moment to a live server on the
default database, and every application is stored, with its own reference, and no error."""

import datetime
import os
import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest

from applications.spam_check import new_started_token
from tests.applications.builders import valid_data
from tests.production.servers import environment_for, free_port, gunicorn, manage

SUBMISSIONS = 30
pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="SQLite's own behaviour under concurrent writes (runs in the SQLite pass)",
)

PREPARE = """
import datetime
from django.utils import timezone
from wagtail.models import Page
from applications.models import ApplicationPage
from home.bootstrap import bootstrap_site
from programme.models import Cohort

home = bootstrap_site()
page = ApplicationPage.objects.get(locale__language_code="en")
page.save_revision().publish()
today = timezone.localdate()
Cohort.objects.create(
    slug="live-italy", country="IT", delivery_languages=["it"], year=today.year,
    planned_start=today + datetime.timedelta(days=60),
    planned_end=today + datetime.timedelta(days=90), seats=25,
    applications_open_on=today - datetime.timedelta(days=1),
    applications_close_on=today + datetime.timedelta(days=20),
)
"""


def form_data(cohort_pk, number):
    """The application form's valid data (the builders' own), one city and contact per number."""
    cohort = SimpleNamespace(pk=cohort_pk, country="IT")
    return valid_data(
        cohort,
        **{
            "authority_name": f"Città {number:02d}",
            "contact_email": f"sindaco{number}@example.it",
            "participants-TOTAL_FORMS": "1",
            "participants-0-email": f"p{number}@example.it",
            # This server runs on today's clock: a form opened two minutes ago.
            "started": new_started_token(opened_at=time.time() - 120),
        },
    )


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def submit(base, number, cohort_pk, csrf):
    opener = urllib.request.build_opener(NoRedirect)
    body = urllib.parse.urlencode(
        {**form_data(cohort_pk, number), "csrfmiddlewaretoken": csrf}
    ).encode()
    request = urllib.request.Request(
        f"{base}/en/apply/",
        data=body,
        headers={"Cookie": f"csrftoken={csrf}", "Referer": f"{base}/en/apply/"},
    )
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_thirty_simultaneous_submissions_are_all_stored(tmp_path, migrated_sqlite):
    database = tmp_path / "live.sqlite3"
    port = free_port()
    environment = environment_for(
        migrated_sqlite(database),
        BASE_URL=f"http://127.0.0.1:{port}",
        ALLOWED_HOSTS="127.0.0.1",
        APPLICATIONS_ALLOWED=str(SUBMISSIONS),  # all from one address, within the limit
    )
    manage(environment, "shell", "-c", PREPARE)
    with sqlite3.connect(database) as connection:
        (cohort_pk,) = connection.execute("SELECT id FROM programme_cohort").fetchone()
    csrf = "a" * 32
    with (
        gunicorn(environment, port, workers=3, threads=4) as base,
        ThreadPoolExecutor(max_workers=SUBMISSIONS) as pool,
    ):
        statuses = list(pool.map(lambda n: submit(base, n, cohort_pk, csrf), range(SUBMISSIONS)))
    assert [status for status in statuses if status >= 500] == []
    assert statuses == [302] * SUBMISSIONS, statuses
    with sqlite3.connect(database) as connection:
        references = [
            row[0] for row in connection.execute("SELECT reference FROM applications_application")
        ]
        emails = dict(
            connection.execute("SELECT kind, count(*) FROM mail_outgoingemail GROUP BY kind")
        )
    assert len(references) == SUBMISSIONS
    assert len(set(references)) == SUBMISSIONS
    assert all(
        reference.startswith(f"AIC-{datetime.date.today().year}-IT-") for reference in references
    )
    # Every city is acknowledged; staff hear of the first five alone and of the rest in one
    # digest (applications/notifications.py).
    assert emails == {
        "applications.acknowledgement": SUBMISSIONS,
        "applications.staff_notification": 5,
        "applications.staff_digest": 1,
    }, emails
