"""iCalendar feeds that calendar clients accept, and that update rather than duplicate."""

import datetime

import pytest
from django.conf import settings
from icalendar import Calendar

from programme.factories import CohortFactory, EventFactory

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def entries(calendar):
    return list(calendar.walk("VEVENT"))


def test_cohort_feed_lists_confirmed_sessions_in_utc(client):
    cohort = CohortFactory(with_sessions__confirmed=True)
    calendar = parse(client.get(f"/en/calendar/cohorts/{cohort.slug}.ics"))
    events = entries(calendar)
    assert len(events) == 5
    first = events[0]
    # 09:30 in Paris in March (CET, UTC+1) is 08:30 UTC.
    assert first.decoded("dtstart") == datetime.datetime(2026, 3, 4, 8, 30, tzinfo=datetime.UTC)
    assert first.decoded("dtend") == datetime.datetime(2026, 3, 4, 11, 0, tzinfo=datetime.UTC)
    uids = [str(event["uid"]) for event in events]
    assert len(set(uids)) == 5
    assert uids[0] == f"session-{cohort.sessions.order_by('position')[0].pk}@aiforcities.eu"
    assert str(calendar["version"]) == "2.0"


def test_unconfirmed_sessions_are_left_out(client):
    cohort = CohortFactory(with_sessions__confirmed=False)
    assert entries(parse(client.get(f"/en/calendar/cohorts/{cohort.slug}.ics"))) == []


def test_moved_session_keeps_uid_with_higher_sequence(client):
    cohort = CohortFactory(with_sessions__confirmed=True)
    session = cohort.sessions.order_by("position")[0]
    url = f"/en/calendar/cohorts/{cohort.slug}.ics"
    before = entries(parse(client.get(url)))[0]

    snapshot = session.snapshot()
    session.starts_at += datetime.timedelta(days=7)
    session.ends_at += datetime.timedelta(days=7)
    session.save()
    session.record_edit(snapshot)

    after = entries(parse(client.get(url)))
    assert len(after) == 5
    moved = after[0]
    assert str(moved["uid"]) == str(before["uid"])
    assert int(moved["sequence"]) > int(before["sequence"])
    assert moved.decoded("dtstart") == before.decoded("dtstart") + datetime.timedelta(days=7)


def test_cancelled_session_is_marked_cancelled(client):
    cohort = CohortFactory(with_sessions__confirmed=True)
    session = cohort.sessions.order_by("position")[1]
    snapshot = session.snapshot()
    session.is_cancelled = True
    session.save()
    session.record_edit(snapshot)
    events = entries(parse(client.get(f"/en/calendar/cohorts/{cohort.slug}.ics")))
    statuses = {str(event["uid"]): str(event["status"]) for event in events}
    assert statuses[session.uid] == "CANCELLED"
    assert list(statuses.values()).count("CONFIRMED") == 4


def test_programme_feed_has_every_cohort_session_and_event(client):
    CohortFactory(with_sessions__confirmed=True)
    CohortFactory(with_sessions__confirmed=True, country="IT")
    CohortFactory(with_sessions__confirmed=False, country="NL")
    EventFactory()
    EventFactory(starts_at=datetime.datetime(2026, 12, 10, 13, 0, tzinfo=datetime.UTC))
    events = entries(parse(client.get("/fr/calendar/all.ics")))
    assert len(events) == 12
    assert sum(1 for event in events if str(event["uid"]).startswith("event-")) == 2


def test_feed_summaries_follow_the_language(client):
    cohort = CohortFactory(with_sessions__confirmed=True, country="DE")
    english = entries(parse(client.get(f"/en/calendar/cohorts/{cohort.slug}.ics")))[0]
    german = entries(parse(client.get(f"/de/calendar/cohorts/{cohort.slug}.ics")))[0]
    assert "Germany" in str(english["summary"])
    assert "Deutschland" in str(german["summary"])
    assert str(english["uid"]) == str(german["uid"])


def test_unknown_cohort_feed_is_404(client):
    assert client.get("/en/calendar/cohorts/nope.ics").status_code == 404


# --- what subscribers read: links, descriptions, changes and refresh --------------------------

THIN = "\u2009"


def confirm_all(cohort, at):
    """Confirm every session through the editors' path, so each change is recorded at `at`."""
    for session in cohort.sessions.order_by("position"):
        before = session.snapshot()
        session.is_confirmed = True
        session.save()
        session.record_edit(before, at=at)


def by_position(calendar):
    return sorted(entries(calendar), key=lambda event: event.decoded("dtstart"))


