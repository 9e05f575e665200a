"""Erase a registrant's personal data on request (every event they registered for)."""

from django.core.management.base import BaseCommand

from registrations.data_protection import erase


class Command(BaseCommand):
    help = "Anonymise every event registration made with this email address."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, **options):
        count = erase(options["email"])
        self.stdout.write(f"Erased {count} registration(s).")
