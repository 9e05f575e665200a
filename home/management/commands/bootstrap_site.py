"""Make a fresh database a site: locales, home pages, sections as drafts (safe to run again)."""

from django.core.management.base import BaseCommand

from home.bootstrap import bootstrap_site


class Command(BaseCommand):
    help = "Create the six languages, the home pages and the main sections (drafts) if missing."

    def handle(self, *args, **options):
        home = bootstrap_site()
        drafts = home.get_descendants().filter(live=False).count()
        self.stdout.write(
            f"Site ready: home page in {home.get_translations(inclusive=True).count()} languages, "
            f"{drafts} section pages waiting to be written and published."
        )
