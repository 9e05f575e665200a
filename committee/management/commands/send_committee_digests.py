"""Queue the committee's weekly digests (run weekly by a timer)."""

from django.core.management.base import BaseCommand

from committee.notices import send_digests


class Command(BaseCommand):
    help = "Queue the weekly digest of the committee's news for each member who chose it."

    def handle(self, *args, **options):
        queued = send_digests()
        self.stdout.write(f"Queued {queued} committee digest(s).")
