"""Write a file store as a tar archive on standard output (deploy/backup calls it)."""

import sys

from django.core.management.base import BaseCommand

from web.media_archive import STORES, dump


class Command(BaseCommand):
    help = "Write the public media (default) or the private files (private) as a tar archive."

    def add_arguments(self, parser):
        parser.add_argument("store", choices=STORES)

    def handle(self, *args, **options):
        count = dump(options["store"], sys.stdout.buffer)
        self.stderr.write(f"{options['store']}: {count} files")
