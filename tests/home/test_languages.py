"""Six languages: prefixed URLs, <html lang>, a switcher to the same page, hreflang alternates."""

import pytest
from bs4 import BeautifulSoup

from programme.factories import CohortFactory, ProgrammePageFactory
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

NATIVE_NAMES = {
    "en": "English",
    "fr": "Français",
    "it": "Italiano",
    "nl": "Nederlands",
    "de": "Deutsch",
    "es": "Español",
}
PAGE_KEYS = ["home", "about", "cohorts", "events"]


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def switcher_links(soup):
    nav = soup.select_one("nav.language-switcher")
    return {link["hreflang"]: link for link in nav.find_all("a")}


def hreflang_alternates(soup):
    return {
        link["hreflang"]: link["href"]
        for link in soup.find_all("link", rel="alternate")
        if link.get("hreflang")
    }


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_each_page_type_in_each_language(site_tree, client, key):
    for code in LANGUAGE_CODES:
        page = site_tree.translations[code][key]
        assert page.url.startswith(f"/{code}/")
        soup = soup_of(client.get(page.url))
        assert soup.html["lang"] == code

        links = switcher_links(soup)
        assert list(links) == LANGUAGE_CODES
        for other in LANGUAGE_CODES:
            link = links[other]
            assert link.get_text(strip=True) == NATIVE_NAMES[other]
            assert link["lang"] == other
            assert link["href"] == site_tree.translations[other][key].url
        assert links[code].get("aria-current") == "true"

        alternates = hreflang_alternates(soup)
        for other in LANGUAGE_CODES:
            assert alternates[other] == "http://testserver" + site_tree.translations[other][key].url
        assert alternates["x-default"] == alternates["en"]


ITALY_2026 = {
    "en": "italy-2026",
    "fr": "italie-2026",
    "it": "italia-2026",
    "nl": "italie-2026",
    "de": "italien-2026",
    "es": "italia-2026",
}


def test_cohort_page_switcher_leads_to_the_same_cohort_at_its_address_in_each_language(
    site_tree, client
):
    CohortFactory(slug="italy-2026", country="IT")
    url = f"{site_tree.translations['fr']['cohorts'].url}italie-2026/"
    soup = soup_of(client.get(url))
    assert soup.html["lang"] == "fr"
    links = switcher_links(soup)
    alternates = hreflang_alternates(soup)
    for code in LANGUAGE_CODES:
        expected = f"{site_tree.translations[code]['cohorts'].url}{ITALY_2026[code]}/"
        assert links[code]["href"] == expected
        assert alternates[code] == f"http://testserver{expected}"
        assert client.get(expected).status_code == 200


def test_untranslated_page_falls_back_to_nearest_translated_page(site_tree, client):
    only_english = ProgrammePageFactory(parent=site_tree.about, slug="annex", title="Annex")
    soup = soup_of(client.get(only_english.url))
    links = switcher_links(soup)
    assert links["en"]["href"] == only_english.url
    # No French annex yet: the French link leads to the French parent page, and says so.
    assert links["fr"]["href"] == site_tree.translations["fr"]["about"].url
    assert "title" in links["fr"].attrs
    alternates = hreflang_alternates(soup)
    assert set(alternates) == {"en", "x-default"}
    assert client.get("/fr/about/annex/").status_code == 404


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.5", "/fr/"),
        ("de-DE", "/de/"),
        ("nl-BE,nl;q=0.8", "/nl/"),
        ("it", "/it/"),
        ("es-ES,es;q=0.9", "/es/"),
        ("ja-JP,ja;q=0.9", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(site_tree, client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_language_names_switch_on_non_page_views(site_tree, client):
    soup = soup_of(client.get("/de/search/?q=x"))
    assert soup.html["lang"] == "de"
    assert switcher_links(soup)["fr"]["href"].startswith("/fr/search/")
