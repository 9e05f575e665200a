"""The link to join, a day and an hour before the event, to registrants with a place: through
their own page, never twice, never after the start; the recording once, after the event."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from registrations.models import EventRegistration, RegistrantStatus
from tests.registrations.conftest import JOIN_URL, NOW, STARTS, register_person, sent_emails

pytestmark = pytest.mark.django_db


def run_timer_at(moment):
    with time_machine.travel(moment, tick=False):
        call_command("send_event_reminders", verbosity=0)
    return sent_emails(moment)


@pytest.fixture
def registrants(client, registration):
    registration.capacity = 2
    registration.save()
    event = registration.event
    people = [
        register_person(client, event, "Claire Martin", "claire@lyon.example", "fr"),
        register_person(client, event, "Jonas Weber", "jonas@koeln.example", "de"),
        register_person(client, event, "Ana García", "ana@madrid.example", "es"),
    ]
    assert people[2].status == RegistrantStatus.WAITING
    sent_emails()
    return people


def test_reminders_a_day_and_an_hour_before_with_the_registrant_s_own_page(registrants):
    day_before = STARTS - datetime.timedelta(days=1)
    assert run_timer_at(day_before - datetime.timedelta(minutes=1)) == []
    sent = {message.to[0]: message for message in run_timer_at(day_before)}
    assert set(sent) == {"claire@lyon.example", "jonas@koeln.example"}, "not those waiting"
    french = sent["claire@lyon.example"]
    assert french.subject.endswith("a lieu demain")
    assert "/fr/events/registration/" in french.body and JOIN_URL not in french.body
    assert "morgen" in sent["jonas@koeln.example"].subject
    assert run_timer_at(day_before + datetime.timedelta(minutes=30)) == [], "never twice"

    hour_before = STARTS - datetime.timedelta(hours=1)
    sent = run_timer_at(hour_before)
    assert len(sent) == 2 and all("heure" in m.subject or "Stunde" in m.subject for m in sent)
    assert run_timer_at(STARTS + datetime.timedelta(minutes=5)) == [], "never after the start"


def test_a_timer_that_was_down_sends_only_the_nearest_reminder(registrants):
    sent = run_timer_at(STARTS - datetime.timedelta(minutes=30))
    assert len(sent) == 2 and all(
        "dans une heure" in m.subject or "Stunde" in m.subject for m in sent
    )
    assert run_timer_at(STARTS - datetime.timedelta(minutes=20)) == []


def test_the_recording_goes_once_to_those_who_attended(client, registrants):
    registration = EventRegistration.objects.get()
    event = registration.event
    after = event.ends_at + datetime.timedelta(days=2)
    registrants[0].attended = True
    registrants[0].save()
    with time_machine.travel(after, tick=False):
        event.recording_url = "https://video.example.org/final"
        event.save()
    (message,) = sent_emails(after)
    assert message.to == ["claire@lyon.example"]
    assert "https://video.example.org/final" in message.body
    assert "enregistrement" in message.subject.lower()
    with time_machine.travel(after, tick=False):
        event.save()
        call_command("send_event_reminders", verbosity=0)
    assert sent_emails(after) == [], "once"


def test_a_recording_set_before_the_end_goes_to_every_place_after_the_event(registrants):
    registration = EventRegistration.objects.get()
    event = registration.event
    with time_machine.travel(NOW, tick=False):
        event.recording_url = "https://video.example.org/final"
        event.save()
    assert sent_emails() == []
    sent = run_timer_at(event.ends_at + datetime.timedelta(hours=1))
    assert sorted(m.to[0] for m in sent) == ["claire@lyon.example", "jonas@koeln.example"]
