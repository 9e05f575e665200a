"""Nobody can flood an inbox with our email, nor hammer the look-ups: limits per client
address (HTTP 429 with the real Retry-After) and per recipient (quietly not sent)."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from applications.models import Application
from tests.accounts import make_user
from tests.applications.builders import DURING_WINDOW, run_queue, valid_data
from tests.fixtures.committee import add_note
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


def apply_as(client, page, cohort, number, **overrides):
    with time_machine.travel(DURING_WINDOW):
        response = client.post(
            page.url, valid_data(cohort, **overrides), REMOTE_ADDR=f"203.0.113.{number}"
        )
    assert response.status_code == 302
    return Application.objects.order_by("-pk").first()


def to_staff(outbox):
    """The staff notifications ("New application AIC-…") and digests ("7 new applications…")."""
    return [message for message in outbox if "new application" in message.subject.lower()]


def test_applications_beyond_the_cap_are_stored_and_flagged_for_staff(
    client, apply_pages, italy, editor
):
    applications = [
        apply_as(client, apply_pages["en"], italy, number, contact_email="victim@example.org")
        for number in range(5)
    ]
    assert [application.acknowledgement_withheld for application in applications] == [
        False, False, False, True, True,
    ]  # fmt: skip
    client.force_login(editor)
    listing = BeautifulSoup(client.get("/admin/applications/application/").content, "html.parser")
    flagged = {
        row.find("a", string=lambda text: text and text.startswith("AIC-")).get_text(strip=True)
        for row in listing.select("tbody tr")
        if "Acknowledgement withheld (too many emails to this address)" in row.get_text()
    }
    assert flagged == {application.reference for application in applications[3:]}


def test_a_flood_of_applications_reaches_staff_as_five_emails_and_one_digest_an_hour_later(
    client, apply_pages, italy
):
    mail.outbox.clear()
    applications = [
        apply_as(
            client,
            apply_pages["en"],
            italy,
            number,
            contact_email=f"c{number}@example.it",
            authority_name=f"Comune {number}",
        )
        for number in range(12)
    ]
    with time_machine.travel(DURING_WINDOW):
        run_queue()
    alone = to_staff(mail.outbox)
    assert len(alone) == 5
    assert {message.subject.split()[2].rstrip(":") for message in alone} == {
        application.reference for application in applications[:5]
    }
    with time_machine.travel(DURING_WINDOW + datetime.timedelta(minutes=61)):
        run_queue()
    digests = to_staff(mail.outbox)[5:]
    assert len(digests) == 1
    assert digests[0].subject == "7 new applications for AI for Cities"
    for application in applications[5:]:
        assert application.reference in digests[0].body
    for application in applications[:5]:
        assert application.reference not in digests[0].body


# Free text besides the names (of the authority, its region, its contact and participants).
SPAM = {
    "contact_position": "Click http://phish.example/login",
    "service": "other",
    "service_other": "WIN A PRIZE at prize.example",
    "motivation": "Your account is locked: reset it at http://phish.example",
    "contact_phone": "+39 0 CALL-NOW",
    "participants-0-service": "Urgent: wire money to IBAN XX00",
}


def test_no_email_echoes_what_a_visitor_typed_besides_names(client, apply_pages, italy):
    mail.outbox.clear()
    apply_as(client, apply_pages["en"], italy, 1, **SPAM)
    with time_machine.travel(DURING_WINDOW):
        run_queue()
    assert len(mail.outbox) == 2  # the acknowledgement and the staff notification
    for message in mail.outbox:
        text = message.subject + message.body
        for field, typed in SPAM.items():
            if field != "service":
                assert typed not in text, (message.subject, field)
    acknowledgement = next(m for m in mail.outbox if m.to == ["giulia.rossi@example.it"])
    assert "Giulia Rossi" in acknowledgement.body  # the names stay


def ask_url(note):
    return reverse("committee_admin:ask_translation", args=[note.pk])


def test_asking_for_translations_is_limited_per_member_and_per_editor_inbox(
    client, committee_tree, people, settings
):
    settings.TRANSLATION_REQUEST_RATE = (5, 3600)
    notes = committee_tree.pages["fr"]["notes"]
    note = add_note(notes, "reunion", "Réunion", members_only=False, owner=people.committee)
    german = Locale.objects.get(language_code="de")
    client.force_login(people.committee)
    mail.outbox.clear()
    answers = [client.post(ask_url(note), {"locales": [german.pk]}, follow=True) for _ in range(20)]
    run_queue()
    to_editor = [message for message in mail.outbox if message.to == [people.editor.email]]
    assert len(to_editor) == 3  # the editor's inbox: its hourly share
    said = [str(list(answer.context["messages"])[0]) for answer in answers]
    assert said[:3] == [said[0]] * 3 and "have been asked" in said[0]
    assert "The editors have had many emails in the last hour" in said[3]
    assert all("You have asked for many translations" in text for text in said[5:])
