"""Server errors reported to ADMINS through the outbox, grouped, never sent inside the request.

Django emails ADMINS from inside the request that failed (`AdminEmailHandler`): with the mail
server hung, every error holds a worker for the SMTP timeout, and a flood of one error floods
the admins. Here the report, formatted as Django formats it, is written to the database and its
email queued in the outbox (`mail.tasks.queue_error_report`), sent by the email worker with its
retry policy; the same error again within the hour (the same kind of exception raised at the
same place, or the same message) only adds to its count.

What is not worth an email is not reported: a forged Host header (DisallowedHost), a body too
large (413), a dependency outage answered with a 503 (logged once by web/outages.py and the
circuit breakers), and /healthz.

Logging is configured before Django's app registry is ready, so this module imports no model:
the mail app hands the handler its queue when it is ready (mail/apps.py).
"""

import hashlib
import logging
import traceback

from django.conf import settings
from django.utils.log import AdminEmailHandler

logger = logging.getLogger(__name__)

NOT_REPORTED_LOGGERS = {
    "django.security.DisallowedHost",
    "django.security.RequestDataTooBig",
}
NOT_REPORTED_STATUSES = {413, 503}
NOT_REPORTED_PATHS = ("/healthz",)


class WorthReporting(logging.Filter):
    """Leaves out what the module says is not worth an email."""

    def filter(self, record):
        if record.name in NOT_REPORTED_LOGGERS:
            return False
        if getattr(record, "status_code", None) in NOT_REPORTED_STATUSES:
            return False
        request = getattr(record, "request", None)
        return not str(getattr(request, "path", "")).startswith(NOT_REPORTED_PATHS)


def signature_of(record):
    """What makes two errors the same: the exception's class and where it was raised, or the
    logger and its message before its arguments (so not the address that was asked)."""
    parts = [record.name]
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        parts.append(f"{type(error).__module__}.{type(error).__qualname__}")
        frames = traceback.extract_tb(record.exc_info[2])
        if frames:
            parts.append(f"{frames[-1].filename}:{frames[-1].name}:{frames[-1].lineno}")
    else:
        parts.append(str(record.msg))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


class QueuedErrorReports(AdminEmailHandler):
    """Django's error report, handed to the outbox with its signature instead of sent."""

    queue = None  # (signature, subject, message) -> None; set when the mail app is ready

    def emit(self, record):
        if not settings.ADMINS or QueuedErrorReports.queue is None:
            return
        self._signature = signature_of(record)
        try:
            super().emit(record)  # formats the report as Django does, then calls send_mail
        except Exception as error:  # never fail a request, nor loop through logging
            logger.warning("Error report not queued (%s)", type(error).__name__)

    def send_mail(self, subject, message, *args, **kwargs):
        QueuedErrorReports.queue(self._signature, subject, message)
