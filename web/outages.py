"""What visitors get when a dependency fails: a dead database answers 503 with Retry-After, a
translated page (or JSON for the machine-readable addresses), never a 500 that hangs or lies.

Django turns every uncaught exception into a call to `handler500` (home.views.server_error),
wherever it was raised (a view, a template, a middleware); that handler asks `outage_response`
first.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import get_language

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
    return service_unavailable(request)
