"""The email that tells an applicant a session has moved: which session, its new time in the
cohort's time zone with that zone named, and the cohort's calendar, in the applicant's language."""

import datetime

import pytest
from django.core import mail
from django.utils import translation

from tests.applications.builders import run_queue, submit
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

# Online session 2 of the Italian cohort moves a week later, from 11 to 18 March 2026, 09:30
# to 12:00 in Rome (UTC+1 until the end of March).
MOVED = {
    "en": ("Online session 2 moved from 11 March 2026 to 18 March 2026",
           "Wednesday, 18 March 2026, 09:30–12:00 Rome time (UTC+1)"),
    "fr": ("Session en ligne 2 déplacée du 11 mars 2026 au 18 mars 2026",
           "mercredi 18 mars 2026, 09:30 – 12:00 heure de Rome (UTC+1)"),
    "it": ("Sessione online 2 spostata. Prima: 11 marzo 2026; ora: 18 marzo 2026",
           "mercoledì 18 marzo 2026 09:30–12:00 ora di Roma (UTC+1)"),
    "nl": ("Online sessie 2 verplaatst van 11 maart 2026 naar 18 maart 2026",
           "woensdag 18 maart 2026, 09:30–12:00 tijd in Rome (UTC+1)"),
    "de": ("Online-Termin 2 verschoben vom 11. März 2026 auf den 18. März 2026",
           "Mittwoch, 18. März 2026, 09:30–12:00 Uhr Ortszeit Rom (UTC+1)"),
    "es": ("Sesión en línea 2: cambio de fecha del 11 de marzo de 2026 al 18 de marzo de 2026",
           "miércoles, 18 de marzo de 2026, 9:30–12:00 hora de Roma (UTC+1)"),
}  # fmt: skip


def plain(text):
    """The text with CLDR's thin and narrow no-break spaces read as plain spaces."""
    return " ".join(text.split())


def move_second_session(cohort, days=7):
    session = cohort.sessions.order_by("position")[1]
    before = session.snapshot()
    session.starts_at += datetime.timedelta(days=days)
    session.ends_at += datetime.timedelta(days=days)
    session.save()
    return session.record_edit(before)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_date_change_email_names_the_session_its_new_time_and_the_calendar(
    apply_pages, italy, client, code
):
    application = submit(client, apply_pages[code], italy)
    run_queue()
    mail.outbox.clear()

    move_second_session(italy)
    run_queue()

    (message,) = mail.outbox
    assert message.to == [application.contact_email]
    body = plain(message.body)
    change, new_time = MOVED[code]
    assert change in body
    assert plain(new_time) in body
    assert f"http://testserver/{code}/calendar/cohorts/italy-2026.ics" in body


def test_the_email_is_written_in_the_applicants_language_whatever_language_is_active(
    apply_pages, italy, client
):
    """The change is described while the email is rendered, not in the language the worker
    (or a test before it) happened to leave active."""
    submit(client, apply_pages["nl"], italy)
    run_queue()
    mail.outbox.clear()
    move_second_session(italy)
    with translation.override("de"):
        run_queue()
    (message,) = mail.outbox
    assert MOVED["nl"][0] in plain(message.body)


def test_a_cancelled_session_is_named_with_its_old_date(apply_pages, italy, client):
    submit(client, apply_pages["fr"], italy)
    run_queue()
    mail.outbox.clear()
    session = italy.sessions.order_by("position")[1]
    before = session.snapshot()
    session.is_cancelled = True
    session.save()
    session.record_edit(before)
    run_queue()
    (message,) = mail.outbox
    body = plain(message.body)
    assert "Session en ligne 2 du 11 mars 2026 annulée" in body
    assert "a désormais lieu" not in body
    assert "http://testserver/fr/calendar/cohorts/italy-2026.ics" in body
