"""Registering for a public event (issue #27, point 1): the form in the reader's language, the
confirmation with a calendar invitation, the waiting list, cancelling through the signed link,
duplicates answered neutrally, the spam defences, and the form closing."""

import datetime

import icalendar
import pytest
import time_machine
from django.core import mail
from django.core.cache import cache

from home.models import ContactSettings
from registrations.links import registrant_token
from registrations.models import Registrant, RegistrantStatus
from tests.registrations.conftest import (
    JOIN_URL,
    NOW,
    TITLES,
    form_data,
    post_form,
    register_person,
    register_url,
    sent_emails,
)

pytestmark = pytest.mark.django_db


def calendar_of(message):
    (ics,) = [c for c, kind in message.alternatives if kind.startswith("text/calendar")]
    calendar = icalendar.Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def has_calendar(message):
    return any(kind.startswith("text/calendar") for _c, kind in message.alternatives)


def own_page(registrant, code="en"):
    return f"/{code}/events/registration/{registrant_token(registrant)}/"


def test_a_city_official_registers_in_french_and_gets_the_event_in_their_calendar(
    client, registration
):
    event = registration.event
    with time_machine.travel(NOW, tick=False):
        page = client.get(register_url(event, "fr"))
    assert page.status_code == 200
    text = page.content.decode()
    assert TITLES["fr"] in text and "Votre organisation" in text and "Type d’organisation" in text
    assert JOIN_URL not in text
    assert f'href="/de/events/{event.pk}/register/"' in text, "the language switcher"

    response = post_form(client, event, "fr", name="Claire Martin", email="claire@lyon.example")
    assert response.status_code == 200
    assert "Merci pour votre inscription" in response.content.decode()
    registrant = Registrant.objects.get()
    assert (registrant.language, registrant.status) == ("fr", RegistrantStatus.CONFIRMED)

    (message,) = sent_emails()
    assert message.to == ["claire@lyon.example"]
    assert message.extra_headers["Content-Language"] == "fr"
    assert TITLES["fr"] in message.subject and "confirmée" in message.subject
    assert JOIN_URL not in message.body
    assert f"http://testserver{own_page(registrant, 'fr')}" in message.body
    calendar, entry = calendar_of(message)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(entry["ATTENDEE"]) == "mailto:claire@lyon.example"
    assert int(entry["SEQUENCE"]) == 0
    assert entry["DTSTART"].dt == event.starts_at
    assert TITLES["fr"] in str(entry["SUMMARY"])


def test_when_the_event_is_full_the_next_one_waits_and_moves_up_when_a_place_is_freed(
    client, registration
):
    event = registration.event
    first = register_person(client, event, "Ana García", "ana@madrid.example", "es")
    register_person(client, event, "Bram de Vries", "bram@utrecht.example", "nl")
    sent_emails()
    with time_machine.travel(NOW, tick=False):
        form = client.get(register_url(event, "de")).content.decode()
    assert "ausgebucht" in form  # the form says so before anyone sends it
    response = post_form(client, event, "de", name="Jonas Weber", email="jonas@koeln.example")
    assert "Warteliste" in response.content.decode()
    waiting = Registrant.objects.get(email="jonas@koeln.example")
    assert waiting.status == RegistrantStatus.WAITING
    (message,) = sent_emails()
    assert "Warteliste" in message.subject and not has_calendar(message)

    # Ana cancels through her own link: asked first (GET changes nothing), done by POST.
    cancel = own_page(first, "es") + "cancel/"
    with time_machine.travel(NOW, tick=False):
        assert client.get(cancel).status_code == 200
        assert Registrant.objects.get(pk=first.pk).status == RegistrantStatus.CONFIRMED
        done = client.post(cancel, {"confirm": "True"})
    assert done.status_code == 302
    assert Registrant.objects.get(pk=first.pk).status == RegistrantStatus.CANCELLED
    assert Registrant.objects.get(pk=waiting.pk).status == RegistrantStatus.CONFIRMED
    sent = {message.to[0]: message for message in sent_emails()}
    calendar, _entry = calendar_of(sent["ana@madrid.example"])
    assert str(calendar["METHOD"]) == "CANCEL"
    assert sent["ana@madrid.example"].extra_headers["Content-Language"] == "es"
    promoted = sent["jonas@koeln.example"]
    calendar, entry = calendar_of(promoted)
    assert str(calendar["METHOD"]) == "REQUEST" and "mailto:jonas@koeln.example" in str(
        entry["ATTENDEE"]
    )
    assert "Platz" in promoted.subject


def test_a_moved_event_reaches_the_registrants_calendars_with_a_higher_sequence(
    client, registration
):
    event = registration.event
    register_person(client, event, "Claire Martin", "claire@lyon.example", "fr")
    sent_emails()
    with time_machine.travel(NOW, tick=False):
        event.starts_at += datetime.timedelta(days=1)
        event.ends_at += datetime.timedelta(days=1)
        event.save()
    (message,) = sent_emails()
    calendar, entry = calendar_of(message)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert int(entry["SEQUENCE"]) == 1
    assert entry["DTSTART"].dt == event.starts_at
    assert "Nouvelle date" in message.subject
    with time_machine.travel(NOW, tick=False):
        event.join_url = "https://meet.example.org/other"
        event.save()  # not a date change: nothing more
    assert sent_emails() == []


def test_the_same_address_again_makes_no_second_registration_and_the_page_tells_nothing(
    client, registration
):
    event = registration.event
    first = post_form(client, event, name="Claire Martin", email="claire@lyon.example")
    again = post_form(client, event, name="Someone Else", email="CLAIRE@lyon.example")
    assert Registrant.objects.count() == 1
    assert Registrant.objects.get().name == "Claire Martin"

    def main(response):
        return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]

    assert main(first) == main(again)
    # Her own email goes again, within her address's share (3 an hour): never more.
    for _ in range(5):
        post_form(client, event, name="Claire Martin", email="claire@lyon.example")
    assert len(sent_emails()) == 3


