"""/healthz: tells a load balancer the truth about this app server and what it depends on.

It checks the database, the shared cache, pending migrations and both file storages (public
media and private files: a file is written, read back and removed); apps add their own checks
through the `health_checks` hook (the mail app: a queued email older than the alert threshold
means no worker is running; certificates: the signing key signs). 200 when every check passes,
503 otherwise, in JSON.

Anyone gets the status alone. The checks, by name, go to staff (anyone who may use the admin)
and to a request bearing `HEALTHZ_TOKEN` (`Authorization: Bearer <token>`); even then a failure
is named by its kind, never by its message, which may carry a server's address. A load
balancer probing gunicorn directly (any Host, plain HTTP) is answered by
`HealthProbeMiddleware`, first in the chain, before the host check and the HTTPS redirect
would refuse it.
"""

import logging
import secrets
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail import hooks

logger = logging.getLogger(__name__)

HEALTH_CHECKS_HOOK = "health_checks"
HEALTH_PATH = "/healthz"


class HealthCheckFailed(Exception):
    """A failure a check describes in its own words (shown to staff and token holders)."""


def check_database():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise HealthCheckFailed("the cache did not keep a value")
    cache.delete(key)
    return "ok"


_migrations_applied = False


def check_migrations():
    """Pending migrations, read from disk once per process: a process's code never changes,
    so once the database has all its migrations that stays true (a load balancer polls
    /healthz every few seconds, and loading the migration graph costs tens of milliseconds)."""
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            raise HealthCheckFailed(f"{len(pending)} migrations not applied")
        _migrations_applied = True
    return "ok"


def storage_check(alias):
    """Write a small file to a storage, read it back and remove it: uploads will work."""

    def check():
        storage = storages[alias]
        name = storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        try:
            with storage.open(name) as handle:
                if handle.read() != b"ok":
                    raise HealthCheckFailed("a file did not read back as written")
        finally:
            storage.delete(name)
        return "ok"

    return check


CORE_CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "migrations": check_migrations,
    "media_storage": storage_check("default"),
    "private_storage": storage_check("private"),
}


def all_checks():
    checks = dict(CORE_CHECKS)
    for register in hooks.get_hooks(HEALTH_CHECKS_HOOK):
        checks.update(register())
    return checks


def run_check(name, check):
    started = time.monotonic()
    try:
        detail, healthy = check(), True
    except HealthCheckFailed as failure:
        detail, healthy = str(failure)[:200], False
        logger.warning("Health check %s failed: %s", name, detail)
    except Exception as error:
        # Only the kind: a database's or a cache's message names its host and port.
        detail, healthy = type(error).__name__, False
        logger.warning("Health check %s failed: %s", name, detail)
    return {"ok": healthy, "detail": detail, "ms": round((time.monotonic() - started) * 1000)}


def bears_the_token(request):
    token = getattr(settings, "HEALTHZ_TOKEN", "")
    offered = request.headers.get("Authorization", "")
    return bool(token) and secrets.compare_digest(offered.encode(), f"Bearer {token}".encode())


def health_response(details):
    results = {name: run_check(name, check) for name, check in all_checks().items()}
    healthy = all(result["ok"] for result in results.values())
    body = {"status": "ok" if healthy else "failing"}
    if details:
        body["checks"] = results
    response = JsonResponse(body, status=200 if healthy else 503)
    add_never_cache_headers(response)
    return response


@never_cache
@require_safe
def healthz(request):
    user = getattr(request, "user", None)
    is_staff = bool(user and user.has_perm("wagtailadmin.access_admin"))
    return health_response(details=bears_the_token(request) or is_staff)


def would_be_turned_away(request):
    """A probe straight at gunicorn: an address as Host, or plain HTTP behind a TLS proxy."""
    try:
        request.get_host()
    except DisallowedHost:
        return True
    return settings.SECURE_SSL_REDIRECT and not request.is_secure()


class HealthProbeMiddleware:
    """Answers /healthz for a load balancer that talks to gunicorn directly, before Django's
    host check (400) and HTTPS redirect (301) would; status only, or details with the token."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path_info == HEALTH_PATH
            and request.method in ("GET", "HEAD")
            and would_be_turned_away(request)
        ):
            return health_response(details=bears_the_token(request))
        return self.get_response(request)
