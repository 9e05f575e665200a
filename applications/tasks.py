"""Background tasks: every email of the application process, retried until it goes out.

Tasks are stored in the database queue in the same transaction as the application, so an
application is never saved without its emails, and a failing mail server loses nothing.
Run the worker with `manage.py db_worker --backend queue`.
"""

import datetime
import logging

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_RETRY_DELAY = datetime.timedelta(minutes=1)


def retry_delay(attempt):
    """1, 2, 4, 8, 16 minutes: backing off while the mail server recovers."""
    return FIRST_RETRY_DELAY * (2 ** (attempt - 1))


class EmailNotDelivered(Exception):
    """Raised after the last attempt, without the mail server's words (they quote addresses)."""


def deliver_or_retry(task_function, send, kind, object_id, attempt, **extra):
    """Run `send`; on failure queue `task_function` again later, up to MAX_ATTEMPTS.

    Only the email's kind and the record's id are logged: never an address or a name.
    """
    try:
        send()
    except Exception as error:
        if attempt >= MAX_ATTEMPTS:
            # No traceback in the log: a mail server's refusal quotes the recipient's address.
            logger.error(
                "Email %s for record %s failed for good (%s)",
                kind,
                object_id,
                type(error).__name__,
            )
            raise EmailNotDelivered(f"{kind} for record {object_id}") from None
        logger.warning(
            "Email %s for record %s failed (attempt %s); retrying", kind, object_id, attempt
        )
        task_function.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            kind, object_id, attempt=attempt + 1, **extra
        )


@task(backend="queue")
def send_application_email(kind, application_id, attempt=1, date_change_id=None):
    from applications.emails import send_now

    deliver_or_retry(
        send_application_email,
        lambda: send_now(kind, application_id, date_change_id=date_change_id),
        kind,
        application_id,
        attempt,
        date_change_id=date_change_id,
    )


@task(backend="queue")
def send_alert_email(kind, alert_id, attempt=1):
    from applications.alerts import send_alert_now

    deliver_or_retry(
        send_alert_email, lambda: send_alert_now(kind, alert_id), kind, alert_id, attempt
    )
