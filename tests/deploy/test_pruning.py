"""Every night the site forgets what it keeps only for a while: old sign-in records (after the
retention the privacy notice states), finished task results and expired sessions, each on its
own, so one failure does not keep the others from running."""

import datetime
from unittest import mock

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from demo.content import site as content
from demo.translations import strings_for
from mail.tasks import send_email

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=settings.SIGN_IN_LOG_RETENTION_DAYS + 1)
LATELY = timezone.now() - datetime.timedelta(days=1)


def sign_in_record(model, when, username, **extra):
    record = model.objects.create(
        username=username, ip_address="192.0.2.1", user_agent="x", **extra
    )
    model.objects.filter(pk=record.pk).update(attempt_time=when)


def task_result(status, finished_at):
    result = send_email.using(backend="queue").enqueue(1)
    DBTaskResult.objects.filter(id=result.id).update(status=status, finished_at=finished_at)
    return result.id


def test_old_records_are_deleted_and_recent_and_waiting_ones_kept():
    sign_in_record(AccessLog, LONG_AGO, "old-log")
    sign_in_record(AccessLog, LATELY, "recent-log")
    sign_in_record(AccessAttempt, LONG_AGO, "old-attempt", failures_since_start=3)
    old_sent = task_result("SUCCESSFUL", LONG_AGO)
    old_failed = task_result("FAILED", LONG_AGO)
    recent = task_result("SUCCESSFUL", LATELY)
    waiting = task_result("READY", None)
    Session.objects.create(session_key="gone", session_data="", expire_date=LATELY)
    Session.objects.create(
        session_key="alive", session_data="", expire_date=timezone.now() + datetime.timedelta(1)
    )

    call_command("prune_records")

    assert list(AccessLog.objects.values_list("username", flat=True)) == ["recent-log"]
    assert not AccessAttempt.objects.exists()
    kept = {str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)}
    assert kept == {str(recent), str(waiting)}
    assert str(old_sent) not in kept and str(old_failed) not in kept
    assert list(Session.objects.values_list("session_key", flat=True)) == ["alive"]


def test_one_failing_part_does_not_stop_the_others_and_the_unit_fails():
    Session.objects.create(session_key="gone", session_data="", expire_date=LATELY)
    sign_in_record(AccessLog, LONG_AGO, "old-log")
    with (
        mock.patch("mail.retention.DBTaskResult.objects.finished", side_effect=RuntimeError),
        pytest.raises(CommandError, match="task results"),
    ):
        call_command("prune_records")
    assert not Session.objects.exists()
    assert not AccessLog.objects.exists()


def test_the_privacy_notice_states_the_retention_in_every_language():
    days = settings.SIGN_IN_LOG_RETENTION_DAYS
    paragraphs = [block for block in content.PRIVACY_PAGE["body"] if "sign in" in str(block)]
    assert paragraphs and f"after {days} days" in str(paragraphs[0])
    english = str(paragraphs[0]).split("<p>")[1].split("</p>")[0]
    for language in ["fr", "it", "nl", "de", "es"]:
        assert f"{days} " in strings_for(language)[english], language
