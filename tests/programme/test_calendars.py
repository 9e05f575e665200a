"""iCalendar feeds that calendar clients accept, and that update rather than duplicate."""

import datetime

import pytest
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
