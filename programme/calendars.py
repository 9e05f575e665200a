"""iCalendar feeds: one per cohort and one for every session and event of the programme."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar
from icalendar import Event as CalendarEvent

PRODUCT_ID = "-//Efus//AI for Cities//EN"


def new_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def session_entry(session, stamp):
    """A calendar entry for a session with a known date (UTC times, stable UID)."""
    entry = CalendarEvent()
    cohort = session.cohort
    entry.add("uid", session.uid)
    entry.add("dtstamp", stamp)
    entry.add("sequence", session.sequence)
    entry.add("dtstart", session.starts_at.astimezone(datetime.UTC))
    entry.add("dtend", (session.ends_at or session.starts_at).astimezone(datetime.UTC))
    entry.add(
        "summary",
        gettext("AI for Cities – %(cohort)s: %(session)s")
        % {"cohort": cohort.get_country_display(), "session": session.title},
    )
    if session.venue:
        entry.add("location", session.venue)
    if session.is_cancelled:
        entry.add("status", "CANCELLED")
    else:
        entry.add("status", "CONFIRMED")
    return entry


def event_entry(event, stamp):
    entry = CalendarEvent()
    entry.add("uid", event.uid)
    entry.add("dtstamp", stamp)
    entry.add("sequence", event.sequence)
    entry.add("dtstart", event.starts_at.astimezone(datetime.UTC))
    entry.add("dtend", event.ends_at.astimezone(datetime.UTC))
    entry.add("summary", gettext("AI for Cities – %(event)s") % {"event": event.display_title})
    entry.add("status", "CONFIRMED" if event.is_confirmed else "TENTATIVE")
    return entry


def calendar_for(name, sessions=(), events=()):
    """Sessions enter the calendar once their date is confirmed; cancelled ones stay, marked."""
    calendar = new_calendar(name)
    stamp = timezone.now()
    for session in sessions:
        if session.starts_at and (session.is_confirmed or session.is_cancelled):
            calendar.add_component(session_entry(session, stamp))
    for event in events:
        calendar.add_component(event_entry(event, stamp))
    return calendar
