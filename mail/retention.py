"""Finished background tasks (sent emails' tasks, failed sends with their traceback) are kept
TASK_RESULT_RETENTION_DAYS for staff to look into, then deleted every night. Tasks that wait or
run are never touched: the outbox needs them."""

import datetime

from django.conf import settings
from django_tasks_db.models import DBTaskResult


def prune_finished_task_results(now):
    cutoff = now - datetime.timedelta(days=settings.TASK_RESULT_RETENTION_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return {"finished task results": deleted}
