"""What the outbox knows about emails that did not go out (a proper outbox may replace this)."""

from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mail.tasks import SEND_EMAIL_PATH

# Who may see the outbox's figures in the admin (members.groups gives it to editors).
VIEW_OUTBOX_PERMISSION = "django_tasks_database.view_dbtaskresult"


def undelivered_count():
    """Emails that failed for good, after every retry: one query."""
    return DBTaskResult.objects.filter(
        task_path=SEND_EMAIL_PATH, status=TaskResultStatus.FAILED
    ).count()
