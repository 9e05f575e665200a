"""Load in the gunicorn master what every worker would otherwise load on its first requests,
so that the forked workers share it (gunicorn.conf.py)."""

from django.conf import settings
from django.db import connections
from django.template import engines
from django.urls import get_resolver
from django.utils import translation

# The templates of the public pages: compiled once, shared by every worker.
PUBLIC_TEMPLATES = [
    "base.html",
    "home/home_page.html",
    "programme/programme_page.html",
    "programme/cohort_index_page.html",
    "programme/cohort_page.html",
    "programme/event_index_page.html",
    "applications/application_page.html",
    "404.html",
]


def warm_up():
    len(get_resolver().url_patterns)  # imports every view module, builds the URL patterns
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")  # loads this language's catalogue
    for engine in engines.all():
        for name in PUBLIC_TEMPLATES:
            engine.get_template(name)
    # Nothing above should have opened a connection; a connection shared by forked workers
    # would mix their conversations with the database.
    connections.close_all()
