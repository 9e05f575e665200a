"""Calendar invitations to enrolled participants: one per session, moved and cancelled with it.

On enrolment each participant gets an invitation (iTIP REQUEST, `mail.invitations`) for every
session whose date is confirmed; each later change of a session's date (confirmed, moved,
cancelled, reinstated, back to be confirmed) sends them the session again with its new
SEQUENCE, so their calendar moves the event or removes it. That one email also tells them
what changed: the applicants' date-change email (`applications.notifications`) skips their
addresses, so nobody hears of one change twice.
"""

from certificates.models import Enrolment
from mail.tasks import queue_email

SESSION_INVITATION = "certificates.session_invitation"


def queue_session_invitations(enrolment):
    """One invitation per session of the enrolment's cohort already in calendars."""
    sessions = enrolment.cohort.sessions.filter(
        is_confirmed=True, is_cancelled=False, starts_at__isnull=False
    )
    for session_id in sessions.values_list("pk", flat=True):
        queue_email(SESSION_INVITATION, enrolment.pk, session_id=session_id)


def queue_change_invitations(change):
    """The changed session, again, to every participant of its cohort."""
    for enrolment_id in Enrolment.objects.filter(cohort_id=change.cohort_id).values_list(
        "pk", flat=True
    ):
        queue_email(
            SESSION_INVITATION, enrolment_id, session_id=change.session_id, change_id=change.pk
        )


def invited_addresses(change):
    """Who hears of `change` through their invitation (the cohort's participants)."""
    return set(Enrolment.objects.filter(cohort_id=change.cohort_id).values_list("email", flat=True))
