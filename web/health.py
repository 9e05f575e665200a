"""/healthz: tells a load balancer the truth about this app server and what it depends on.

It checks the database, the shared cache and pending migrations; apps add their own checks
through the `health_checks` hook (the mail app: a queued email older than the alert threshold
means no worker is running). 200 when every check passes, 503 otherwise, in JSON.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail import hooks

logger = logging.getLogger(__name__)

HEALTH_CHECKS_HOOK = "health_checks"


def check_database():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not keep a value")
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
            raise RuntimeError(f"{len(pending)} migrations not applied")
        _migrations_applied = True
    return "ok"


CORE_CHECKS = {"database": check_database, "cache": check_cache, "migrations": check_migrations}


def all_checks():
    checks = dict(CORE_CHECKS)
    for register in hooks.get_hooks(HEALTH_CHECKS_HOOK):
        checks.update(register())
    return checks


def run_check(name, check):
    started = time.monotonic()
    try:
        detail, healthy = check(), True
    except Exception as error:
        logger.warning("Health check %s failed: %s", name, type(error).__name__)
        detail, healthy = f"{type(error).__name__}: {error}"[:200], False
    return {"ok": healthy, "detail": detail, "ms": round((time.monotonic() - started) * 1000)}


@never_cache
@require_safe
def healthz(request):
    results = {name: run_check(name, check) for name, check in all_checks().items()}
    healthy = all(result["ok"] for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": results},
        status=200 if healthy else 503,
    )
