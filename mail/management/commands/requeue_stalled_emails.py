"""Queue again the emails a dead worker left behind (run every few minutes, and at start-up)."""

from django.core.management.base import BaseCommand

from mail.tasks import requeue_stalled


class Command(BaseCommand):
    help = "Queue again emails claimed by a worker that died, or whose task was lost."

    def handle(self, *args, **options):
        count = requeue_stalled()
        self.stdout.write(f"{count} stalled emails queued again.")
