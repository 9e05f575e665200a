"""Print, as JSON, everything stored about a registrant (a request for access)."""

import json

from django.core.management.base import BaseCommand

from registrations.data_protection import export


class Command(BaseCommand):
    help = "Print the event registrations made with this email address, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(export(options["email"]), ensure_ascii=False, indent=1))
