"""A checkout that runs the production site carries a marker, left by `deploy/manage` and the
release step. There, manage.py without the production environment (the development settings,
its default) refuses to create a SQLite database: a one-off command typed without
`deploy/manage` would otherwise run quietly against an empty db.sqlite3 beside the site.
Standard library only: deploy/manage imports it with the system's python3.
"""

from pathlib import Path

MARKER = Path(__file__).resolve().parent.parent / ".production-folder"


def mark():
    try:
        if not MARKER.exists():
            MARKER.write_text("Production folder: run manage.py through deploy/manage.\n")
    except OSError:
        pass  # a read-only checkout: whoever installed it marks it (deploy/README.md)


def is_production_folder():
    return MARKER.exists()
