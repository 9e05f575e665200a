"""Create the site's groups, their permissions and the member library; safe to run again."""

from django.core.management.base import BaseCommand

from members.groups import ensure_groups


class Command(BaseCommand):
    help = "Create Editors, Committee members and Participants with their permissions."

    def handle(self, *args, **options):
        groups = ensure_groups()
        self.stdout.write(f"Groups ready: {', '.join(sorted(groups))}.")
