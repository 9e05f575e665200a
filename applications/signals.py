"""Applicants of a cohort are told by email when one of its confirmed dates changes."""

from django.dispatch import receiver

from applications.notifications import queue_date_change_emails
from programme.models import session_date_changed


@receiver(session_date_changed, dispatch_uid="applications.date_change")
def tell_applicants(sender, change, **kwargs):
    queue_date_change_emails(change)
