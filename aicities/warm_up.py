"""Load in the gunicorn master what every worker would otherwise load on its first requests,
so that the forked workers share it (gunicorn.conf.py)."""

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.template import engines
from django.urls import get_resolver
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin

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


def routable_page_resolvers():
    """Each routable page class's own URL resolver, built on its class at first use.

    Wagtail 8.0.1 (wagtail/contrib/routable_page/models.py) builds it lazily:
    `get_resolver` stores `cls._routablepage_urlresolver` while `get_subpage_urls` of another
    thread iterates `cls.__dict__`, and the first concurrent requests to a fresh worker fail
    with "RuntimeError: dictionary changed size during iteration" (#20). Upstream race, to
    report to wagtail/wagtail (no report found there yet): RoutablePageMixin.get_resolver is
    not thread-safe under threaded workers. Built here, in the master before the workers
    fork, no request ever builds one.
    """
    return [
        model.get_resolver() for model in apps.get_models() if issubclass(model, RoutablePageMixin)
    ]


def warm_up():
    resolvers = [get_resolver(), *routable_page_resolvers()]
    len(resolvers[0].url_patterns)  # imports every view module, builds the URL patterns
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")  # loads this language's catalogue
            for resolver in resolvers:
                # Django fills a resolver's reverse look-up per language, on first use.
                len(resolver.reverse_dict)
    for engine in engines.all():
        for name in PUBLIC_TEMPLATES:
            engine.get_template(name)
    # Nothing above should have opened a connection; a connection shared by forked workers
    # would mix their conversations with the database.
    connections.close_all()
