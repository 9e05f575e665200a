"""Server errors reach ADMINS through the outbox, off the request path, once per kind of error
per hour; forged hosts, oversized bodies, outages and /healthz are not reported. With the mail
server hung, a request never waits for it."""

import datetime
import socket
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import OperationalError

from mail.models import ErrorReport, OutgoingEmail
from tests.applications.builders import run_queue

pytestmark = pytest.mark.django_db

ADMINS = [("Site operations", "ops@example.org")]
BROKEN_HOME = "home.models.HomePage.get_context"


@pytest.fixture
def reported(settings, client):
    settings.ADMINS = ADMINS
    client.raise_request_exception = False
    return client


@pytest.fixture
def hung_mail_server(settings):
    """A mail server that accepts connections and never answers."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = server.getsockname()
        server.setblocking(False)
        yield server


def nobody_called(server):
    try:
        server.accept()[0].close()
    except BlockingIOError:
        return True
    return False


def test_a_server_error_is_queued_once_per_hour_and_sent_by_the_worker(reported, site_tree):
    with mock.patch(BROKEN_HOME, side_effect=RuntimeError("bug")):
        assert reported.get("/en/").status_code == 500
        assert reported.get("/fr/").status_code == 500
    assert mail.outbox == [], "nothing is sent from inside the request"
    report = ErrorReport.objects.get()
    assert report.occurrences == 2
    assert OutgoingEmail.objects.filter(kind="mail.error_report").count() == 1

    run_queue()
    [email] = mail.outbox
    assert email.to == ["ops@example.org"]
    assert "RuntimeError" in email.body and "Seen 2 times" in email.body

    with (
        time_machine.travel(report.first_seen + datetime.timedelta(hours=1, minutes=1)),
        mock.patch(BROKEN_HOME, side_effect=RuntimeError("bug")),
    ):
        reported.get("/en/")
    assert ErrorReport.objects.count() == 2, "a new hour, a new report"


def test_another_error_is_another_report(reported, site_tree):
    with mock.patch(BROKEN_HOME, side_effect=RuntimeError("bug")):
        reported.get("/en/")
    with mock.patch(BROKEN_HOME, side_effect=KeyError("other")):
        reported.get("/en/")
    assert ErrorReport.objects.count() == 2


def test_what_is_not_worth_an_email_is_not_reported(reported, site_tree, settings):
    settings.MAX_REQUEST_BODY_BYTES = 10
    assert reported.post("/en/", data={"x": "y" * 100}).status_code == 413
    settings.MAX_REQUEST_BODY_BYTES = 50 * 1024 * 1024
    assert reported.get("/en/", HTTP_HOST="forged.example").status_code == 400
    with mock.patch(BROKEN_HOME, side_effect=OperationalError("server closed the connection")):
        assert reported.get("/en/").status_code == 503
    with mock.patch("web.health.cache.set", side_effect=ConnectionError("redis down")):
        assert reported.get("/healthz").status_code == 503
    assert not ErrorReport.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_with_the_mail_server_hung_no_request_waits_for_it(reported, site_tree, hung_mail_server):
    for _ in range(4):
        assert reported.get("/en/", HTTP_HOST="forged.example").status_code == 400
    with mock.patch(BROKEN_HOME, side_effect=RuntimeError("bug")):
        assert reported.get("/en/").status_code == 500
    assert nobody_called(hung_mail_server)
    assert ErrorReport.objects.count() == 1
