"""The outbox: an email is sent once, retried while the server fails, kept for staff when it
fails for good, sent again on request, and picked up again after a worker died mid-send."""

import datetime
from unittest import mock

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mail.models import EmailStatus, OutgoingEmail
from mail.tasks import MAX_ATTEMPTS, queue_email, requeue_stalled, send_email
from members.emails import PASSWORD_RESET
from tests.accounts import make_user
from tests.applications.builders import run_queue

pytestmark = pytest.mark.django_db

REFUSE = "django.core.mail.backends.locmem.EmailBackend.send_messages"


@pytest.fixture
def member(db):
    return make_user("mona")


def test_an_email_is_sent_once_with_a_message_id_from_its_key(member):
    email = queue_email(PASSWORD_RESET, member.pk, language="fr")
    run_queue()
    run_queue()
    (message,) = mail.outbox
    assert message.to == ["mona@example.org"]
    assert email.key.hex in message.extra_headers["Message-ID"]
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 1


def test_every_attempt_sends_the_same_message_id(member):
    """A mail server that took the message but lost its answer gets the same Message-ID again:
    the copies are recognisable as one message."""
    queue_email(PASSWORD_RESET, member.pk)
    sent_ids = []

    def lose_the_answer(backend, messages):
        sent_ids.extend(message.message()["Message-ID"] for message in messages)
        raise TimeoutError

    with mock.patch(REFUSE, lose_the_answer):
        run_queue()
    later = timezone.now() + datetime.timedelta(minutes=2)
    with time_machine.travel(later):
        run_queue()
    sent_ids.append(mail.outbox[0].message()["Message-ID"])
    assert len(sent_ids) == 2 and len(set(sent_ids)) == 1


def test_a_second_task_for_the_same_email_sends_nothing(member):
    """Two workers (or a task requeued by mistake) never send one message twice."""
    email = queue_email(PASSWORD_RESET, member.pk)
    send_email.enqueue(email.pk)
    run_queue()
    assert len(mail.outbox) == 1


def test_an_email_failing_for_good_is_kept_for_staff_and_sent_again(member, client, editor):
    email = queue_email(PASSWORD_RESET, member.pk)
    later = timezone.now()
    with mock.patch(REFUSE, side_effect=ConnectionRefusedError("down")):
        for _attempt in range(MAX_ATTEMPTS):
            later += datetime.timedelta(hours=1)
            with time_machine.travel(later):
                run_queue()
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert email.attempts == MAX_ATTEMPTS and email.last_error == "ConnectionRefusedError"
    assert mail.outbox == []

    client.force_login(editor)
    listing = client.get(reverse("outbox:index"))
    assert listing.status_code == 200
    assert PASSWORD_RESET in listing.content.decode()
    response = client.post(reverse("outbox:send_again", args=[email.pk]), follow=True)
    assert response.status_code == 200
    run_queue()
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_only_staff_see_the_outbox(member, client, committee_member):
    email = queue_email(PASSWORD_RESET, member.pk)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.FAILED, attempts=MAX_ATTEMPTS
    )
    client.force_login(committee_member)
    # Refused (403), or sent elsewhere (302): either way the outbox's content stays unseen...
    response = client.get(reverse("outbox:index"), follow=True)
    assert response.redirect_chain or response.status_code == 403
    assert PASSWORD_RESET not in response.content.decode()
    # ... and the failed email is not queued again.
    client.post(reverse("outbox:send_again", args=[email.pk]), follow=True)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, MAX_ATTEMPTS)


def admin_menu(client):
    """The admin's menus, as Wagtail hands them to its sidebar (JSON props)."""
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    return soup.find(id="wagtail-sidebar-props").string


def test_reports_lead_staff_to_the_outbox_at_its_usual_address(client, editor, committee_member):
    assert reverse("outbox:index") == "/admin/emails/"  # where editors bookmarked it
    client.force_login(editor)
    menu = admin_menu(client)
    assert "Emails not sent" in menu and '"/admin/emails/"' in menu
    client.force_login(committee_member)
    assert "/admin/emails/" not in admin_menu(client)


def test_an_email_claimed_by_a_worker_that_died_is_sent_later(member):
    """The worker was killed mid-send: the email stays "being sent" and its task "running"."""
    email = queue_email(PASSWORD_RESET, member.pk)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENDING, claimed_at=timezone.now(), attempts=1
    )
    DBTaskResult.objects.update(status="RUNNING")
    assert requeue_stalled() == 0, "a worker may still be sending it"
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=15)):
        assert requeue_stalled() == 1
        run_queue()
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_a_queued_email_whose_task_was_lost_is_queued_again(member):
    """A worker stopped while running the task marks it failed: the email itself waits on."""
    email = queue_email(PASSWORD_RESET, member.pk)
    DBTaskResult.objects.update(status="FAILED")
    assert requeue_stalled() == 1
    run_queue()
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT


def test_health_fails_when_an_email_waits_too_long(member, client, settings):
    settings.EMAIL_QUEUE_ALERT_MINUTES = 15
    settings.HEALTHZ_TOKEN = "health-token"
    token = {"HTTP_AUTHORIZATION": "Bearer health-token"}
    queue_email(PASSWORD_RESET, member.pk)
    assert client.get("/healthz").status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=20)):
        response = client.get("/healthz", **token)
    assert response.status_code == 503
    assert response.json()["checks"]["email_queue"]["ok"] is False
