"""The registrants' emails, each in the registrant's language: their place (with the event as a
calendar invitation) or their rank on the waiting list, a cancellation (taking the event out of
their calendar), the reminders with their own page's address, and the recording."""

from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from wagtail.models import Locale

from committee.models.notes import attach_summary_notes
from home.dates import time_range
from mail.invitations import Invitation, Person, attach_invitation
from mail.kinds import email_kind
from mail.messages import render_message
from programme.calendars import PageLinks, event_invitation
from programme.models import attach_topics
from registrations.links import cancel_path, in_language, registrant_path
from registrations.models import Registrant, RegistrantReminder, RegistrantStatus
from registrations.places import (
    CANCELLED_EMAIL,
    PLACE_EMAIL,
    RECORDING_EMAIL,
    REMINDER_EMAIL,
)
from registrations.reminders import still_due
from web.links import page_url


def _registrant(registrant_id):
    return (
        Registrant.objects.select_related("registration__event__topic")
        .filter(pk=registrant_id, erased_at__isnull=True)
        .first()
    )


def _context(registrant):
    """What every email says of the event, in the registrant's language."""
    language = registrant.language
    with translation.override(language):
        (event,) = attach_topics([registrant.registration.event])
        when = time_range(event.local_start, event.local_end)
    return {
        "registrant": registrant,
        "event": event,
        "title": event.display_title,
        "when": when,
        "own_page_url": in_language(language, registrant_path, registrant),
        "cancel_url": in_language(language, cancel_path, registrant),
    }


def _invitation(context, cancelled=False):
    registrant, event = context["registrant"], context["event"]
    with translation.override(registrant.language):
        invitation = event_invitation(event, context["own_page_url"])
    if cancelled:
        invitation = Invitation(**{**invitation.__dict__, "cancelled": True})
    return invitation


def _send_to(registrant, template, context):
    return render_message(
        f"registrations/emails/{template}",
        context,
        language=registrant.language,
        to=[registrant.email],
    )


def _remember_invited(registrant, sequence):
    Registrant.objects.filter(pk=registrant.pk).update(invited_sequence=sequence)


@email_kind(PLACE_EMAIL)
def build_place_email(registrant_id, reason="registered"):
    """Their place, with the event as a calendar invitation (REQUEST, the event's SEQUENCE);
    or, while they wait, their place on the waiting list, without one."""
    registrant = _registrant(registrant_id)
    if registrant is None or registrant.status == RegistrantStatus.CANCELLED:
        return None
    context = {**_context(registrant), "reason": reason}
    if registrant.status == RegistrantStatus.WAITING:
        return _send_to(registrant, "waiting", context)
    message = _send_to(registrant, "place", context)
    invitation = _invitation(context)
    _remember_invited(registrant, invitation.sequence)
    return attach_invitation(
        message, invitation, attendee=Person(registrant.email, registrant.name)
    )


@email_kind(CANCELLED_EMAIL)
def build_cancelled_email(registrant_id):
    """The cancellation; the event leaves the calendar of those who had it there (CANCEL)."""
    registrant = _registrant(registrant_id)
    if registrant is None or registrant.status != RegistrantStatus.CANCELLED:
        return None
    context = _context(registrant)
    message = _send_to(registrant, "cancelled", context)
    if registrant.invited_sequence is None:
        return message
    return attach_invitation(
        message,
        _invitation(context, cancelled=True),
        attendee=Person(registrant.email, registrant.name),
    )


@email_kind(REMINDER_EMAIL)
def build_reminder(reminder_id):
    reminder = (
        RegistrantReminder.objects.select_related("registrant__registration__event__topic")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None or not still_due(reminder):
        return None
    context = {**_context(reminder.registrant), "hours_before": reminder.hours_before}
    return _send_to(reminder.registrant, "reminder", context)


@email_kind(RECORDING_EMAIL)
def build_recording_email(registrant_id):
    registrant = _registrant(registrant_id)
    if registrant is None or not registrant.registration.event.recording_url:
        return None
    context = _context(registrant)
    context["recording_url"] = registrant.registration.event.recording_url
    with translation.override(registrant.language):
        context["events_page_url"] = PageLinks().events() or ""
        context["summary_urls"] = summary_urls(context["event"])
    return _send_to(registrant, "recording", context)


def summary_urls(event):
    """The public summary notes of the event, in the active language (the committee's)."""
    attach_summary_notes([event], Locale.get_active().pk, AnonymousUser())
    return [url for note in event.summary_note_list if (url := page_url(note))]
