"""The final conference of 10 December 2026, open for registration, and a visitor who sends the
form as a person would (reCAPTCHA answers yes; no limit per address unless a test sets one)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail

from applications.spam_check import new_started_token
from programme.models import Event, EventKind, EventTopic
from registrations.models import EventRegistration, Registrant
from tests.applications.builders import run_queue

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
STARTS = datetime.datetime(2026, 12, 10, 14, 0, tzinfo=BRUSSELS)
ENDS = datetime.datetime(2026, 12, 10, 17, 0, tzinfo=BRUSSELS)
NOW = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)
JOIN_URL = "https://meet.example.org/aicities-final-secret-room"
TITLES = {
    "en": "Final conference: AI for safer cities",
    "fr": "Conférence finale : l’IA pour des villes plus sûres",
    "de": "Abschlusskonferenz: KI für sicherere Städte",
}


@pytest.fixture(autouse=True)
def recaptcha_passes(recaptcha_passes):
    return recaptcha_passes


@pytest.fixture(autouse=True)
def no_submission_limit(settings):
    settings.APPLICATION_RATE = (100_000, 3600)


@pytest.fixture
def final_conference(site_tree):
    english = EventTopic.objects.create(
        title=TITLES["en"],
        summary="<p>The programme's results.</p>",
        locale=site_tree.locales["en"],
    )
    for code in ("fr", "de"):
        translated = english.copy_for_translation(site_tree.locales[code])
        translated.title = TITLES[code]
        translated.save()
    return Event.objects.create(
        kind=EventKind.FINAL_CONFERENCE,
        topic=english,
        starts_at=STARTS,
        ends_at=ENDS,
        join_url=JOIN_URL,
    )


@pytest.fixture
def registration(final_conference):
    return EventRegistration.objects.create(event=final_conference, is_open=True, capacity=2)


def form_data(**overrides):
    data = {
        "name": "Giulia Rossi",
        "email": "giulia.rossi@example.it",
        "organisation": "Comune di Bologna",
        "organisation_kind": "city",
        "country": "IT",
        "role": "Comandante della polizia locale",
        "consent": "on",
        "website": "",
        "started": new_started_token(opened_at=(NOW - datetime.timedelta(minutes=5)).timestamp()),
        "captcha": "ready",
        "g-recaptcha-response": "token",
    }
    data.update(overrides)
    return data


def register_url(event, code="en"):
    return f"/{code}/events/{event.pk}/register/"


def post_form(client, event, code="en", at=NOW, **overrides):
    with time_machine.travel(at, tick=False):
        return client.post(register_url(event, code), form_data(**overrides))


def register_person(client, event, name, email, code="en", **overrides):
    response = post_form(client, event, code, name=name, email=email, **overrides)
    assert response.status_code == 200, response.content.decode()[:3000]
    return Registrant.objects.get(registration__event=event, email=email)


def sent_emails(at=NOW):
    with time_machine.travel(at, tick=False):
        run_queue()
    sent = list(mail.outbox)
    mail.outbox.clear()
    return sent
