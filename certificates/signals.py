"""Enrolled participants' calendars follow every recorded change of their sessions' dates."""

from django.dispatch import receiver

from certificates.invitations import queue_change_invitations
from programme.models import session_date_recorded


@receiver(session_date_recorded, dispatch_uid="certificates.session_invitations")
def invite_again(sender, change, **kwargs):
    queue_change_invitations(change)
