"""The one email task: claim a queued email, build it, send it, and retry while it fails.

Emails are queued in the database (the outbox, and a django-tasks task to send each one) in the
same transaction as the record they are about, so nothing is saved without its emails and a
mail outage loses nothing. Run the worker with `manage.py db_worker --backend queue`, and
`manage.py requeue_stalled_emails` every few minutes (a worker killed mid-send).
"""

import datetime
import logging

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from mail.kinds import get_kind
from mail.models import EmailStatus, ErrorReport, OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_RETRY_DELAY = datetime.timedelta(minutes=1)
# A claimed email not sent after this long belongs to a worker that died: queue it again.
STALLED_AFTER = datetime.timedelta(minutes=10)
SEND_EMAIL_PATH = "mail.tasks.send_email"
ERROR_REPORT = "mail.error_report"
# The same server error is reported to ADMINS once in this long; later ones only count.
ERROR_REPORT_GROUPING = datetime.timedelta(hours=1)


def retry_delay(attempt):
    """1, 2, 4, 8, 16 minutes: backing off while the mail server recovers."""
    return FIRST_RETRY_DELAY * (2 ** (attempt - 1))


class EmailNotDelivered(Exception):
    """Raised after the last attempt, without the mail server's words (they quote addresses)."""


def queue_email(kind, record_id, send_after=None, **options):
    """Queue the email `kind` about the record `record_id` (within the caller's transaction),
    to be sent at once or not before `send_after`."""
    get_kind(kind)  # An unknown kind fails where it is queued, not later in the worker.
    email = OutgoingEmail.objects.create(kind=kind, record_id=record_id, options=options)
    if send_after is None:
        _enqueue(email)
    else:
        send_email.using(run_after=send_after).enqueue(email.pk)
    return email


def queue_error_report(signature, subject, message):
    """Queue a report to ADMINS, unless one with this signature went out within the hour."""
    recent = ErrorReport.objects.filter(
        signature=signature, first_seen__gte=timezone.now() - ERROR_REPORT_GROUPING
    )
    if recent.update(occurrences=F("occurrences") + 1):
        return
    report = ErrorReport.objects.create(signature=signature, subject=subject[:200], message=message)
    queue_email(ERROR_REPORT, report.pk)


def _enqueue(email):
    # The database queue stores the task in the caller's transaction, beside the row.
    send_email.enqueue(email.pk)


def _claim(email_id):
    """Mark the email as being sent, if it still waits; False when another worker has it or
    it is done (so a message is never sent twice by two tasks)."""
    return bool(
        OutgoingEmail.objects.filter(pk=email_id, status=EmailStatus.QUEUED).update(
            status=EmailStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    )


def message_id(email):
    """The same on every attempt (the row's key, made with the row): a copy sent twice after a
    lost answer from the mail server is recognisable as one message."""
    return f"<{email.key.hex}@{settings.EMAIL_MESSAGE_ID_DOMAIN}>"


def _build(email):
    message = get_kind(email.kind).build(email.record_id, **email.options)
    if message is not None:
        message.extra_headers["Message-ID"] = message_id(email)
    return message


def _mark_sent(email):
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    after_sent = get_kind(email.kind).after_sent
    if after_sent:
        after_sent(email.record_id)


@task(backend="queue")
def send_email(email_id):
    """Send one queued email; on failure queue it again later, up to MAX_ATTEMPTS, then leave
    it undelivered for staff. Only the kind and the record's id are logged, never an address."""
    if not _claim(email_id):
        return
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        message = _build(email)
        if message is not None:
            message.send(fail_silently=False)
    except Exception as error:
        _after_failure(email, error)
        return
    _mark_sent(email)


def _after_failure(email, error):
    error_name = type(error).__name__
    if email.attempts >= MAX_ATTEMPTS:
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=EmailStatus.FAILED, last_error=error_name
        )
        # No traceback in the log: a mail server's refusal quotes the recipient's address.
        logger.error(
            "Email %s for record %s failed for good (%s): kept as undelivered",
            email.kind,
            email.record_id,
            error_name,
        )
        raise EmailNotDelivered(f"{email.kind} for record {email.record_id}") from None
    logger.warning(
        "Email %s for record %s failed (attempt %s, %s); retrying",
        email.kind,
        email.record_id,
        email.attempts,
        error_name,
    )
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.QUEUED, last_error=error_name
    )
    send_email.using(run_after=timezone.now() + retry_delay(email.attempts)).enqueue(email.pk)


def send_again(email):
    """Staff's "send again" on an undelivered email: a fresh series of attempts."""
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.QUEUED, attempts=0, last_error=""
    )
    _enqueue(email)


def requeue_stalled(now=None):
    """Queue again the emails a dead worker left behind; return how many.

    A claimed email never sent (the worker was killed mid-send), or a queued one whose task was
    lost (a worker stopped while it ran). The claim makes an extra task harmless.
    """
    now = now or timezone.now()
    stalled = OutgoingEmail.objects.filter(
        status=EmailStatus.SENDING, claimed_at__lt=now - STALLED_AFTER
    )
    stalled_ids = list(stalled.values_list("pk", flat=True))
    stalled.update(status=EmailStatus.QUEUED)
    waiting_ids = set(
        OutgoingEmail.objects.filter(status=EmailStatus.QUEUED).values_list("pk", flat=True)
    )
    # A task "running" for longer than any send belongs to a worker that died (or lost its
    # database) mid-task: its email has no live task.
    live_tasks = DBTaskResult.objects.filter(task_path=SEND_EMAIL_PATH).filter(
        Q(status="READY") | Q(status="RUNNING", started_at__gte=now - STALLED_AFTER)
    )
    with_live_task = {
        result.args_kwargs["args"][0]
        for result in live_tasks.only("args_kwargs")
        if result.args_kwargs.get("args")
    }
    orphans = (waiting_ids - with_live_task) | set(stalled_ids)
    for email_id in orphans:
        send_email.enqueue(email_id)
    if orphans:
        logger.warning("Queued %s stalled emails again", len(orphans))
    return len(orphans)


def oldest_waiting_age(now=None):
    """How long the oldest email still waiting has waited (None when none waits)."""
    oldest = OutgoingEmail.objects.waiting().order_by("created_at").first()
    return (now or timezone.now()) - oldest.created_at if oldest else None


# Emails waiting to go out, and failed sends whose traceback may quote an address.
FORGETTABLE_TASK_STATES = ("READY", "FAILED")


def forget_queued_emails(kinds, record_ids):
    """Drop the unsent emails of `kinds` about `record_ids` and their tasks; return how many."""
    emails = OutgoingEmail.objects.filter(kind__in=kinds, record_id__in=list(record_ids)).exclude(
        status=EmailStatus.SENT
    )
    email_ids = set(emails.values_list("pk", flat=True))
    if not email_ids:
        return 0
    doomed = [
        result.pk
        for result in DBTaskResult.objects.filter(
            task_path=SEND_EMAIL_PATH, status__in=FORGETTABLE_TASK_STATES
        ).only("pk", "args_kwargs")
        if (result.args_kwargs.get("args") or [None])[0] in email_ids
    ]
    DBTaskResult.objects.filter(pk__in=doomed).delete()
    emails.delete()
    return len(doomed)
