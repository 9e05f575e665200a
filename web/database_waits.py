"""A hung database costs a visitor a few seconds and a 503, never a worker killed mid-request.

PostgreSQL's own limits do not hold against a server that hangs (a stopped process, a stuck
disk, a paused machine): `statement_timeout` is enforced by the server itself, and libpq's
`connect_timeout` only by its blocking calls. A query on an open connection to a hung server
would wait until gunicorn kills the worker. So psycopg2 runs libpq without blocking and waits
for the socket through our callback (its "wait callback", made for coroutine libraries):

- connecting may take DATABASE_CONNECT_TIMEOUT in all;
- a statement that has had no answer for DATABASE_PROBE_AFTER seconds makes us ask the server,
  on a new socket, whether it is alive (PostgreSQL answers the first byte of any connection
  at once). A live server is busy: we wait on, until DATABASE_STATEMENT_TIMEOUT (when the
  server cancels the statement itself) plus a second. A server that does not answer within
  DATABASE_CONNECT_TIMEOUT is hung.

Giving up closes the connection (psycopg2 does, when the callback raises) and raises an
OperationalError, which web/outages.py answers with a 503. It also opens a circuit breaker:
for DATABASE_BREAKER_SECONDS the process does not wait for the database again, and each
request that needs it gets its 503 at once.
"""

import contextlib
import select
import socket
import struct
import time

import psycopg2
from django.conf import settings
from psycopg2 import extensions

from web.breaker import CircuitBreaker

DATABASE = CircuitBreaker("The database", lambda: settings.DATABASE_BREAKER_SECONDS)
# Past the statement timeout, a live server has cancelled the statement: this is its margin.
STATEMENT_GRACE_SECONDS = 1.0
# PostgreSQL's SSLRequest: the one message every server answers at once, with one byte.
SSL_REQUEST = struct.pack("!ii", 8, 80877103)


class DatabaseNotAnswering(psycopg2.OperationalError):
    """The database server said nothing for longer than we wait."""


def server_answers(connection, seconds):
    """Whether the server behind `connection` answers a new socket within `seconds`."""
    host, port = connection.info.host, connection.info.port
    try:
        if host.startswith("/"):
            probe = socket.socket(socket.AF_UNIX)
            probe.settimeout(seconds)
            probe.connect(f"{host}/.s.PGSQL.{port}")
        else:
            probe = socket.create_connection((host, port), timeout=seconds)
        with contextlib.closing(probe):
            probe.sendall(SSL_REQUEST)
            return bool(probe.recv(1))
    except OSError:
        return False


def _wait_for_socket(connection, state, seconds):
    """Wait until libpq can go on; False after `seconds` of silence."""
    sockets = [connection.fileno()]
    if state == extensions.POLL_READ:
        ready = select.select(sockets, [], [], max(0.0, seconds))
    elif state == extensions.POLL_WRITE:
        ready = select.select([], sockets, [], max(0.0, seconds))
    else:
        raise psycopg2.OperationalError(f"unexpected poll state {state}")
    return any(ready)


def _give_up(message):
    error = DatabaseNotAnswering(message)
    DATABASE.trip(error)
    raise error


def wait_or_give_up(connection):
    """psycopg2's wait callback: poll until libpq is done, giving up on a hung server."""
    if DATABASE.is_open():
        raise DatabaseNotAnswering("skipped while the database is not answering")
    connecting = connection.status == extensions.STATUS_SETUP
    started = last_heard = time.monotonic()
    probed = False
    while (state := connection.poll()) != extensions.POLL_OK:
        now = time.monotonic()
        if connecting:
            allowed = started + settings.DATABASE_CONNECT_TIMEOUT - now
        elif probed:
            allowed = last_heard + settings.DATABASE_STATEMENT_TIMEOUT + STATEMENT_GRACE_SECONDS
            allowed -= now
        else:
            allowed = last_heard + settings.DATABASE_PROBE_AFTER - now
        if _wait_for_socket(connection, state, allowed):
            last_heard, probed = time.monotonic(), False
            continue
        if connecting:
            _give_up(f"no connection within {settings.DATABASE_CONNECT_TIMEOUT} s")
        if probed or not server_answers(connection, settings.DATABASE_CONNECT_TIMEOUT):
            _give_up(f"no answer for {time.monotonic() - last_heard:.1f} s")
        probed = True


def bound_postgresql_waits():
    """Make every PostgreSQL connection of this process wait through `wait_or_give_up`."""
    extensions.set_wait_callback(wait_or_give_up)


def longest_database_wait():
    """The longest one request can wait for the database, in seconds."""
    if settings.USING_POSTGRES:
        return max(
            settings.DATABASE_CONNECT_TIMEOUT,
            settings.DATABASE_STATEMENT_TIMEOUT + STATEMENT_GRACE_SECONDS,
        )
    return settings.DATABASE_LOCK_TIMEOUT
