"""What visitors get when a dependency fails: a dead database answers 503 with Retry-After, a
translated page (or JSON for the machine-readable addresses), never a 500 that hangs or lies.

Django turns every uncaught exception into a call to `handler500` (home.views.server_error),
wherever it was raised (a view, a template, a middleware); that handler asks `outage_response`
first.

A 503 comes quickly only if no wait of the request outlasts gunicorn's timeout (the worker
would be killed first, and the visitor get a proxy's 502): gunicorn.conf.py checks the sum of
the longest waits (`check_waits_within`) when it starts, and refuses to serve otherwise.
"""

import logging
import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import get_language

from web.database_waits import longest_database_wait

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60
DATABASE_FAILURES = (OperationalError, InterfaceError)


def wants_json(request):
    """The machine-readable addresses (credentials, keys, statuses, health) answer JSON."""
    accept = request.headers.get("Accept", "")
    path = request.path
    return (
        path.endswith((".json", ".jwt"))
        or path.startswith(("/certificates/credentials/", "/healthz"))
        or ("application/json" in accept and "text/html" not in accept)
    )


def service_unavailable(request):
    """503 with Retry-After: a static page that needs no database, or JSON."""
    if wants_json(request):
        response = JsonResponse(
            {"error": "service_unavailable", "retry_after": RETRY_AFTER_SECONDS}, status=503
        )
    else:
        template = loader.get_template("503.html")
        response = HttpResponse(
            template.render({"LANGUAGE_CODE": get_language() or "en"}), status=503
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def outage_response(request):
    """The 503 for the exception being handled, if it is a database outage; else None."""
    error = sys.exc_info()[1]
    # A refused or lost connection, and a statement cancelled by statement_timeout, are all
    # OperationalError (or InterfaceError) once Django has wrapped the driver's error.
    if not isinstance(error, DATABASE_FAILURES):
        return None
    logger.error("Database unavailable (%s): answered 503", type(error).__name__)
    response = service_unavailable(request)
    # Logged above in one line: Django would log it again, with its traceback, and email it.
    response._has_been_logged = True
    return response


def longest_waits():
    """What one request may wait for, at most, per dependency it waits for (seconds)."""
    return {
        "the database (DATABASE_CONNECT_TIMEOUT, DATABASE_STATEMENT_TIMEOUT + 1 s, or "
        "DATABASE_LOCK_TIMEOUT on SQLite)": longest_database_wait(),
        "the shared cache (REDIS_CONNECT_TIMEOUT + REDIS_TIMEOUT)": (
            settings.REDIS_CONNECT_TIMEOUT + settings.REDIS_TIMEOUT
        ),
        "Google's spam check (RECAPTCHA_VERIFY_REQUEST_TIMEOUT)": (
            settings.RECAPTCHA_VERIFY_REQUEST_TIMEOUT
        ),
    }


def check_waits_within(worker_timeout):
    """Refuse to serve when a request could wait on its dependencies until its worker is
    killed: the visitor would get a proxy's 502 then, instead of a 503 in seconds."""
    waits = longest_waits()
    if sum(waits.values()) >= worker_timeout:
        listed = "; ".join(f"{name}: {seconds:g} s" for name, seconds in waits.items())
        raise ImproperlyConfigured(
            f"A request could wait {sum(waits.values()):g} s, not less than gunicorn's timeout "
            f"({worker_timeout} s): {listed}. Lower these settings or raise the timeout."
        )
