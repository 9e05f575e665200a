"""iCalendar feeds: one per cohort and one for every session and event of the programme.

Each entry carries, besides its times in UTC, a link to its page in the subscriber's language
(`URL`), a plain-text `DESCRIPTION` that says in words when and where it takes place in local
time, and `LAST-MODIFIED` from the session's last recorded date change. The calendar asks
subscribing clients to fetch it again every twelve hours (`REFRESH-INTERVAL`, RFC 7986, and
`X-PUBLISHED-TTL`, its older spelling that Outlook reads).
"""

import datetime

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from home.dates import time_range
from home.visibility import page_in_language
from mail.invitations import Invitation
from programme.models import CohortIndexPage, EventIndexPage, SessionDateChange
from web.links import absolute_url, page_url

PRODUCT_ID = "-//Efus//AI for Cities//EN"
REFRESH_INTERVAL = datetime.timedelta(hours=12)
# Every feed reminds a day before; a participant's private feed also an hour before, with the
# page where the link to join is.
DAY_BEFORE = datetime.timedelta(days=1)
HOUR_BEFORE = datetime.timedelta(hours=1)


# icalendar (about 190 modules) is imported when a calendar is first built, not by every
# worker at start: feeds are fetched by calendar applications a few times a day.


def new_calendar(name):
    from icalendar import Calendar, vDuration  # see above

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    return calendar


def _listing_url(page_model, request=None):
    """The absolute address of the active language's listing page, or None if it has none."""
    page = page_in_language(page_model.objects.live())
    return page_url(page) if page else None


class PageLinks:
    """Absolute addresses of cohort pages and of the events page in the active language."""

    def __init__(self, request=None):
        self.request = request
        self._urls = {}

    def _listing(self, page_model):
        if page_model not in self._urls:
            self._urls[page_model] = _listing_url(page_model, self.request)
        return self._urls[page_model]

    def cohort(self, cohort):
        base = self._listing(CohortIndexPage)
        return CohortIndexPage.cohort_address(base, cohort) if base else None

    def events(self):
        return self._listing(EventIndexPage)


def last_changes(sessions):
    """When each session's date was last confirmed or changed, by session id (one query)."""
    ids = [session.pk for session in sessions]
    rows = (
        SessionDateChange.objects.filter(session_id__in=ids)
        .values("session_id")
        .annotate(last=Max("changed_at"))
    )
    return {row["session_id"]: row["last"] for row in rows}


def session_description(session):
    """Plain text: the cohort, the session, where, and when in local time in words."""
    cohort = session.cohort
    place = session.venue or pgettext("place", "online")
    lines = [
        gettext("%(country)s cohort, %(period)s")
        % {"country": cohort.get_country_display(), "period": cohort.period_label},
        session.title,
        gettext("Where: %(place)s") % {"place": place},
        gettext("When: %(when)s") % {"when": time_range(session.local_start, session.local_end)},
    ]
    if session.is_cancelled:
        lines.append(gettext("This session is cancelled."))
    return "\n".join(lines)


def event_description(event):
    lines = [
        event.get_kind_display(),
        gettext("Where: %(place)s") % {"place": pgettext("place", "online")},
        gettext("When: %(when)s") % {"when": time_range(event.local_start, event.local_end)},
    ]
    if getattr(event, "registration_url", ""):
        lines.append(gettext("Register: %(url)s") % {"url": absolute_url(event.registration_url)})
    return "\n".join(lines)


def session_entry(session, stamp, url=None, last_modified=None):
    """A calendar entry for a session with a known date (UTC times, stable UID)."""
    from icalendar import Event as CalendarEvent  # see above

    entry = CalendarEvent()
    entry.add("uid", session.uid)
    entry.add("dtstamp", stamp)
    entry.add("sequence", session.sequence)
    entry.add("dtstart", session.starts_at.astimezone(datetime.UTC))
    entry.add("dtend", (session.ends_at or session.starts_at).astimezone(datetime.UTC))
    entry.add("summary", session_summary(session))
    entry.add("description", session_description(session))
    if url:
        entry.add("url", url)
    if last_modified:
        entry.add("last-modified", last_modified.astimezone(datetime.UTC))
    if session.venue:
        entry.add("location", session.venue)
    if session.is_cancelled:
        entry.add("status", "CANCELLED")
    else:
        entry.add("status", "CONFIRMED")
    return entry


