"""WSGI entry point (gunicorn aicities.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aicities.settings.production")

application = get_wsgi_application()
