"""Two app servers on one PostgreSQL and one Redis, as in production: each forks workers that
share the application its master loaded (gunicorn.conf.py), the page cache in Redis serves
both, a date changed in the database shows on both at once (no server keeps a stale copy,
cached or not), and a rate limit counted on one holds on the other."""

import os
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from demo.processes import memory_of, worker_pids
from tests.production.servers import (
    environment_for,
    free_port,
    gunicorn,
    manage,
)
from tests.services import private_postgres, private_redis

LOOKUPS_ALLOWED = 4

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs once, in the SQLite pass (it starts a PostgreSQL and a Redis of its own)",
)

PREPARE = """
import datetime
from django.utils import timezone
from home.bootstrap import bootstrap_site
from programme.models import CohortIndexPage
from programme.factories import CohortFactory

bootstrap_site()
CohortIndexPage.objects.get(locale__language_code="en").save_revision().publish()
CohortFactory(slug="two-servers", with_sessions__confirmed=True)
"""

MOVE_FIRST_SESSION = """
import datetime
from programme.models import Session
session = Session.objects.filter(cohort__slug="two-servers").order_by("starts_at").first()
before = session.snapshot()
session.starts_at = session.starts_at.replace(year=2027, month=1, day=12)
session.ends_at = session.ends_at.replace(year=2027, month=1, day=12)
session.save()
session.record_edit(before)
"""


def status_of(url):
    status, _cache, html = fetch(url)
    return status, html


def fetch(url):
    """Status, the page cache's verdict (X-Page-Cache) and the body.

    Both servers are asked for the same host, as behind one load balancer (the cache keys by
    host: one site's pages are never served for another's)."""
    request = urllib.request.Request(url, headers={"Host": "127.0.0.1"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("X-Page-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Page-Cache"), error.read().decode()


@pytest.fixture
def servers():
    """A PostgreSQL and a Redis of this test's own, on free ports, gone at the end."""
    with private_postgres() as postgres, private_redis() as cache:
        yield postgres, cache


def test_two_servers_share_the_database_and_the_rate_limits(servers, migrated_postgres):
    postgres, cache = servers
    first_port, second_port = free_port(), free_port()
    environment = environment_for(
        postgres.url,
        REDIS_URL=cache.url,
        ALLOWED_HOSTS="127.0.0.1",
        BASE_URL=f"http://127.0.0.1:{first_port}",
        CERTIFICATE_LOOKUPS_ALLOWED=str(LOOKUPS_ALLOWED),
    )
    migrated_postgres(environment, postgres)
    manage(environment, "shell", "-c", PREPARE)
    with (
        gunicorn(environment, first_port, workers=2) as first,
        gunicorn(environment, second_port, workers=2) as second,
    ):
        page = "/en/cohorts/two-servers/"
        # One server renders and keeps the page; the other is served the kept copy.
        answers = [fetch(server + page) for server in (first, second)]
        assert [(status, cache) for status, cache, _html in answers] == [
            (200, "miss"),
            (200, "hit"),
        ]
        assert all("12 January 2027" not in html for _s, _c, html in answers)

        manage(environment, "shell", "-c", MOVE_FIRST_SESSION)
        caches = []
        for server in (first, second, first, second):
            status, cache, html = fetch(server + page)
            assert status == 200 and "12 January 2027" in html, urlsplit(server).port
            caches.append(cache)
        # The move cleared the kept copy for both servers: rendered once again, then kept.
        assert caches == ["miss", "hit", "hit", "hit"]

        # gunicorn.conf.py preloads the application: most of a worker's memory is its master's
        # pages, shared, not a copy of its own.
        for server in (first, second):
            for pid in worker_pids(server.master_pid):
                memory = memory_of(pid)
                assert memory.uss < memory.rss / 2, (pid, memory)

        verify = "/en/certificates/verify/ABCD-EFGH-JKLM-NPQR/"
        answers = [status_of(server + verify)[0] for server in (first, second) * LOOKUPS_ALLOWED]
        # Counted across both servers: the fifth look-up is refused wherever it lands.
        assert 429 not in answers[:LOOKUPS_ALLOWED], answers
        assert set(answers[LOOKUPS_ALLOWED:]) == {429}, answers
