"""What the outbox tells staff: how many emails failed for good (shown on the dashboard)."""

from mail.models import OutgoingEmail

# Who may see the outbox in the admin (editors, through members.groups).
VIEW_OUTBOX_PERMISSION = "mail.view_outgoingemail"


def undelivered_count():
    """Emails that failed after every retry and wait for staff: one query."""
    return OutgoingEmail.objects.undelivered().count()
