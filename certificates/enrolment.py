"""Enrolment: the proposed participants of an accepted application join its cohort.

Each gets an account in the Participants group (an existing account with the same email is
reused) and an invitation, in their language, to set a password; no password is ever emailed.
Enrolling again changes nothing.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from applications.models import Application, ApplicationStatus
from certificates.models import Enrolment
from home.groups import PARTICIPANTS, ensure_groups


class NotAccepted(Exception):
    """Only accepted applications enrol participants."""


def _username_for(email):
    User = get_user_model()
    base = email.strip().lower()[:140]
    username, suffix = base, 1
    while User.objects.filter(username=username).exists():
        suffix += 1
        username = f"{base}-{suffix}"
    return username


def account_for(name, email):
    """The participant's account: the existing one with this email, or a new one without
    a usable password (they choose it from the invitation)."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email.strip()).order_by("pk").first()
    if user is None:
        first, _sep, last = name.strip().partition(" ")
        user = User(
            username=_username_for(email),
            email=email.strip(),
            first_name=first[:150],
            last_name=last[:150],
        )
        user.set_unusable_password()
        user.save()
    return user


@transaction.atomic
def enrol_application(application, by=None, notify=True):
    """Enrol the participants of an accepted application; return the enrolments created."""
    from certificates.emails import queue_invitation

    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.ACCEPTED:
        raise NotAccepted(application.reference)
    participants_group = ensure_groups()[PARTICIPANTS]
    created = []
    for participant in application.participants.all():
        user = account_for(participant.name, participant.email)
        user.groups.add(participants_group)
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
                queue_invitation(enrolment)
    return created


def enrol_cohort(cohort, by=None):
    """Enrol every accepted application of `cohort`; return the enrolments created."""
    created = []
    accepted = Application.objects.filter(cohort=cohort, status=ApplicationStatus.ACCEPTED)
    for application in accepted.order_by("submitted_at", "pk"):
        created.extend(enrol_application(application, by=by))
    return created


def display_slug(enrolment):
    """The holder's name as a file name ("jurgen-gross")."""
    return slugify(enrolment.name) or "participant"
