"""The link to join, emailed to each registrant with a place one day and one hour before the
event (`send_event_reminders`, run by the reminders timer with the sessions' reminders).

A reminder goes once per registrant, event date and distance (`RegistrantReminder`); when both
are due at once (the timer was down) only the nearest goes; none goes once the event has
started; a moved event's new date gets its own. The email links to the registrant's own page,
where the link to join is: the join link itself never leaves the site in an email.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from mail.tasks import queue_email
from registrations.models import EventRegistration, Registrant, RegistrantReminder
from registrations.places import REMINDER_EMAIL

REMINDER_HOURS = (24, 1)


def due_reminder(event, now):
    """The nearest reminder (hours before) due for `event` at `now`, or None."""
    if now >= event.starts_at:
        return None
    due = [h for h in REMINDER_HOURS if event.starts_at - datetime.timedelta(hours=h) <= now]
    return min(due) if due else None


def queue_due_reminders(now=None):
    """Queue each reminder due now that has not gone yet; return how many were queued."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(hours=max(REMINDER_HOURS))
    registrations = EventRegistration.objects.filter(
        event__starts_at__gt=now, event__starts_at__lte=horizon
    ).select_related("event")
    queued = 0
    for registration in registrations:
        event = registration.event
        hours = due_reminder(event, now)
        if hours is None:
            continue
        reminded = RegistrantReminder.objects.filter(
            registrant__registration=registration,
            starts_at=event.starts_at,
            hours_before__lte=hours,
        ).values("registrant_id")
        waiting = (
            Registrant.objects.filter(registration=registration)
            .confirmed()
            .not_erased()
            .exclude(pk__in=reminded)
        )
        for registrant_id in waiting.values_list("pk", flat=True):
            queued += _queue(registrant_id, event, hours)
    return queued


def _queue(registrant_id, event, hours):
    try:
        with transaction.atomic():
            reminder = RegistrantReminder.objects.create(
                registrant_id=registrant_id, hours_before=hours, starts_at=event.starts_at
            )
            queue_email(REMINDER_EMAIL, reminder.pk)
    except IntegrityError:  # Another run queued it meanwhile.
        return 0
    return 1


def still_due(reminder, now=None):
    """The registrant still has a place, and the event still starts when the reminder said."""
    event = reminder.registrant.registration.event
    return (
        reminder.registrant.is_confirmed
        and reminder.registrant.erased_at is None
        and event.starts_at == reminder.starts_at
        and event.starts_at > (now or timezone.now())
    )
