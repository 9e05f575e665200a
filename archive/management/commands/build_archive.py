"""Write the static archive of the public site (archive/builder.py) into a folder."""

from django.core.management.base import BaseCommand, CommandError

from archive.builder import build


class Command(BaseCommand):
    help = "Write a static copy of the public site, certificates' verification included."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="where to write it (emptied first)")

    def handle(self, folder, **options):
        archive = build(folder)
        self.stdout.write(
            f"Archived {len(archive.written)} addresses as of {archive.made_on} in {folder}."
        )
        for path, status in sorted(archive.not_archived.items()):
            self.stdout.write(f"  not archived ({status}): {path}")
        if archive.broken_links:
            lines = [
                f"  {path} ({status}), linked from {page}"
                for path, (status, page) in sorted(archive.broken_links.items())
            ]
            raise CommandError(
                "Archived pages link to addresses the archive lacks:\n" + "\n".join(lines)
            )
