"""Print, as JSON, everything stored about one applicant (a subject access request)."""

import json

from django.core.management.base import BaseCommand

from applications.data_protection import export_applicant_data


class Command(BaseCommand):
    help = (
        "Export everything stored about one applicant, found by application reference or by "
        "email address, as JSON on standard output."
    )

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--reference", help="An application reference, e.g. AIC-2026-IT-0042.")
        who.add_argument("--email", help="The applicant's (or a participant's) email address.")

    def handle(self, *args, reference=None, email=None, **options):
        data = export_applicant_data(reference=reference, email=email)
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
        if not (data["applications"] or data["proposed_as_participant"] or data["opening_alerts"]):
            self.stderr.write("Nothing is stored for this reference or email address.")
