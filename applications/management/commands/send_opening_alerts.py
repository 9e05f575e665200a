"""Email everyone waiting for a window that is now open, once, then forget them (run daily)."""

from django.core.management.base import BaseCommand

from applications.alerts import send_opening_alerts
from programme.models import Cohort


class Command(BaseCommand):
    help = "Queue the 'applications are open' emails for countries whose window is open."

    def handle(self, *args, **options):
        open_countries = {
            cohort.country
            for cohort in Cohort.objects.with_sessions()
            if cohort.is_open_for_applications
        }
        queued = send_opening_alerts(open_countries)
        self.stdout.write(f"Queued {queued} opening alert(s).")
