"""Queue the join-link reminders due before public events, and the recordings now published
(run by the reminders timer)."""

from django.core.management.base import BaseCommand

from registrations.places import recordings_due
from registrations.reminders import queue_due_reminders


class Command(BaseCommand):
    help = "Queue the reminders due a day and an hour before each event, and due recordings."

    def handle(self, *args, **options):
        reminders = queue_due_reminders()
        recordings = recordings_due()
        self.stdout.write(
            f"Queued {reminders} event reminder(s) and {recordings} recording email(s)."
        )
