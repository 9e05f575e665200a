"""Read a tar archive from standard input into a file store (deploy/restore calls it)."""

import sys

from django.core.management.base import BaseCommand

from web.media_archive import STORES, load


class Command(BaseCommand):
    help = "Put back the files of a tar archive (dump_media's) into the public or private store."

    def add_arguments(self, parser):
        parser.add_argument("store", choices=STORES)

    def handle(self, *args, **options):
        count = load(options["store"], sys.stdin.buffer)
        self.stdout.write(f"{options['store']}: {count} files restored")