def test_spam_defences_refuse_with_a_summary_and_store_nothing(client, registration):
    event = registration.event
    honeypot = post_form(client, event, "it", website="http://spam.example")
    no_consent = post_form(client, event, consent="")
    bad_email = post_form(client, event, "fr", email="not an address")
    for response in (honeypot, no_consent, bad_email):
        assert response.status_code == 200
        assert 'id="error-summary"' in response.content.decode()
    assert "Questo campo deve restare vuoto" in honeypot.content.decode()
    assert "Erreur" in bad_email.content.decode()
    assert Registrant.objects.count() == 0
    assert mail.outbox == []


def test_a_form_sent_seconds_after_it_was_opened_is_refused(client, registration):
    started = form_data()["started"]
    with time_machine.travel(NOW - datetime.timedelta(minutes=5), tick=False):
        response = client.post(register_url(registration.event), form_data(started=started))
    assert 'id="error-summary"' in response.content.decode()
    assert Registrant.objects.count() == 0


def test_the_form_closes_at_the_editors_time_with_a_clear_message(client, registration):
    registration.closes_at = NOW - datetime.timedelta(minutes=1)
    registration.save()
    with time_machine.travel(NOW, tick=False):
        page = client.get(register_url(registration.event, "fr"))
    assert page.status_code == 200
    assert "Les inscriptions à cet événement sont closes" in page.content.decode()
    assert post_form(client, registration.event).status_code == 403
    assert Registrant.objects.count() == 0


def test_registration_closes_when_the_programme_has_ended(client, registration, site_tree):
    ContactSettings.objects.create(
        site=site_tree.home.get_site(), programme_ended_on=datetime.date(2026, 12, 7)
    )
    with time_machine.travel(NOW, tick=False):
        page = client.get(register_url(registration.event, "de"))
    assert page.status_code == 200
    assert "Die Anmeldung ist geschlossen: Das Programm ist beendet." in page.content.decode()
    assert post_form(client, registration.event).status_code == 403
    assert Registrant.objects.count() == 0


def test_an_event_never_opened_has_no_form(client, final_conference):
    with time_machine.travel(NOW, tick=False):
        assert client.get(register_url(final_conference)).status_code == 404


def test_the_join_link_is_only_on_the_registrant_s_own_signed_page(client, registration):
    event = registration.event
    registrant = register_person(client, event, "Claire Martin", "claire@lyon.example", "fr")
    with time_machine.travel(NOW, tick=False):
        mine = client.get(own_page(registrant, "fr"))
        token = registrant_token(registrant)
        tampered = client.get(f"/fr/events/registration/{token[:-2]}xx/")
        forged = client.get("/fr/events/registration/not-a-token/")
        cancel_forged = client.post(f"/fr/events/registration/{token[:-2]}xx/cancel/")
        events_page = client.get("/en/events/")
        calendar = client.get("/en/calendar/all.ics")
    assert mine.status_code == 200 and JOIN_URL in mine.content.decode()
    assert "no-store" in mine["Cache-Control"] or "private" in mine["Cache-Control"]
    assert (tampered.status_code, forged.status_code, cancel_forged.status_code) == (404, 404, 404)
    assert Registrant.objects.get().status == RegistrantStatus.CONFIRMED
    listing = events_page.content.decode()
    assert register_url(event) in listing and JOIN_URL not in listing
    feed = calendar.content.decode().replace("\r\n ", "")
    assert f"http://testserver{register_url(event)}" in feed and JOIN_URL not in feed


def test_someone_waiting_sees_no_join_link(client, registration):
    registration.capacity = 0
    registration.save()
    registrant = register_person(client, registration.event, "Jonas Weber", "jonas@koeln.example")
    assert registrant.status == RegistrantStatus.WAITING
    with time_machine.travel(NOW, tick=False):
        page = client.get(own_page(registrant)).content.decode()
    assert JOIN_URL not in page and "waiting list" in page


def test_cancelled_registrants_may_register_again(client, registration):
    event = registration.event
    registrant = register_person(client, event, "Claire Martin", "claire@lyon.example")
    with time_machine.travel(NOW, tick=False):
        client.post(own_page(registrant) + "cancel/", {"confirm": "True"})
    cache.clear()
    register_person(client, event, "Claire Martin", "claire@lyon.example")
    assert Registrant.objects.get().status == RegistrantStatus.CONFIRMED


def test_opening_registration_clears_the_kept_events_page(client, final_conference, settings):
    from registrations.models import EventRegistration  # noqa: PLC0415

    settings.PAGE_CACHE_SECONDS = 600
    with time_machine.travel(NOW, tick=False):
        before = client.get("/en/events/")
        assert client.get("/en/events/")["X-Page-Cache"] == "hit"
        EventRegistration.objects.create(event=final_conference, is_open=True)
        after = client.get("/en/events/")
    assert register_url(final_conference) not in before.content.decode()
    assert register_url(final_conference) in after.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/en/events/99999999999999999999999/register/",
        "/en/events/0/register/",
        "/fr/events/registration/%E2%80%AE%00junk/",
        "/fr/events/registration/" + "a" * 3000 + "/cancel/",
        "/de/events/registration/:::/",
    ],
)
def test_junk_addresses_are_404_not_500(client, registration, path):
    with time_machine.travel(NOW, tick=False):
        assert client.get(path).status_code in (400, 404)
        assert client.post(path, {"confirm": "True"}).status_code in (400, 403, 404)