def test_calendar_asks_subscribers_to_refresh_every_twelve_hours(client):
    cohort = CohortFactory(with_sessions__confirmed=True)
    for url in (f"/en/calendar/cohorts/{cohort.slug}.ics", "/de/calendar/all.ics"):
        response = client.get(url)
        body = response.content.decode()
        assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in body
        assert "X-PUBLISHED-TTL:PT12H\r\n" in body
        calendar = parse(response)
        assert calendar["refresh-interval"].params["VALUE"] == "DURATION"
        assert calendar.decoded("refresh-interval") == datetime.timedelta(hours=12)


@pytest.mark.parametrize("language", ["en", "de"])
def test_each_entry_links_to_the_cohort_page_in_the_subscriber_language(
    client, site_tree, language
):
    cohort = CohortFactory(slug="germany-2026", country="DE", with_sessions__confirmed=True)
    calendar = parse(client.get(f"/{language}/calendar/cohorts/{cohort.slug}.ics"))
    page = site_tree.translations[language]["cohorts"]
    slug = {"en": "germany-2026", "de": "deutschland-2026"}[language]
    expected = f"{settings.BASE_URL}{page.url}{slug}/"
    assert expected.startswith("http://") and f"/{language}/" in expected
    assert {str(event["url"]) for event in entries(calendar)} == {expected}
    assert client.get(expected.removeprefix(settings.BASE_URL)).status_code == 200


def test_events_link_to_the_events_page(client, site_tree):
    EventFactory()
    calendar = parse(client.get("/fr/calendar/all.ics"))
    [event] = entries(calendar)
    assert str(event["url"]) == settings.BASE_URL + site_tree.translations["fr"]["events"].url
    assert "Lieu\u00a0: en ligne" in str(event["description"])


def test_description_says_cohort_session_place_and_local_time_in_english(client):
    cohort = CohortFactory(with_sessions__confirmed=True)
    first, *_, in_person = by_position(parse(client.get(f"/en/calendar/cohorts/{cohort.slug}.ics")))
    assert str(first["description"]).split("\n") == [
        f"France cohort, March{THIN}–{THIN}April 2026",
        "Online session 1",
        "Where: online",
        "When: Wednesday, 4 March 2026, 09:30–12:00 Paris time (UTC+1)",
    ]
    # After the change to summer time the offset follows the date.
    assert str(in_person["description"]).split("\n") == [
        f"France cohort, March{THIN}–{THIN}April 2026",
        "In-person session",
        "Where: Hôtel de Ville, Lyon",
        "When: Wednesday, 1 April 2026, 09:30–12:00 Paris time (UTC+2)",
    ]


def test_description_follows_the_subscriber_language(client):
    cohort = CohortFactory(with_sessions__confirmed=True, country="DE", time_zone="Europe/Berlin")
    first, *_, in_person = by_position(parse(client.get(f"/fr/calendar/cohorts/{cohort.slug}.ics")))
    assert str(first["description"]).split("\n") == [
        f"Cohorte Allemagne, mars{THIN}–{THIN}avril 2026",
        "Session en ligne 1",
        "Lieu\u00a0: en ligne",
        f"Quand\u00a0: mercredi 4 mars 2026, 09:30{THIN}–{THIN}12:00 heure de Berlin (UTC+1)",
    ]
    assert "heure de Berlin (UTC+2)" in str(in_person["description"])


def test_a_cancelled_session_says_so_in_its_description(client):
    cohort = CohortFactory(with_sessions__confirmed=True)
    session = cohort.sessions.order_by("position")[1]
    snapshot = session.snapshot()
    session.is_cancelled = True
    session.save()
    session.record_edit(snapshot)
    calendar = parse(client.get(f"/de/calendar/cohorts/{cohort.slug}.ics"))
    [cancelled] = [event for event in entries(calendar) if str(event["uid"]) == session.uid]
    assert str(cancelled["description"]).endswith("Dieser Termin ist abgesagt.")


def test_last_modified_is_the_session_s_last_recorded_change(client):
    confirmed_on = datetime.datetime(2026, 1, 20, 10, 0, tzinfo=datetime.UTC)
    moved_on = datetime.datetime(2026, 2, 2, 15, 45, tzinfo=datetime.UTC)
    cohort = CohortFactory(with_sessions__confirmed=False)
    confirm_all(cohort, at=confirmed_on)
    moved = cohort.sessions.order_by("position")[2]
    before = moved.snapshot()
    moved.starts_at += datetime.timedelta(days=1)
    moved.ends_at += datetime.timedelta(days=1)
    moved.save()
    moved.record_edit(before, at=moved_on)

    calendar = parse(client.get(f"/en/calendar/cohorts/{cohort.slug}.ics"))
    last_modified = {str(e["uid"]): e.decoded("last-modified") for e in entries(calendar)}
    assert last_modified.pop(moved.uid) == moved_on
    assert set(last_modified.values()) == {confirmed_on}
    assert (
        "LAST-MODIFIED:20260202T154500Z"
        in client.get(f"/en/calendar/cohorts/{cohort.slug}.ics").content.decode()
    )
