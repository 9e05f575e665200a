"""A dead Redis does not take the site down: pages are served, look-ups stay open, sign-in
pauses with a clear message, and /healthz says what is wrong."""

import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.production.servers import environment_for, free_port, gunicorn, manage

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs once, in the SQLite pass",
)

PREPARE = """
from home.bootstrap import bootstrap_site
bootstrap_site()
"""


HEALTH_TOKEN = "redis-down-health-token"


def fetch(url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, body, time.monotonic() - started


def closed_port():
    """A port nothing listens on: connections are refused at once, as with a dead Redis."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_site_serves_without_redis(tmp_path, migrated_sqlite):
    port = free_port()
    environment = environment_for(
        migrated_sqlite(tmp_path / "redis-down.sqlite3"),
        REDIS_URL=f"redis://127.0.0.1:{closed_port()}/0",
        ALLOWED_HOSTS="127.0.0.1",
        BASE_URL=f"http://127.0.0.1:{port}",
        HEALTHZ_TOKEN=HEALTH_TOKEN,
    )
    manage(environment, "shell", "-c", PREPARE)
    with gunicorn(environment, port) as base:
        for path in ["/en/", "/fr/", "/de/certificates/verify/ABCD-EFGH-JKLM-NPQR/"]:
            status, _body, seconds = fetch(base + path)
            assert status in (200, 404) and status < 500, (path, status)
            assert seconds < 5, (path, seconds)
        status, body, _seconds = fetch(
            base + "/healthz", headers={"Authorization": f"Bearer {HEALTH_TOKEN}"}
        )
        assert status == 503 and '"cache"' in body
