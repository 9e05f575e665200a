"""What every email looks like to a mail client (#23): its language and automatic origin in
the headers, an HTML part in that language saying what the text says, an unescaped subject,
lines a terminal shows whole; alerts with a one-click unsubscribe (RFC 8058) that works
without signing in."""

import html
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from applications.models import OpeningAlert
from home.models import ContactSettings
from tests.applications.builders import DURING_WINDOW, run_queue, submit
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db


def visible_text(html_part):
    """The words of an HTML part, spaced as text: what a reader of that part sees."""
    body = re.search(r"<body>(.*)</body>", html_part, re.S).group(1)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def assert_well_formed(message, language):
    assert message.extra_headers["Content-Language"] == language
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    ((html_part, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    assert f'<html lang="{language}">' in html_part
    assert visible_text(html_part) == " ".join(message.body.split())
    for line in message.body.splitlines():
        assert len(line) <= 78 or " " not in line.strip(), line
    assert "&#x27;" not in message.subject and "&amp;" not in message.subject


@pytest.fixture
def staff_address(site_tree):
    ContactSettings.objects.create(
        site=site_tree.home.get_site(),
        manager_name="Claire Dumont",
        manager_email="manager@efus.example",
        staff_notification_email="applications@efus.example",
    )


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_application_emails_carry_language_origin_html_and_short_lines(
    apply_pages, italy, client, staff_address, code
):
    submit(client, apply_pages[code], italy, authority_name="Commune d'Ixelles & Co")
    run_queue()
    by_recipient = {message.to[0]: message for message in mail.outbox}
    acknowledgement = by_recipient["giulia.rossi@example.it"]
    staff = by_recipient["applications@efus.example"]
    assert_well_formed(acknowledgement, code)
    assert_well_formed(staff, "en")
    assert "Commune d'Ixelles & Co" in staff.subject
    links = re.findall(r'href="([^"]+)"', acknowledgement.alternatives[0][0])
    assert any("status" in html.unescape(link) for link in links), "links are live in HTML"


def test_an_alert_unsubscribes_in_one_click_without_signing_in(apply_pages, italy, client):
    with time_machine.travel(DURING_WINDOW.replace(year=2025, month=12)):
        client.post(f"{apply_pages['it'].url}alerts/", {"email": "s@example.it", "country": "IT"})
        run_queue()
    (confirmation,) = mail.outbox
    assert_well_formed(confirmation, "it")
    assert confirmation.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = confirmation.extra_headers["List-Unsubscribe"].strip("<>")
    path = url.removeprefix(settings.BASE_URL)
    assert path.startswith("/it/")

    page = client.get(path)
    assert page.status_code == 200 and "<form" in page.content.decode()
    assert OpeningAlert.objects.exists(), "opening the link (a mail scanner) changes nothing"

    answer = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert not OpeningAlert.objects.exists()
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200, "twice is fine"
    assert client.post(path[:-5] + "xxxx/").status_code == 404
