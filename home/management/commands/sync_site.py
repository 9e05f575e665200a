"""Make the Wagtail Site record follow BASE_URL (host name, port), so that every address
Wagtail builds itself matches the site's one public base address. Safe to run again."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail.models import Site


class Command(BaseCommand):
    help = "Point the default Wagtail site at BASE_URL's host name and port."

    def handle(self, *args, **options):
        base = urlsplit(settings.BASE_URL)
        port = base.port or (443 if base.scheme == "https" else 80)
        updated = Site.objects.filter(is_default_site=True).update(
            hostname=base.hostname, port=port
        )
        self.stdout.write(
            f"Default site set to {base.hostname}:{port}." if updated else "No site yet."
        )
