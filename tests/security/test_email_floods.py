"""Nobody can flood an inbox with our email, nor hammer the look-ups: limits per client
address (HTTP 429 with the real Retry-After) and per recipient (quietly not sent)."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from applications.models import Application
from tests.accounts import make_user
from tests.applications.builders import DURING_WINDOW, run_queue, valid_data
from tests.security.conftest import url_in

pytestmark = pytest.mark.django_db

BEFORE_WINDOW = datetime.datetime(2025, 12, 1, 10, 0, tzinfo=datetime.UTC)


def reset(client, email, address="198.51.100.7", language="en"):
    return client.post(
        url_in(language, "members:password_reset"), {"email": email}, REMOTE_ADDR=address
    )


def alert(client, page, email, address="198.51.100.7"):
    return client.post(f"{page.url}alerts/", {"email": email, "country": "IT"}, REMOTE_ADDR=address)


def test_password_reset_sends_at_most_three_emails_to_one_address_per_hour(client, groups):
    make_user("paula")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for index in range(10):
            response = reset(client, "paula@example.org", address=f"192.0.2.{index}")
            assert response.status_code == 302  # the same answer every time
        run_queue()
    assert len(mail.outbox) == 3
    with time_machine.travel(start + datetime.timedelta(minutes=61), tick=False):
        reset(client, "paula@example.org")
        run_queue()
    assert len(mail.outbox) == 4


def test_password_reset_is_limited_per_client_address_with_the_real_window(
    client, groups, settings
):
    settings.PASSWORD_RESET_RATE = (5, 3600)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for index in range(5):
            assert reset(client, f"nobody{index}@example.org").status_code == 302
    with time_machine.travel(start + datetime.timedelta(minutes=20), tick=False):
        blocked = reset(client, "nobody@example.org", language="fr")
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) == 40 * 60
    html = blocked.content.decode()
    assert '<html lang="fr"' in html
    assert "Trop de demandes" in html and "40 minutes" in html
    # Another address is not held back.
    assert reset(client, "nobody@example.org", address="192.0.2.200").status_code == 302


def test_a_json_client_gets_json_and_retry_after(client, groups, settings):
    settings.PASSWORD_RESET_RATE = (1, 600)
    reset(client, "a@example.org")
    blocked = client.post(
        url_in("en", "members:password_reset"),
        {"email": "b@example.org"},
        REMOTE_ADDR="198.51.100.7",
        HTTP_ACCEPT="application/json",
    )
    assert blocked.status_code == 429
    assert blocked.json()["retry_after"] == int(blocked["Retry-After"]) > 0


def test_opening_alert_confirmations_are_limited_per_recipient(client, apply_pages, italy):
    with time_machine.travel(BEFORE_WINDOW, tick=False):
        for index in range(10):
            response = alert(client, apply_pages["it"], "sindaco@example.it", f"192.0.2.{index}")
            assert response.status_code == 200
        run_queue()
    assert len(mail.outbox) == 3


def test_opening_alerts_are_limited_per_client_address(client, apply_pages, italy, settings):
    settings.OPENING_ALERT_RATE = (3, 3600)
    with time_machine.travel(BEFORE_WINDOW, tick=False):
        for index in range(3):
            assert alert(client, apply_pages["it"], f"c{index}@example.it").status_code == 200
        blocked = alert(client, apply_pages["it"], "c9@example.it")
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) == 3600
    assert '<html lang="it"' in blocked.content.decode()


def test_certificate_look_ups_answer_429_with_retry_after_in_json(client, settings):
    settings.CERTIFICATE_LOOKUP_RATE = (2, 600)
    for _ in range(2):
        assert client.get("/certificates/status/AAAA-AAAA-AAAA-AAAA.json").status_code == 404
    blocked = client.get("/certificates/status/AAAA-AAAA-AAAA-AAAA.json")
    assert blocked.status_code == 429
    assert 0 < int(blocked["Retry-After"]) <= 600
    posted = client.post("/certificates/credentials/verify", "x", content_type="application/jwt")
    assert posted.status_code == 429 and "Retry-After" in posted


def test_35_applications_naming_one_address_send_it_at_most_three_acknowledgements(
    client, apply_pages, italy, recaptcha_passes
):
    """Each is stored (staff see them all); the named inbox gets its hourly share, no more."""
    mail.outbox.clear()
    for number in range(35):
        with time_machine.travel(DURING_WINDOW):
            response = client.post(
                apply_pages["en"].url,
                valid_data(italy, contact_email="victim@example.org"),
                REMOTE_ADDR=f"203.0.113.{number}",
            )
        assert response.status_code == 302
    run_queue()
    assert Application.objects.filter(contact_email="victim@example.org").count() == 35
    to_victim = [message for message in mail.outbox if "victim@example.org" in message.to]
    assert len(to_victim) == 3


def test_a_recipient_gets_at_most_its_daily_share_across_hours(client, groups, settings):
    settings.REQUESTED_EMAILS_PER_RECIPIENT_DAILY_RATE = (5, 86400)
    make_user("daily")
    mail.outbox.clear()
    start = timezone.now()
    for hour in range(4):
        with time_machine.travel(start + datetime.timedelta(hours=hour, minutes=1)):
            for attempt in range(3):
                reset(client, "daily@example.org", address=f"192.0.2.{hour * 3 + attempt}")
    run_queue()
    assert len(mail.outbox) == 5
