"""Search per language on PostgreSQL: word forms, accents, never a page of another language."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from wagtail.search.backends import get_search_backend

from home.search import backend_name, clean_query, search_pages
from programme.factories import ProgrammePageFactory
from tests.conftest import publish_translation

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="stemming and accent folding need PostgreSQL text search; SQLite matches words as typed",
)

# language → (what the page says, a form of the same word a reader types)
WORD_FORMS = {
    "en": ("The sessions are recorded for participants", "recording"),
    "fr": ("La formation est gratuite pour les villes", "gratuit"),
    "it": ("Le sessioni sono registrate per i partecipanti", "registrata"),
    "nl": ("De bijeenkomsten worden opgenomen voor deelnemers", "bijeenkomst"),
    "de": ("Die Sitzungen werden für die Teilnehmenden aufgezeichnet", "Sitzung"),
    "es": ("Las sesiones quedan grabadas para los participantes", "grabada"),
}


@pytest.fixture(scope="module")
def pages_in_six_languages(site_world, django_db_blocker):
    """One page per language tree, written in that language, with the city of Liège; built
    once for the module, in its transaction, and indexed as each is published."""
    with django_db_blocker.unblock():
        english = ProgrammePageFactory(
            parent=site_world.home,
            slug="recordings",
            title="Recordings",
            intro=f"{WORD_FORMS['en'][0]}, from Liège.",
        )
        pages = {"en": english}
        for code, (sentence, _form) in WORD_FORMS.items():
            if code == "en":
                continue
            page = publish_translation(english, site_world.locales[code], f"Page {code}")
            page.intro = f"{sentence}, de Liège."
            page.save_revision().publish()
            pages[code] = page
    return pages


def titles(client, code, query):
    response = client.get(f"/{code}/search/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [h3.get_text(strip=True) for h3 in soup.select("ul.results h3")]


def test_each_language_has_its_backend_on_postgres_and_one_otherwise():
    if connection.vendor == "postgresql":
        assert [backend_name(code) for code, _name in settings.LANGUAGES] == [
            "default",
            "fr",
            "it",
            "nl",
            "de",
            "es",
        ]
        assert get_search_backend("fr").config == "french_unaccent"
    else:
        assert {backend_name(code) for code, _name in settings.LANGUAGES} == {"default"}


@on_postgres
@pytest.mark.parametrize("code", list(WORD_FORMS))
def test_a_word_form_finds_its_page_in_each_language(pages_in_six_languages, client, code):
    _sentence, form = WORD_FORMS[code]
    assert titles(client, code, form) == [pages_in_six_languages[code].title]


@on_postgres
@pytest.mark.parametrize("code", list(WORD_FORMS))
def test_liege_without_its_accent_finds_liege(pages_in_six_languages, client, code):
    assert titles(client, code, "Liege") == [pages_in_six_languages[code].title]
    assert titles(client, code, "LIÈGE") == [pages_in_six_languages[code].title]


@on_postgres
@pytest.mark.parametrize("code", list(WORD_FORMS))
def test_a_page_never_appears_in_another_languages_results(pages_in_six_languages, code):
    locale = pages_in_six_languages[code].locale
    for other, (_sentence, form) in WORD_FORMS.items():
        found = search_pages(form, locale)
        assert all(page.locale_id == locale.pk for page in found)
        if other != code:
            assert pages_in_six_languages[other] not in found


@on_postgres
def test_each_page_is_indexed_with_its_own_languages_configuration(pages_in_six_languages):
    """The French page's row holds French stems, not the last backend's (wagtail/wagtail#9253)."""
    french = pages_in_six_languages["fr"]
    body = str(french.index_entries.get().body)
    assert "'gratuit'" in body
    assert "'lieg'" in body
    assert "'pour'" not in body, "a French stop word, kept by the other languages' configurations"


@on_postgres
def test_update_index_rebuilds_every_language(pages_in_six_languages, client):
    pages_in_six_languages["fr"].index_entries.all().delete()
    assert titles(client, "fr", "gratuit") == []
    call_command("update_index", verbosity=0)
    for code, (_sentence, form) in WORD_FORMS.items():
        assert titles(client, code, form) == [pages_in_six_languages[code].title]


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("\x00", ""),
        ("Lie\u00adge", "Liege"),
        ("gratuit\x00e", "gratuit e"),
        ("  formation\t\ngratuite ", "formation gratuite"),
    ],
)
def test_queries_lose_control_characters(raw, cleaned):
    assert clean_query(raw) == cleaned


@pytest.mark.parametrize(
    "query", ["\x00", "a\x00b", "'", "\\", ":*", "!", "&|", "(", "'':*", "\x1b[31m", "Liège\ufeff"]
)
def test_search_never_fails_on_junk(pages_in_six_languages, client, query):
    for code in ["en", "fr"]:
        response = client.get(f"/{code}/search/", {"q": query, "page": "2"})
        # Control characters are refused before the view (400); anything else gets a clean page.
        has_control = any(ord(character) < 32 for character in query)
        assert response.status_code == (400 if has_control else 200)
