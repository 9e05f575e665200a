"""The programme as schema.org data (JSON-LD), built from the records the pages show.

The programme is a `Course`; each cohort one of its `CourseInstance`s (its mode, languages,
period and places), and each session with a public date an `Event` at its venue or online.
The steering committee's web conferences and the final conference are `Event`s. Moments are
ISO 8601 with the offset of the zone the page shows them in (the cohort's, the event's), so
a search engine shows the same day and hour as the page. A session whose date is still to be
confirmed has no public moment, and no event: its cohort carries the planned period.
"""

from django.utils.html import strip_tags
from django.utils.translation import gettext

from home.dates import iso_moment
from programme.models import SessionKind

SCHEMA = "https://schema.org/"
COURSE_MODES = {
    frozenset({SessionKind.ONLINE}): "Online",
    frozenset({SessionKind.IN_PERSON}): "Onsite",
    frozenset({SessionKind.ONLINE, SessionKind.IN_PERSON}): "Blended",
}


def cohort_name(cohort):
    return gettext("%(country)s cohort, %(period)s") % {
        "country": cohort.get_country_display(),
        "period": cohort.period_label,
    }


def online(url):
    return {"@type": "VirtualLocation", "url": url}


def venue(cohort, name):
    """The place of an in-person session: its venue once known, and always its country."""
    place = {
        "@type": "Place",
        "address": {"@type": "PostalAddress", "addressCountry": cohort.country},
    }
    if name:
        place["name"] = name
    return place


def session_event(session, url, organiser):
    cohort = session.cohort
    status = "EventCancelled" if session.is_cancelled else "EventScheduled"
    if session.state == "moved":
        status = "EventRescheduled"
    in_person = session.kind == SessionKind.IN_PERSON
    event = {
        "@type": "Event",
        "name": f"{cohort_name(cohort)}: {session.title}",
        "startDate": iso_moment(session.local_start),
        "eventStatus": f"{SCHEMA}{status}",
        "eventAttendanceMode": (
            f"{SCHEMA}OfflineEventAttendanceMode"
            if in_person
            else f"{SCHEMA}OnlineEventAttendanceMode"
        ),
        "location": venue(cohort, session.venue) if in_person else online(url),
        "organizer": organiser,
        "url": url,
    }
    if session.ends_at:
        event["endDate"] = iso_moment(session.local_end)
    if status == "EventRescheduled":
        event["previousStartDate"] = iso_moment(session.local_previous_start)
    return event


def cohort_period(cohort):
    """The first and last day of the cohort: of its sessions once every one has a public date,
    else its planned period."""
    sessions = [s for s in cohort.ordered_sessions if not s.is_cancelled]
    if sessions and all(s.shows_date for s in sessions):
        return (
            min(s.local_start for s in sessions).date(),
            max(s.local_end or s.local_start for s in sessions).date(),
        )
    return cohort.planned_start, cohort.planned_end


def course_instance(cohort, url, organiser, with_sessions=False):
    kinds = frozenset(SessionKind(s.kind) for s in cohort.ordered_sessions)
    places = [
        venue(cohort, name)
        for name in dict.fromkeys(
            s.venue for s in cohort.ordered_sessions if s.kind == SessionKind.IN_PERSON
        )
    ]
    if SessionKind.ONLINE in kinds:
        places.append(online(url))
    start, end = cohort_period(cohort)
    instance = {
        "@type": "CourseInstance",
        "name": cohort_name(cohort),
        "url": url,
        "courseMode": COURSE_MODES.get(kinds, "Blended"),
        "inLanguage": cohort.delivery_languages,
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
        "location": places,
        "maximumAttendeeCapacity": cohort.seats,
        "isAccessibleForFree": True,
        "organizer": organiser,
    }
    sessions = [s for s in cohort.ordered_sessions if s.shows_date] if with_sessions else []
    if sessions:
        instance["subEvent"] = [session_event(session, url, organiser) for session in sessions]
    return instance


def course(url, description, organiser, instances):
    """The programme, offered by Efus, with the cohorts given."""
    return {
        "@type": "Course",
        "name": gettext("AI for Cities"),
        "description": description,
        "url": url,
        "provider": organiser,
        "isAccessibleForFree": True,
        "hasCourseInstance": instances,
    }


def programme_event(event, url, organiser):
    """A web conference or the final conference: online, at the events page."""
    data = {
        "@type": "Event",
        "name": event.display_title,
        "startDate": iso_moment(event.local_start),
        "endDate": iso_moment(event.local_end),
        "eventStatus": f"{SCHEMA}EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}OnlineEventAttendanceMode",
        "location": online(url),
        "organizer": organiser,
        "url": url,
        "isAccessibleForFree": True,
    }
    summary = strip_tags(event.display_summary).strip()
    if summary:
        data["description"] = summary
    return data
