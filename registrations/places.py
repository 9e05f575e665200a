"""Places at an event: registering (a place, or the waiting list once the event is full),
cancelling, and giving a freed place to the first on the waiting list.

Each change happens in one transaction with the event's registration row locked, so two people
sending the form at the same moment for the last place get one place and one waiting-list rank,
and every email about the change is queued in that same transaction (`mail.tasks`).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from mail.limits import may_email
from mail.tasks import queue_email
from registrations.models import (
    CONSENT_VERSION,
    EventRegistration,
    Registrant,
    RegistrantStatus,
)

PLACE_EMAIL = "registrations.place"
CANCELLED_EMAIL = "registrations.cancelled"
REMINDER_EMAIL = "registrations.reminder"
RECORDING_EMAIL = "registrations.recording"
REGISTRANT_KINDS = {PLACE_EMAIL, CANCELLED_EMAIL, RECORDING_EMAIL}

# Why a registrant gets the place email (its words change with the reason).
REGISTERED = "registered"
PROMOTED = "promoted"
MOVED = "moved"


def is_full(registration, confirmed=None):
    if registration.capacity is None:
        return False
    if confirmed is None:
        confirmed = registration.registrants.confirmed().count()
    return confirmed >= registration.capacity


def queue_place_email(registrant, reason):
    queue_email(PLACE_EMAIL, registrant.pk, reason=reason)


@transaction.atomic
def register(registration, data, *, form_key, language, spam_check_done=False):
    """Register the person `data` describes; return (registrant, whether it is new).

    The same address again for the same event finds the first registrant: nothing is stored,
    and their own email goes again within the address's share of emails (`may_email`), so the
    answer on the page says nothing of who registered.
    """
    registration = EventRegistration.objects.select_for_update().get(pk=registration.pk)
    same_form = Registrant.objects.filter(form_key=form_key).first()
    if same_form is not None:
        return same_form, False
    email = data["email"].strip()
    earlier = registration.registrants.filter(email__iexact=email).first()
    if earlier is not None and earlier.status != RegistrantStatus.CANCELLED:
        if may_email(email):
            queue_place_email(earlier, REGISTERED)
        return earlier, False
    registrant = earlier or Registrant(registration=registration)
    for field in ("name", "organisation", "organisation_kind", "country", "role"):
        setattr(registrant, field, data[field])
    registrant.email = email
    registrant.language = language
    registrant.status = (
        RegistrantStatus.WAITING if is_full(registration) else RegistrantStatus.CONFIRMED
    )
    registrant.registered_at = timezone.now()
    registrant.cancelled_at = None
    registrant.consent_version = CONSENT_VERSION
    registrant.consented_at = timezone.now()
    registrant.spam_check_done = spam_check_done
    registrant.form_key = form_key
    registrant.save()
    if may_email(email):
        queue_place_email(registrant, REGISTERED)
    return registrant, True


@transaction.atomic
def cancel(registrant):
    """Cancel the registrant's place (or rank); a freed place goes to the first waiting.
    Return the registrant; cancelling twice changes nothing."""
    registration = EventRegistration.objects.select_for_update().get(pk=registrant.registration_id)
    registrant = Registrant.objects.get(pk=registrant.pk)
    if registrant.status == RegistrantStatus.CANCELLED:
        return registrant
    registrant.status = RegistrantStatus.CANCELLED
    registrant.cancelled_at = timezone.now()
    registrant.save(update_fields=["status", "cancelled_at"])
    queue_email(CANCELLED_EMAIL, registrant.pk)
    fill_free_places(registration)
    return registrant


def fill_free_places(registration, now=None):
    """Give free places to the waiting list in order, each promoted registrant emailed; none
    once the event has started. Call inside a transaction holding the registration's lock."""
    if (now or timezone.now()) >= registration.event.starts_at:
        return []
    confirmed = registration.registrants.confirmed().count()
    free = None if registration.capacity is None else registration.capacity - confirmed
    waiting = registration.registrants.waiting()
    promoted = list(waiting if free is None else waiting[: max(free, 0)])
    for registrant in promoted:
        registrant.status = RegistrantStatus.CONFIRMED
        registrant.save(update_fields=["status"])
        queue_place_email(registrant, PROMOTED)
    return promoted


@transaction.atomic
def settings_changed(registration):
    """After editors save the settings: more places may free some for the waiting list."""
    registration = EventRegistration.objects.select_for_update().get(pk=registration.pk)
    return fill_free_places(registration)


def queue_date_updates(event):
    """Registrants with a place whose calendar holds an older SEQUENCE get the event again."""
    registration = EventRegistration.objects.filter(event=event).first()
    if registration is None:
        return 0
    behind = registration.registrants.confirmed().exclude(invited_sequence=event.sequence)
    behind = behind.filter(invited_sequence__isnull=False)
    count = 0
    for registrant in behind:
        queue_place_email(registrant, MOVED)
        count += 1
    return count


def queue_recording(registration, now=None):
    """Once the event is over and its recording published: the registrants who attended (or,
    when no attendance was recorded, everyone with a place) get it, once."""
    now = now or timezone.now()
    event = registration.event
    if registration.recording_sent_at or not event.recording_url or event.ends_at > now:
        return 0
    with transaction.atomic():
        locked = EventRegistration.objects.select_for_update().get(pk=registration.pk)
        if locked.recording_sent_at:
            return 0
        people = locked.registrants.confirmed().not_erased()
        if people.filter(attended=True).exists():
            people = people.filter(attended=True)
        ids = list(people.values_list("pk", flat=True))
        for registrant_id in ids:
            queue_email(RECORDING_EMAIL, registrant_id)
        locked.recording_sent_at = now
        locked.save(update_fields=["recording_sent_at"])
    registration.recording_sent_at = now
    return len(ids)


RECORDING_HORIZON = datetime.timedelta(days=365)


def recordings_due(now=None):
    """Send every recording now due (run by the hourly timer, and when an event is saved)."""
    now = now or timezone.now()
    due = EventRegistration.objects.filter(
        recording_sent_at__isnull=True,
        event__ends_at__lte=now,
        event__ends_at__gte=now - RECORDING_HORIZON,
    ).exclude(event__recording_url="")
    return sum(queue_recording(registration, now) for registration in due.select_related("event"))
