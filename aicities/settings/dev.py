"""Development settings: debug on, console email, demo content allowed."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from aicities.production_folder import is_production_folder

from .base import *  # noqa: F403
from .base import DATABASES, env_bool

DEBUG = env_bool("DEBUG", True)
# A missing page shows the site's 404 page, as in production (Django's technical 500 stays).
if DEBUG:
    MIDDLEWARE = [*MIDDLEWARE, "home.debug_pages.SiteNotFoundPageMiddleware"]  # noqa: F405
DEMO_CONTENT_ALLOWED = True

# WhiteNoise serves straight from the apps' static folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

_database = DATABASES["default"]
if (
    is_production_folder()
    and _database["ENGINE"].endswith("sqlite3")
    and not Path(_database["NAME"]).exists()
):
    raise ImproperlyConfigured(
        "This folder runs the production site, and this command has not read its environment "
        "(it would create a development SQLite database here). Run it as "
        "`sudo deploy/manage <command>`, which reads /etc/aicities/aicities.env."
    )
