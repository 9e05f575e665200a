"""Dates are facts stored once: editors confirm and move them in one screen, and every
language shows the change at once, with a log of who changed what."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import translation

from demo.management.commands.bench import admin_form_data
from programme.factories import CohortFactory
from programme.models import DateState, Session, SessionDateChange, session_date_changed
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

# What a reader sees for an unconfirmed date, and for a moved one, in each language.
TO_BE_CONFIRMED = {
    "en": "To be confirmed",
    "fr": "À confirmer",
    "it": "Da confermare",
    "nl": "Nog te bevestigen",
    "de": "Noch zu bestätigen",
    "es": "Por confirmar",
}
MOVED_BADGE = {
    "en": "Moved",
    "fr": "Déplacée",
    "it": "Spostata",
    "nl": "Verplaatst",
    "de": "Verschoben",
    "es": "Aplazada",
}
NEW_DAY = {
    "en": "26 March 2026",
    "fr": "26 mars 2026",
    "it": "26 marzo 2026",
    "nl": "26 maart 2026",
    "de": "26. März 2026",
    "es": "26 de marzo de 2026",
}


def cohort_url(site_tree, code, cohort):
    return f"{site_tree.translations[code]['cohorts'].url}{cohort.slug_in(code)}/"


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def move(session, new_start, user=None):
    before = session.snapshot()
    duration = session.ends_at - session.starts_at
    session.starts_at, session.ends_at = new_start, new_start + duration
    session.save()
    return session.record_edit(before, user)


def test_unconfirmed_sessions_say_to_be_confirmed_in_every_language(site_tree, client):
    cohort = CohortFactory(with_sessions__confirmed=False)
    for code in LANGUAGE_CODES:
        page = text_of(client.get(cohort_url(site_tree, code, cohort)))
        assert page.count(TO_BE_CONFIRMED[code]) >= 5, code
        with translation.override(code):
            # The page's text is read with its spaces (CLDR's thin spaces too) made plain.
            assert " ".join(cohort.period_label.split()) in page, code
        assert "09:30" not in page, "an unconfirmed time must not be shown"


def test_one_change_shows_in_all_six_languages_and_is_logged(site_tree, client, editor):
    cohort = CohortFactory(with_sessions__confirmed=True)
    third = cohort.sessions.order_by("position")[2]
    assert third.starts_at.date() == datetime.date(2026, 3, 18)

    change = move(third, third.starts_at + datetime.timedelta(days=8), user=editor)

    assert change.kind == SessionDateChange.Kind.MOVED
    assert change.changed_by == editor
    assert change.old_starts_at.date() == datetime.date(2026, 3, 18)
    third.refresh_from_db()
    assert third.state == DateState.MOVED
    for code in LANGUAGE_CODES:
        page = text_of(client.get(cohort_url(site_tree, code, cohort)))
        assert NEW_DAY[code] in page, code
        assert MOVED_BADGE[code] in page, code
    english = text_of(client.get(cohort_url(site_tree, "en", cohort)))
    assert "Online session 3 moved from 18 March 2026 to 26 March 2026" in english
    assert "Dates last confirmed on" in english


def test_moving_a_confirmed_date_bumps_sequence_and_notifies(editor):
    cohort = CohortFactory(with_sessions__confirmed=True)
    session = cohort.sessions.first()
    heard = []

    def listen(**kwargs):
        heard.append(kwargs["change"])

    # Only this test's listener comes off again: clearing every receiver would also silence
    # the applications app's, and the date-change email tests run after this one would fail.
    session_date_changed.connect(listen)
    try:
        move(session, session.starts_at + datetime.timedelta(days=1), user=editor)
    finally:
        session_date_changed.disconnect(listen)
    session.refresh_from_db()
    assert session.sequence == 1
    assert [change.kind for change in heard] == [SessionDateChange.Kind.MOVED]


def test_moving_an_unconfirmed_date_is_not_a_public_change():
    cohort = CohortFactory(with_sessions__confirmed=False)
    session = cohort.sessions.first()
    assert move(session, session.starts_at + datetime.timedelta(days=2)) is None
    assert not SessionDateChange.objects.exists()


def edit_form_data(response):
    """The data a browser would post back from the admin edit form, as it was rendered."""
    return admin_form_data(response.content)


def session_prefix(data, session):
    return next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.endswith("-id") and value == str(session.pk)
    )


def test_editor_confirms_and_moves_dates_in_one_admin_screen(client, editor):
    cohort = CohortFactory(with_sessions__confirmed=False)
    first, second = cohort.sessions.order_by("position")[:2]
    client.force_login(editor)
    url = f"/admin/snippets/programme/cohort/edit/{cohort.pk}/"

    response = client.get(url)
    assert response.status_code == 200
    data = edit_form_data(response)
    data[f"{session_prefix(data, first)}-is_confirmed"] = "on"
    data[f"{session_prefix(data, second)}-is_confirmed"] = "on"
    data[f"{session_prefix(data, second)}-starts_at"] = "2026-03-12 14:00"
    data[f"{session_prefix(data, second)}-ends_at"] = "2026-03-12 16:30"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_confirmed and second.is_confirmed
    assert second.local_start.hour == 14
    changes = list(cohort.date_changes.order_by("session__position"))
    assert [(c.session_id, c.kind, c.changed_by) for c in changes] == [
        (first.pk, SessionDateChange.Kind.CONFIRMED, editor),
        (second.pk, SessionDateChange.Kind.CONFIRMED, editor),
    ]
    history = client.get(url)
    assert "History of date confirmations and changes" in history.content.decode()
    assert history.content.decode().count("Date confirmed") >= 2


def test_admin_form_refuses_a_cohort_without_five_sessions(client, editor):
    cohort = CohortFactory(with_sessions__confirmed=False)
    client.force_login(editor)
    url = f"/admin/snippets/programme/cohort/edit/{cohort.pk}/"
    data = edit_form_data(client.get(url))
    last = cohort.sessions.order_by("position").last()
    data[f"{session_prefix(data, last)}-DELETE"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "4 online sessions and 1 in-person session" in response.content.decode()
    assert Session.objects.filter(pk=last.pk).exists()


def test_confirmed_date_needs_a_start():
    cohort = CohortFactory(with_sessions=False)
    session = Session(cohort=cohort, kind="online", position=1, is_confirmed=True)
    with pytest.raises(Exception) as error:
        session.full_clean()
    assert "starts_at" in str(error.value)


PAST_BADGE = {"en": "Past", "fr": "Terminée", "it": "Conclusa", "nl": "Afgelopen",
              "de": "Vorbei", "es": "Finalizada"}  # fmt: skip


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_sessions_that_took_place_are_marked_as_past(site_tree, client, code):
    cohort = CohortFactory(with_sessions__confirmed=True)
    # The second session (11 March 2026, 09:30–12:00) is over; the third is still ahead.
    with time_machine.travel(datetime.datetime(2026, 3, 12, 9, 0, tzinfo=datetime.UTC)):
        response = client.get(cohort_url(site_tree, code, cohort))
    soup = BeautifulSoup(response.content, "html.parser")
    sessions = soup.select("ol.sessions > li")
    past = [" ".join(li.get_text(" ").split()) for li in sessions if "session-past" in li["class"]]
    assert len(past) == 2, code
    assert len(soup.select("ol.sessions .badge.badge-date-past")) == 2, code
    assert all(PAST_BADGE[code] in text for text in past), code
    assert PAST_BADGE[code] not in " ".join(sessions[2].get_text(" ").split()), code