def session_summary(session):
    return gettext("AI for Cities – %(cohort)s: %(session)s") % {
        "cohort": session.cohort.get_country_display(),
        "session": session.title,
    }


def session_invitation(session, url=""):
    """The session as a calendar invitation (`mail.invitations`) in the active language: a
    cancelled session, or one whose date is no longer confirmed, leaves calendars."""
    return Invitation(
        uid=session.uid,
        sequence=session.sequence,
        starts_at=session.starts_at,
        ends_at=session.ends_at or session.starts_at,
        zone=session.cohort.zone,
        summary=session_summary(session),
        description=session_description(session),
        location=session.venue,
        url=url or "",
        cancelled=session.is_cancelled or not session.is_confirmed,
    )


def event_invitation(event, url=""):
    """The event as a calendar invitation (`mail.invitations`) in the active language."""
    title = getattr(event, "display_title", None) or event.get_kind_display()
    return Invitation(
        uid=event.uid,
        sequence=event.sequence,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        zone=event.zone,
        summary=gettext("AI for Cities – %(event)s") % {"event": title},
        description=event_description(event),
        url=url or "",
    )


def event_entry(event, stamp, url=None):
    from icalendar import Event as CalendarEvent  # see above

    entry = CalendarEvent()
    entry.add("uid", event.uid)
    entry.add("dtstamp", stamp)
    entry.add("sequence", event.sequence)
    entry.add("dtstart", event.starts_at.astimezone(datetime.UTC))
    entry.add("dtend", event.ends_at.astimezone(datetime.UTC))
    title = getattr(event, "display_title", None) or event.get_kind_display()
    entry.add("summary", gettext("AI for Cities – %(event)s") % {"event": title})
    entry.add("description", event_description(event))
    if url:
        entry.add("url", url)
    entry.add("status", "CONFIRMED" if event.is_confirmed else "TENTATIVE")
    return entry


def reminder(before, text):
    """A VALARM that shows `text` `before` the start."""
    from icalendar import Alarm  # see above

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -before)
    alarm.add("description", text)
    return alarm


def add_reminders(entry, join_page=None):
    """A day before; with `join_page` (a participant's own feed), an hour before too."""
    entry.add_component(reminder(DAY_BEFORE, str(entry["SUMMARY"])))
    if join_page:
        text = gettext("Starts in one hour. The link to join is on this page: %(url)s")
        entry.add_component(reminder(HOUR_BEFORE, text % {"url": join_page}))


def calendar_for(name, sessions=(), events=(), request=None, private=False):
    """Sessions enter the calendar once their date is confirmed; cancelled ones stay, marked.

    Texts and links follow the active language; links are absolute, built on the request's
    host when there is one, otherwise on the site's configured address. Entries remind a day
    before; in a participant's `private` feed, also an hour before, with the join page.
    """
    calendar = new_calendar(name)
    stamp = timezone.now()
    links = PageLinks(request)
    shown = [s for s in sessions if s.starts_at and (s.is_confirmed or s.is_cancelled)]
    changed = last_changes(shown) if shown else {}
    for session in shown:
        last_modified = changed.get(session.pk) or session.cohort.dates_updated_at
        page = links.cohort(session.cohort)
        entry = session_entry(session, stamp, page, last_modified)
        if not session.is_cancelled:
            add_reminders(entry, join_page=page if private else None)
        calendar.add_component(entry)
    for event in events:
        entry = event_entry(event, stamp, links.events())
        add_reminders(entry)
        calendar.add_component(entry)
    return calendar
