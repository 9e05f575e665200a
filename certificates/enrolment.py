"""Enrolment: the proposed participants of an accepted application join its cohort.

Each gets an account in the Participants group (an existing account with the same email is
reused) and an invitation, in their language, to set a password (no password is ever emailed),
then a calendar invitation per session (`certificates.invitations`).
Enrolling again changes nothing.
"""

from django.db import transaction

from applications.models import Application, ApplicationStatus
from certificates.invitations import queue_session_invitations
from certificates.models import Enrolment
from home.slugs import transliterated_slug
from mail.tasks import queue_email
from members.accounts import participant_account

INVITATION_EMAIL = "certificates.invitation"


class NotAccepted(Exception):
    """Only accepted applications enrol participants."""


@transaction.atomic
def enrol_application(application, by=None, notify=True):
    """Enrol the participants of an accepted application; return the enrolments created."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.ACCEPTED:
        raise NotAccepted(application.reference)
    if application.is_erased:
        return []  # Its participants' names and addresses are gone: nobody to enrol or invite.
    created = []
    for participant in application.participants.all():
        user = participant_account(participant.name, participant.email)
        enrolment, is_new = Enrolment.objects.get_or_create(
            cohort_id=application.cohort_id,
            user=user,
            defaults={
                "application": application,
                "name": participant.name,
                "email": participant.email,
                "position": participant.position,
                "service": participant.service,
                "language": application.language,
                "enrolled_by": by if by and by.is_authenticated else None,
            },
        )
        if is_new:
            created.append(enrolment)
            if notify:
                queue_email(INVITATION_EMAIL, enrolment.pk)
                queue_session_invitations(enrolment)
    return created


def enrol_cohort(cohort, by=None):
    """Enrol every accepted application of `cohort`; return the enrolments created."""
    created = []
    accepted = Application.objects.filter(cohort=cohort, status=ApplicationStatus.ACCEPTED)
    for application in accepted.order_by("submitted_at", "pk"):
        created.extend(enrol_application(application, by=by))
    return created


def display_slug(enrolment):
    """The holder's name as a file name ("juergen-gross")."""
    return transliterated_slug(enrolment.name) or "participant"
