"""Shared fixtures: a site in six languages with the programme's page tree."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page, Site

from home.bootstrap import ensure_locales
from home.factories import HomePageFactory
from programme.factories import (
    CohortIndexPageFactory,
    EventIndexPageFactory,
    ProgrammePageFactory,
)
from programme.models import session_date_changed

pytest_plugins = ["tests.accounts"]

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


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


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
def locales(db):
    return ensure_locales()


def publish_translation(page, locale, title):
    translated = page.copy_for_translation(locale, copy_parents=False)
    translated.title = title
    translated.save_revision().publish()
    return translated.specific.__class__.objects.get(pk=translated.pk)


@pytest.fixture
def site_tree(locales):
    """Home, an about page, the cohort listing and the events page, in all six languages."""
    return build_site_tree(locales)


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
