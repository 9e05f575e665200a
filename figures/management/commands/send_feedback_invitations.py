"""Invite the participants of the sessions that ended to give feedback (aicities-feedback.timer)."""

from django.core.management.base import BaseCommand

from figures.feedback import send_invitations


class Command(BaseCommand):
    help = "Queue the feedback invitations of the sessions that have ended."

    def handle(self, *args, **options):
        queued = send_invitations()
        self.stdout.write(f"{queued} feedback invitation(s) queued.")
