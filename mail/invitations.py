"""Calendar invitations by email (iTIP, RFC 5546; iMIP, RFC 6047), for anything with a date.

An app describes its dated thing as an `Invitation` (a stable UID, a SEQUENCE that grows with
each change, the times and the zone they are given in) and calls `attach_invitation` on the
email it sends: a REQUEST puts the event in the recipient's calendar or moves it there (a
higher SEQUENCE replaces the older copy), a CANCEL takes it out. The calendar travels twice, as
calendar clients expect: as a `text/calendar; method=…` alternative of the message (Outlook,
Apple Mail, Gmail read it in place) and as an `invite.ics` attachment (for the rest).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Site

from home.site_cache import contact_for

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PRODUCT_ID = "-//Efus//AI for Cities//EN"


@dataclass(frozen=True)
class Invitation:
    uid: str
    sequence: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    zone: datetime.tzinfo
    summary: str
    description: str
    location: str = ""
    url: str = ""
    cancelled: bool = False

    @property
    def method(self):
        return CANCEL if self.cancelled else REQUEST


@dataclass(frozen=True)
class Person:
    email: str
    name: str = ""


def programme_organiser():
    """The programme's address, as the contact settings name it (the manager), else the site's
    sender address."""
    site = Site.objects.filter(is_default_site=True).first()
    contact = contact_for(site) if site else None
    if contact and contact.manager_email:
        return Person(contact.manager_email, contact.manager_name or "AI for Cities")
    return Person(settings.DEFAULT_FROM_EMAIL, "AI for Cities")


def _address(calendar_module, person, **parameters):
    address = calendar_module.vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["CN"] = person.name
    address.params.update(parameters)
    return address


def itip_calendar(invitation, *, attendee, organiser, stamp=None):
    """The VCALENDAR of one iTIP message to `attendee`, as bytes, with the zone's VTIMEZONE."""
    # icalendar is imported only when an invitation is built (see programme/calendars.py).
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", invitation.method)
    event = icalendar.Event()
    event.add("uid", invitation.uid)
    event.add("sequence", invitation.sequence)
    event.add("dtstamp", stamp or datetime.datetime.now(datetime.UTC))
    event.add("dtstart", invitation.starts_at.astimezone(invitation.zone))
    event.add("dtend", invitation.ends_at.astimezone(invitation.zone))
    event.add("summary", invitation.summary)
    event.add("description", invitation.description)
    if invitation.location:
        event.add("location", invitation.location)
    if invitation.url:
        event.add("url", invitation.url)
    event.add("status", "CANCELLED" if invitation.cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("organizer", _address(icalendar, organiser))
    event.add(
        "attendee",
        _address(
            icalendar,
            attendee,
            ROLE="REQ-PARTICIPANT",
            PARTSTAT="NEEDS-ACTION",
            RSVP="FALSE",
        ),
    )
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def attach_invitation(message, invitation, *, attendee, organiser=None):
    """Add the invitation to `message` (from `mail.messages.render_message`) for `attendee`."""
    organiser = organiser or programme_organiser()
    ics = itip_calendar(invitation, attendee=attendee, organiser=organiser).decode("utf-8")
    # Django builds "text/<subtype>" from the part after the slash: the method rides along.
    message.attach_alternative(ics, f"text/calendar; method={invitation.method}")
    message.attach("invite.ics", ics, "application/ics")
    return message
