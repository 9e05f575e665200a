"""Calendar invitations (iTIP, RFC 5546) to enrolled participants: one per session on
enrolment, a REQUEST with a higher SEQUENCE when a session moves, a CANCEL when it is
cancelled; each in the participant's language, with the cohort's zone, through the outbox.
Each message's calendar is stored in Radicale, a real CalDAV server, as a calendar client
stores an invitation it accepts (by its UID), to check what the calendar then shows."""

import base64
import datetime
import re
import subprocess
import sys
import urllib.request

import icalendar
import pytest
from django.core import mail

from applications.models import ApplicationStatus
from certificates.enrolment import enrol_application
from tests.applications.builders import run_queue
from tests.fixtures.certificates import PEOPLE, make_application
from tests.services import Server, _wait_for_port, free_port

pytestmark = pytest.mark.django_db

PARTICIPANT = PEOPLE[0][1]
OWNER = base64.b64encode(b"juergen:any").decode()


def calendar_part(message):
    (ics,) = [content for content, kind in message.alternatives if kind.startswith("text/calendar")]
    return ics


def method_of(message):
    (mimetype,) = [m for _c, m in message.alternatives if m.startswith("text/calendar")]
    return mimetype.split("method=")[1]


def only_event(ics):
    (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    return event


def sent_to(address):
    return [message for message in mail.outbox if address in message.to]


def invitations_to(address):
    return [m for m in sent_to(address) if any("calendar" in t for _c, t in m.alternatives)]


@pytest.fixture
def radicale(tmp_path):
    """Radicale on a free port, storing in a temporary folder, without authentication."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            f"--server-hosts=127.0.0.1:{port}",
            f"--storage-filesystem-folder={tmp_path / 'collections'}",
            "--auth-type=none",
            "--rights-type=owner_only",
            "--logging-level=warning",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Server(process, port, f"http://127.0.0.1:{port}")
    try:
        _wait_for_port(port, process)
        dav(server, "MKCALENDAR", "/juergen/calendar/")
        yield server
    finally:
        server.stop()


def dav(server, method, path, body=None, content_type="text/calendar; charset=utf-8"):
    # Radicale without authentication takes any user name: the calendar's owner signs in.
    headers = {"Content-Type": content_type, "Authorization": f"Basic {OWNER}"}
    request = urllib.request.Request(
        f"{server.url}{path}", data=body, method=method, headers=headers
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read()


def store_as_a_client_does(server, ics):
    """A calendar client stores an iTIP message's event by its UID, without the METHOD line
    (RFC 4791: a stored calendar object carries none)."""
    stored = re.sub(r"^METHOD:.*\r\n", "", ics, flags=re.M)
    uid = str(only_event(ics)["UID"])
    status, _body = dav(server, "PUT", f"/juergen/calendar/{uid}.ics", stored.encode())
    assert status in (201, 204)


def calendar_events(server):
    _status, body = dav(server, "GET", "/juergen/calendar/")
    return icalendar.Calendar.from_ical(body).walk("VEVENT")


def move(session, days, editor=None):
    before = session.snapshot()
    session.starts_at += datetime.timedelta(days=days)
    session.ends_at += datetime.timedelta(days=days)
    session.save()
    return session.record_edit(before, editor)


def cancel(session):
    before = session.snapshot()
    session.is_cancelled = True
    session.save()
    return session.record_edit(before)


def test_a_participant_s_calendar_follows_enrolment_moves_and_cancellations(
    cohort, groups, radicale, site_tree
):
    application = make_application(cohort, language="de")
    # Another city's applicant, not enrolled, still in the running for the cohort.
    other = make_application(
        cohort,
        people=[("Anna Applicant", "anna@example.de")],
        status=ApplicationStatus.UNDER_REVIEW,
    )
    enrol_application(application)
    run_queue()

    invitations = invitations_to(PARTICIPANT)
    sessions = list(cohort.sessions.order_by("position"))
    assert len(invitations) == 5, "one invitation per session"
    for message in invitations:
        assert method_of(message) == "REQUEST"
        assert message.extra_headers["Content-Language"] == "de"
        assert "Kalendereinladung" in message.body
        (attachment,) = message.attachments
        assert attachment[0] == "invite.ics"
        ics = calendar_part(message)
        event = only_event(ics)
        assert str(event["ATTENDEE"]) == f"mailto:{PARTICIPANT}"
        assert str(event["ORGANIZER"]).startswith("mailto:")
        assert event["SEQUENCE"] == 0
        assert "TZID:Europe/Berlin" in ics and "DTSTART;TZID=Europe/Berlin:" in ics
        store_as_a_client_does(radicale, ics)
    assert len(calendar_events(radicale)) == 5
    in_person = [m for m in invitations if sessions[4].uid in calendar_part(m)][0]
    assert "Hôtel de Ville, Lyon" in in_person.body
    online = [m for m in invitations if sessions[0].uid in calendar_part(m)][0]
    assert "/de/" in online.body and "angemeldet" in online.body

    mail.outbox.clear()
    moved = sessions[0]
    old_start = moved.starts_at
    move(moved, days=2)
    run_queue()

    (update,) = sent_to(PARTICIPANT)
    assert method_of(update) == "REQUEST"
    assert "verschoben" in update.body or "verlegt" in update.body, update.body
    assert only_event(calendar_part(update))["SEQUENCE"] == 1
    assert len(sent_to("anna@example.de")) == 1, "the applicant gets the date-change email"
    assert len(mail.outbox) == len(PEOPLE) + 1, "each person once"
    store_as_a_client_does(radicale, calendar_part(update))
    events = calendar_events(radicale)
    assert len(events) == 5
    (event,) = [e for e in events if str(e["UID"]) == moved.uid]
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == old_start + datetime.timedelta(days=2)

    mail.outbox.clear()
    cancelled = sessions[1]
    cancel(cancelled)
    run_queue()
    (cancellation,) = sent_to(PARTICIPANT)
    assert method_of(cancellation) == "CANCEL"
    store_as_a_client_does(radicale, calendar_part(cancellation))
    (event,) = [e for e in calendar_events(radicale) if str(e["UID"]) == cancelled.uid]
    assert str(event["STATUS"]) == "CANCELLED" and event["SEQUENCE"] == 1
    assert len(sent_to(other.contact_email)) == 1


def test_an_invitation_is_in_the_participant_s_language_and_the_cohort_s_zone(cohort, groups):
    enrol_application(make_application(cohort, language="es"))
    run_queue()
    message = invitations_to(PARTICIPANT)[0]
    assert message.extra_headers["Content-Language"] == "es"
    assert "invitación" in message.subject.lower()
    event = only_event(calendar_part(message))
    assert event.decoded("DTSTART").tzinfo.key == "Europe/Berlin"


def test_a_burst_of_moves_sends_each_person_one_email_per_change(cohort, groups):
    enrol_application(make_application(cohort, language="it"))
    make_application(
        cohort, people=[("Anna Applicant", "anna@example.de")], status=ApplicationStatus.SUBMITTED
    )
    run_queue()
    mail.outbox.clear()
    sessions = list(cohort.sessions.order_by("position"))
    for session in sessions:
        move(session, days=1)
    run_queue()
    for _name, address in PEOPLE:
        received = sent_to(address)
        assert len(received) == 5, address
        uids = {str(only_event(calendar_part(message))["UID"]) for message in received}
        assert uids == {session.uid for session in sessions}
    assert len(sent_to("anna@example.de")) == 5
    assert len(mail.outbox) == 5 * (len(PEOPLE) + 1)
