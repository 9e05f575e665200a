"""The limits hold across app servers: two gunicorn processes share one Redis cache.

The processes use the test settings with REDIS_URL (a Redis of this test's own, on a free port)
and a throw-away SQLite file; the look-up endpoint refuses before it touches the database.
"""

import contextlib
import os
import urllib.error
import urllib.request

import pytest

from demo.processes import free_port, gunicorn
from tests.services import private_redis


def environment(tmp_path, redis_url, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "aicities.settings.test",
        "REDIS_URL": redis_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'servers.sqlite3'}",
        **extra,
    }


@pytest.fixture
def two_servers(tmp_path):
    with private_redis() as cache:
        yield from serve_twice(tmp_path, cache.url)


def serve_twice(tmp_path, redis_url):
    ports = [free_port(), free_port()]
    shared = environment(tmp_path, redis_url, CERTIFICATE_LOOKUPS_ALLOWED="4")
    with contextlib.ExitStack() as servers:
        for port in ports:
            servers.enter_context(gunicorn(shared, port, workers=1))
        yield ports


def post_credential(port):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/certificates/credentials/verify",
        data=b"not-a-credential",
        method="POST",
        headers={"Content-Type": "application/jwt"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_look_up_limit_is_shared_by_two_server_processes(two_servers):
    first, second = two_servers
    statuses = [post_credential(port)[0] for port in (first, second, first, second)]
    assert statuses == [400, 400, 400, 400]
    for port in (first, second):
        status, headers = post_credential(port)
        assert status == 429
        assert 0 < int(headers["Retry-After"]) <= 600
