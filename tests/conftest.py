"""Shared fixtures: a site in six languages with the programme's page tree.

Building the six-language page tree takes seconds, so it is built once per test module, inside a
transaction that is rolled back when the module ends (`kept_for_the_module`); each test runs in a
savepoint within it (pytest-django's `db`) and gets fresh copies of the pages, so tests stay
independent. A module with transactional tests (the browser, live servers) cannot share an open
transaction: there each test builds its own tree, as before.
"""

import contextlib
import functools
import os
import sqlite3
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, Site

from home.bootstrap import ensure_locales
from home.factories import HomePageFactory
from home.indexing import indexed_once
from programme.factories import (
    CohortIndexPageFactory,
    EventIndexPageFactory,
    ProgrammePageFactory,
)
from programme.models import session_date_changed
from tests.production.servers import migrate_postgres
from web.fragments import PARTS

pytest_plugins = [
    "tests.accounts",
    "tests.fixtures.applications",
    "tests.fixtures.certificates",
    "tests.fixtures.committee",
]

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
TRANSLATED_CODES = [code for code in LANGUAGE_CODES if code != "en"]

TITLES = {
    "home": {
        "en": "AI for Cities",
        "fr": "AI for Cities – accueil",
        "it": "AI for Cities – pagina iniziale",
        "nl": "AI for Cities – startpagina",
        "de": "AI for Cities – Startseite",
        "es": "AI for Cities – inicio",
    },
    "about": {
        "en": "About the programme",
        "fr": "À propos du programme",
        "it": "Il programma",
        "nl": "Over het programma",
        "de": "Über das Programm",
        "es": "Sobre el programa",
    },
    "cohorts": {
        "en": "Cohorts and dates",
        "fr": "Cohortes et dates",
        "it": "Gruppi e date",
        "nl": "Groepen en data",
        "de": "Kohorten und Termine",
        "es": "Grupos y fechas",
    },
    "events": {
        "en": "Events",
        "fr": "Événements",
        "it": "Eventi",
        "nl": "Evenementen",
        "de": "Veranstaltungen",
        "es": "Eventos",
    },
}


# Layers that start servers of their own or read only files, and the demo loader's checks (tens
# of seconds of page building that no database engine changes): CI runs them on SQLite
# (`-m runs_once`) and the rest on PostgreSQL (`-m "not runs_once"`).
RUNS_ONCE = {"archive", "browser", "demo", "deploy", "faults", "production", "standards"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        parts = item.path.relative_to(config.rootpath).parts
        in_a_run_once_layer = len(parts) > 2 and parts[0] == "tests" and parts[1] in RUNS_ONCE
        # A test of such a layer that needs PostgreSQL runs in CI's PostgreSQL pass instead.
        if in_a_run_once_layer and item.get_closest_marker("postgresql") is None:
            item.add_marker(pytest.mark.runs_once)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    PARTS.clear()  # the parts of pages kept in this process (web/fragments.py)
    yield
    cache.clear()
    PARTS.clear()


@pytest.fixture(autouse=True)
def english_by_default():
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def date_change_receivers_kept():
    """Whatever a test connects to or disconnects from `session_date_changed`, the next test
    finds the apps' own receivers (the date-change email) in place, in any test order."""
    saved = list(session_date_changed.receivers)
    yield
    with session_date_changed.lock:
        session_date_changed.receivers = saved
        session_date_changed.sender_receivers_cache.clear()


@pytest.fixture
def migrated_to():
    """Moves the test database's schema to the given migrations and returns that state's apps;
    afterwards the schema is back at every app's latest migration, whatever the test did, so
    later tests (and the backup test's health check) find no migration unapplied."""

    def migrate(targets):
        executor = MigrationExecutor(connection)
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    yield migrate
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def queries_on_second_visit(client, url):
    """The queries of a page's second request (the first warms per-process caches: site root
    paths, content types), which must answer 200."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def locales(db):
    return ensure_locales()


def publish_translation(page, locale, title):
    translated = page.copy_for_translation(locale, copy_parents=False)
    translated.title = title
    translated.save_revision().publish()
    return translated.specific.__class__.objects.get(pk=translated.pk)


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    return bool(transactional) or "transactional_db" in getattr(item, "fixturenames", ())


def module_has_transactional_tests(request):
    """Whether any test of the requesting module commits (and so flushes the database)."""
    return any(
        _is_transactional(item)
        for item in request.session.items
        if getattr(item, "module", None) is request.module
    )


@contextlib.contextmanager
def kept_for_the_module(django_db_blocker):
    """Database access for a module-scoped fixture whose rows live until the module ends, in a
    transaction that is then rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """pytest-django's test database. On SQLite, also a file copy of it as the migrations have
    just left it, which this fixture gives: the tests that start servers on a SQLite file of
    their own copy it (tests/production/conftest.py) instead of migrating again (half a minute
    each); elsewhere None."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield None
        return
    copy = tmp_path_factory.mktemp("migrated") / "migrated.sqlite3"
    with django_db_blocker.unblock(), contextlib.closing(sqlite3.connect(copy)) as target:
        connection.ensure_connection()
        connection.connection.backup(target)
    yield copy


@pytest.fixture(scope="session")
def migrated_postgres(tmp_path_factory):
    """`migrated_postgres(environment, postgres)`: a private PostgreSQL cluster's database
    migrated, by `manage.py migrate` once in the whole test run and from its dump after that
    (tests/production/servers.py). The dump lies in the run's temporary folder, which every
    pytest-xdist process of the run shares (each has its own folder inside it)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    return functools.partial(migrate_postgres, shared_folder=shared)


@pytest.fixture(scope="module")
def site_world(request, django_db_setup, django_db_blocker):
    """The site tree built once for the module (None where the module has transactional
    tests, which build their own)."""
    if module_has_transactional_tests(request):
        yield None
        return
    with kept_for_the_module(django_db_blocker):
        yield build_site_tree(ensure_locales())


@pytest.fixture
def site_tree(site_world, locales):
    """Home, an about page, the cohort listing and the events page, in all six languages."""
    if site_world is None:
        return build_site_tree(locales)
    return fresh_copy(site_world)


def fresh_copy(tree):
    """The same tree read again from the database: a test that changes a page in memory (a
    title, treebeard's child count) never leaves its changes to the next test."""
    pages = {
        page.pk: page
        for page in Page.objects.filter(
            pk__in=[page.pk for pages in tree.translations.values() for page in pages.values()]
        ).specific()
    }
    translations = {
        code: {key: pages[page.pk] for key, page in keyed.items()}
        for code, keyed in tree.translations.items()
    }
    return SimpleNamespace(
        locales=ensure_locales(), translations=translations, **translations["en"]
    )


@indexed_once()
def build_site_tree(locales):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for page in Page.objects.filter(depth=2):
        page.delete()
    home = HomePageFactory(parent=root, locale=locales["en"], title=TITLES["home"]["en"])
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    pages = {
        "home": home,
        "about": ProgrammePageFactory(
            parent=home, slug="about", title=TITLES["about"]["en"], show_in_menus=True
        ),
        "cohorts": CohortIndexPageFactory(parent=home, show_in_menus=True),
        "events": EventIndexPageFactory(parent=home, show_in_menus=True),
    }
    translations = {"en": pages}
    for code in TRANSLATED_CODES:
        translations[code] = {}
        for key in ["home", "about", "cohorts", "events"]:
            translations[code][key] = publish_translation(
                pages[key], locales[code], TITLES[key][code]
            )
    return SimpleNamespace(locales=locales, translations=translations, **pages)
