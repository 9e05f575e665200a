"""Compile the UI catalogues (.po → .mo) with polib (no GNU gettext needed): the project's
`locale/` and each installed app's own `locale/` directory."""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogue_dirs():
    dirs = [Path(locale_dir) for locale_dir in settings.LOCALE_PATHS]
    for app in apps.get_app_configs():
        app_locale = Path(app.path) / "locale"
        # Only the project's own apps: installed packages ship compiled catalogues (and may
        # live inside the project's .venv).
        own = settings.BASE_DIR in app_locale.parents and "site-packages" not in app_locale.parts
        if own and app_locale.is_dir():
            dirs.append(app_locale)
    return dirs


class Command(BaseCommand):
    help = "Compile the UI translation catalogues (.po) into .mo files."

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in catalogue_dirs():
            for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(mo_path))
                compiled += 1
        self.stdout.write(f"Compiled {compiled} translation catalogue(s).")
