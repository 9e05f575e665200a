"""Decisions on applications: status changes that keep the seat count and the history right."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from applications.notifications import queue_status_email
from applications.records import Application, ApplicationStatus, ApplicationStatusChange
from programme.models import Cohort

DECISIONS = {
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.WAITLISTED,
    ApplicationStatus.DECLINED,
}


class NotEnoughSeats(Exception):
    pass


class NotDecidable(Exception):
    """The application was withdrawn, or its personal data erased: no decision, no email."""


def _move_seats(cohort_id, delta):
    """Add `delta` accepted participants; the database refuses to go past the cohort's seats."""
    try:
        with transaction.atomic():
            Cohort.objects.filter(pk=cohort_id).update(
                accepted_participants=F("accepted_participants") + delta
            )
    except IntegrityError as error:
        raise NotEnoughSeats(_("Not enough seats left in this cohort.")) from error


@transaction.atomic
def change_status(application, new_status, user=None, decline_reason=""):
    """Move an application to `new_status`; returns the change, or None if nothing changed.

    A decline records its reason (a `DeclineReason`, or "" when none was given); leaving
    "declined" empties it. The row is locked so two reviewers deciding at once are applied
    one after the other.
    """
    application = Application.objects.select_for_update().get(pk=application.pk)
    old_status = application.status
    if old_status == new_status:
        return None
    if application.is_erased:
        raise NotDecidable(application.reference)
    seats = application.participants.count()
    if new_status == ApplicationStatus.ACCEPTED:
        _move_seats(application.cohort_id, seats)
    elif old_status == ApplicationStatus.ACCEPTED:
        _move_seats(application.cohort_id, -seats)
    application.status = new_status
    application.decline_reason = decline_reason if new_status == ApplicationStatus.DECLINED else ""
    application.save(update_fields=["status", "decline_reason"])
    change = ApplicationStatusChange.objects.create(
        application=application,
        old_status=old_status,
        new_status=new_status,
        decline_reason=application.decline_reason,
        changed_by=user if user and user.is_authenticated else None,
    )
    queue_status_email(application, new_status)
    return change
