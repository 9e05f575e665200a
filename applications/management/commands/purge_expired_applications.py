"""Anonymise the applications kept past the retention period (run daily).

Prints counts only: never a name, an address or a reference.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from applications.data_protection import purge_expired


class Command(BaseCommand):
    help = (
        "Anonymise applications whose cohort ended more than APPLICATION_RETENTION_DAYS ago "
        "(contact person, participants' names and emails, motivation, letter)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what would be anonymised; change nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        counts = purge_expired(dry_run=dry_run)
        days = settings.APPLICATION_RETENTION_DAYS
        self.stdout.write(
            f"Retention period: {days} days after the cohort ends. "
            f"{counts['expired']} application(s) past it, "
            f"{counts['already_anonymised']} already anonymised."
        )
        pending = counts["expired"] - counts["already_anonymised"]
        if dry_run:
            self.stdout.write(
                f"Dry run: {pending} application(s) with {counts['participants']} "
                "participant(s) would be anonymised; nothing was changed."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Anonymised {counts['anonymised']} application(s) with "
                    f"{counts['participants']} participant(s)."
                )
            )
