"""'Tell me when applications open': double opt-in, one email when the window opens, then
the address is forgotten."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from applications.models import OpeningAlert
from tests.applications.builders import run_queue

pytestmark = pytest.mark.django_db

BEFORE_WINDOW = datetime.datetime(2025, 12, 1, 10, 0, tzinfo=datetime.UTC)
DURING_WINDOW = datetime.datetime(2026, 1, 20, 10, 0, tzinfo=datetime.UTC)


def request_alert(client, page, email="sindaco@example.it", country="IT"):
    return client.post(f"{page.url}alerts/", {"email": email, "country": country})


def test_alert_is_confirmed_then_sent_once_when_the_window_opens(apply_pages, italy, client):
    with time_machine.travel(BEFORE_WINDOW):
        response = request_alert(client, apply_pages["it"])
        assert response.status_code == 200
        run_queue()
        (confirmation,) = mail.outbox
        assert confirmation.to == ["sindaco@example.it"]
        assert "conferm" in confirmation.body.lower()
        link = re.search(r"https?://\S+alerts/confirm/\?token=\S+", confirmation.body).group(0)
        assert client.get(link.removeprefix(settings.BASE_URL)).status_code == 200
        assert OpeningAlert.objects.get().confirmed_at is not None
        call_command("send_opening_alerts", verbosity=0)
        run_queue()
        assert len(mail.outbox) == 1, "nothing is sent before the window opens"

    with time_machine.travel(DURING_WINDOW):
        call_command("send_opening_alerts", verbosity=0)
        run_queue()
        call_command("send_opening_alerts", verbosity=0)
        run_queue()
    assert len(mail.outbox) == 2, "exactly one opening email"
    assert "/it/" in mail.outbox[1].body
    assert not OpeningAlert.objects.exists(), "the address is forgotten once told"


def test_unconfirmed_alerts_get_no_opening_email_and_expire(apply_pages, italy, client):
    with time_machine.travel(BEFORE_WINDOW):
        request_alert(client, apply_pages["en"])
        run_queue()
    mail.outbox.clear()
    with time_machine.travel(DURING_WINDOW):
        call_command("send_opening_alerts", verbosity=0)
        run_queue()
    assert mail.outbox == []
    assert not OpeningAlert.objects.exists()


def test_invalid_alert_request_shows_errors(apply_pages, italy, client):
    with time_machine.travel(BEFORE_WINDOW):
        response = request_alert(client, apply_pages["en"], email="nope", country="XX")
    assert response.status_code == 200
    assert "Enter a valid email address" in response.content.decode()
    assert not OpeningAlert.objects.exists()


def test_forged_confirmation_is_404(apply_pages, client):
    page = apply_pages["en"]
    assert client.get(f"{page.url}alerts/confirm/?token=not-a-uuid").status_code == 404
    token = "00000000-0000-0000-0000-000000000000"
    assert client.get(f"{page.url}alerts/confirm/?token={token}").status_code == 404
