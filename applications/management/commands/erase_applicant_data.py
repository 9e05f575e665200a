"""Erase one applicant's personal data on request (right to erasure)."""

from django.core.management.base import BaseCommand, CommandError

from applications.data_protection import erase, export_applicant_data


class Command(BaseCommand):
    help = (
        "Erase one applicant's personal data, found by application reference or by email: "
        "their applications are anonymised (statistics and seats stay right), their name and "
        "email are removed from other applications and their opening alerts are deleted."
    )

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--reference", help="An application reference, e.g. AIC-2026-IT-0042.")
        who.add_argument("--email", help="The applicant's (or a participant's) email address.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask for confirmation (for scripts)."
        )

    def handle(self, *args, reference=None, email=None, yes=False, **options):
        found = export_applicant_data(reference=reference, email=email)
        applications = [a for a in found["applications"] if not a["anonymised"]]
        others = found["proposed_as_participant"]
        alerts = found["opening_alerts"]
        if not (applications or others or alerts):
            self.stdout.write("Nothing to erase for this reference or email address.")
            return
        self.stdout.write(
            f"This erases the personal data of {len(applications)} application(s) "
            f"({', '.join(a['reference'] for a in applications) or 'none'}), "
            f"{len(others)} participant row(s) in other applications and "
            f"{len(alerts)} opening alert(s). It cannot be undone."
        )
        if not yes and input("Type 'yes' to continue: ").strip().lower() != "yes":
            raise CommandError("Nothing was erased.")
        counts = erase(reference=reference, email=email)
        self.stdout.write(
            self.style.SUCCESS(
                f"Erased: {counts['applications']} application(s), "
                f"{counts['participant_rows']} participant row(s) in other applications, "
                f"{counts['opening_alerts']} opening alert(s)."
            )
        )
