"""The limits hold across app servers: two gunicorn processes share one Redis cache.

The processes use the test settings with REDIS_URL (a Redis of this test's own, on a free port)
and a throw-away SQLite file; the look-up endpoint refuses before it touches the database.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.services import free_port, private_redis

BASE_DIR = Path(__file__).resolve().parents[2]


def wait_until_listening(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} stopped: {process.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"server on port {port} did not start")


def start_server(port, tmp_path, redis_url, **env):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "aicities.settings.test",
        "REDIS_URL": redis_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'servers.sqlite3'}",
        **env,
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "aicities.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(
        command,
        cwd=BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def two_servers(tmp_path):
    with private_redis() as cache:
        yield from serve_twice(tmp_path, cache.url)


def serve_twice(tmp_path, redis_url):
    ports = [free_port(), free_port()]
    processes = [
        start_server(port, tmp_path, redis_url, CERTIFICATE_LOOKUPS_ALLOWED="4") for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_until_listening(port, process)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


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
