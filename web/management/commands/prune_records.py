"""Delete what the site keeps only for a while: expired sessions, finished task results, old
sign-in records (see web/pruning.py). Exits with an error if any part failed, so the timer's
unit shows it; the other parts still ran."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from web.pruning import prune


class Command(BaseCommand):
    help = "Delete expired sessions, finished task results and old sign-in records."

    def handle(self, *args, **options):
        deleted, failed = prune(timezone.now())
        for what, count in sorted(deleted.items()):
            self.stdout.write(f"{what}: {count} deleted")
        if failed:
            raise CommandError(f"Pruning failed for: {', '.join(failed)} (see the log above).")
