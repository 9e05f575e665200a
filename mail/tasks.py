"""The one email task: build a declared kind of email, send it, and retry while it fails.

Emails are queued in the database (django-tasks), in the same transaction as the record they
are about, so nothing is saved without its emails and a mail outage loses nothing. Run the
worker with `manage.py db_worker --backend queue`.
"""

import datetime
import logging

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from mail.kinds import get_kind

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_RETRY_DELAY = datetime.timedelta(minutes=1)


def retry_delay(attempt):
    """1, 2, 4, 8, 16 minutes: backing off while the mail server recovers."""
    return FIRST_RETRY_DELAY * (2 ** (attempt - 1))


SEND_EMAIL_PATH = "mail.tasks.send_email"


class EmailNotDelivered(Exception):
    """Raised after the last attempt, without the mail server's words (they quote addresses)."""


def queue_email(kind, record_id, **options):
    """Queue the email `kind` about the record `record_id` (within the caller's transaction)."""
    get_kind(kind)  # An unknown kind fails where it is queued, not later in the worker.
    send_email.enqueue(kind, record_id, **options)


def _send(kind, record_id, options):
    declared = get_kind(kind)
    message = declared.build(record_id, **options)
    if message is None:
        return
    message.send(fail_silently=False)
    if declared.after_sent:
        declared.after_sent(record_id)


@task(backend="queue")
def send_email(kind, record_id, attempt=1, **options):
    """Send one email; on failure queue it again later, up to MAX_ATTEMPTS.

    Only the email's kind and the record's id are logged: never an address or a name.
    """
    try:
        _send(kind, record_id, options)
    except Exception as error:
        if attempt >= MAX_ATTEMPTS:
            # No traceback in the log: a mail server's refusal quotes the recipient's address.
            logger.error(
                "Email %s for record %s failed for good (%s)",
                kind,
                record_id,
                type(error).__name__,
            )
            raise EmailNotDelivered(f"{kind} for record {record_id}") from None
        logger.warning(
            "Email %s for record %s failed (attempt %s); retrying", kind, record_id, attempt
        )
        send_email.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            kind, record_id, attempt=attempt + 1, **options
        )


# Emails waiting to go out, and failed sends whose traceback may quote an address.
FORGETTABLE_TASK_STATES = ("READY", "FAILED")


def forget_queued_emails(kinds, record_ids):
    """Drop the queued or failed emails of `kinds` about `record_ids`; return how many."""
    wanted = {(kind, record_id) for kind in kinds for record_id in record_ids}
    if not wanted:
        return 0
    doomed = [
        result.pk
        for result in DBTaskResult.objects.filter(
            task_path=SEND_EMAIL_PATH, status__in=FORGETTABLE_TASK_STATES
        ).only("pk", "args_kwargs")
        if _kind_and_record(result.args_kwargs) in wanted
    ]
    if doomed:
        DBTaskResult.objects.filter(pk__in=doomed).delete()
    return len(doomed)


def _kind_and_record(args_kwargs):
    args = (args_kwargs or {}).get("args") or []
    return (args[0], args[1]) if len(args) > 1 else None
