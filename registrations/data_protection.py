"""Registrants' personal data: kept as long as applicants' (APPLICATION_RETENTION_DAYS after the
event), then anonymised by the nightly prune (`prune_records`); erased earlier on request
(`manage.py erase_registrant_data`), and exported on request (`export_registrant_data`).

Anonymising keeps the row with what the counts need (the kind of organisation, the country,
the status and attendance) and removes the name, address, organisation and role. Queued emails
to the registrant are dropped with them. Only ids and counts are logged.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mail.tasks import forget_queued_emails
from registrations.models import Registrant, RegistrantReminder
from registrations.places import REGISTRANT_KINDS, REMINDER_EMAIL

logger = logging.getLogger(__name__)

ERASED = "erased"
ERASED_DOMAIN = "erased.invalid"


def retention_cutoff(now=None):
    return (now or timezone.now()) - datetime.timedelta(days=settings.APPLICATION_RETENTION_DAYS)


def expired_registrants(now=None):
    return Registrant.objects.not_erased().filter(
        registration__event__ends_at__lt=retention_cutoff(now)
    )


def anonymise(registrants, now=None):
    """Replace the personal data of `registrants` with neutral values; return how many."""
    now = now or timezone.now()
    ids = list(registrants.not_erased().values_list("pk", flat=True))
    with transaction.atomic():
        reminder_ids = RegistrantReminder.objects.filter(registrant_id__in=ids).values_list(
            "pk", flat=True
        )
        forget_queued_emails({REMINDER_EMAIL}, list(reminder_ids))
        forget_queued_emails(REGISTRANT_KINDS, ids)
        for registrant_id in ids:
            Registrant.objects.filter(pk=registrant_id).update(
                name=ERASED,
                email=f"{ERASED}-{registrant_id}@{ERASED_DOMAIN}",
                organisation=ERASED,
                role=ERASED,
                form_key=None,
                erased_at=now,
            )
    return len(ids)


def prune_registrants(now):
    """The nightly prune's part (web/pruning.py)."""
    count = anonymise(expired_registrants(now), now)
    if count:
        logger.info("Retention: anonymised %s registrant(s)", count)
    return {"registrants anonymised": count}


def registrants_of(email):
    return Registrant.objects.filter(email__iexact=(email or "").strip())


def export(email):
    """Everything stored about the registrant(s) with this address, as plain data."""
    return [
        {
            "event": str(registrant.registration.event),
            "name": registrant.name,
            "email": registrant.email,
            "organisation": registrant.organisation,
            "organisation_kind": registrant.organisation_kind,
            "country": registrant.country,
            "role": registrant.role,
            "language": registrant.language,
            "status": registrant.status,
            "registered_at": registrant.registered_at.isoformat(),
            "cancelled_at": registrant.cancelled_at.isoformat()
            if registrant.cancelled_at
            else None,
            "attended": registrant.attended,
            "consent": {
                "text_version": registrant.consent_version,
                "given_at": registrant.consented_at.isoformat()
                if registrant.consented_at
                else None,
            },
        }
        for registrant in registrants_of(email).select_related("registration__event")
    ]


def erase(email):
    """Erase on request: every registration with this address is anonymised."""
    count = anonymise(registrants_of(email))
    logger.info("Erasure on request: %s registrant(s)", count)
    return count
