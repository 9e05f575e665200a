"""Queue the reminders due before the coming sessions (run hourly by a timer)."""

from django.core.management.base import BaseCommand

from certificates.reminders import queue_due_reminders


class Command(BaseCommand):
    help = "Queue the reminders due 7 days and 1 day before each confirmed session."

    def handle(self, *args, **options):
        queued = queue_due_reminders()
        self.stdout.write(f"Queued {queued} session reminder(s).")
