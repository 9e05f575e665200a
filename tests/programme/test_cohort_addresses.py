"""A cohort's address is in the reader's language (#23): /de/…/deutschland-2026/, with the
country written out as the language writes it without its marks (België → belgie), and the
older addresses (the English slug in every language, as in emails already sent) answering a
permanent redirect to it."""

import datetime
import itertools

import pytest
from babel import Locale
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from home.slugs import transliterated_slug
from programme.cohort_slugs import COUNTRY_SLUGS, english_slug, localized_slug
from programme.factories import CohortFactory
from programme.facts import COUNTRIES
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

# What a reader of each language finds in the address bar for the demo's German cohort.
GERMANY_2026 = {
    "en": "germany-2026",
    "fr": "allemagne-2026",
    "it": "germania-2026",
    "nl": "duitsland-2026",
    "de": "deutschland-2026",
    "es": "alemania-2026",
}


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def listing(site_tree, code):
    return site_tree.translations[code]["cohorts"].url


@pytest.fixture
def germany(site_tree):
    return CohortFactory(slug="germany-2026", country="DE", with_sessions__confirmed=True)


# --- the words of the addresses ----------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_country_part_is_the_country_as_the_site_and_cldr_name_it(code):
    """The names are written out in code (an address must not move with a library's data):
    they are CLDR's, and the site's own name for the country, in address form."""
    cldr = Locale.parse(code).territories
    for country, name in COUNTRIES:
        with translation.override(code):
            shown = str(name)
        assert COUNTRY_SLUGS[country][code] == transliterated_slug(shown), (code, country)
        assert COUNTRY_SLUGS[country][code] == transliterated_slug(cldr[country]), (code, country)


def test_letters_with_marks_are_written_out_not_dropped():
    assert localized_slug("belgium-2026", "BE", "nl") == "belgie-2026"
    assert localized_slug("italy-2026", "IT", "nl") == "italie-2026"
    assert localized_slug("spain-2025-autumn", "ES", "es") == "espana-2025-autumn"
    assert localized_slug("netherlands-2026", "NL", "es") == "paises-bajos-2026"


def test_no_two_countries_can_be_read_from_one_address():
    """Every language's name of a country leads back to that country alone, whatever follows."""
    names = [(name, country) for country, names in COUNTRY_SLUGS.items() for name in names.values()]
    for (name, country), (other, other_country) in itertools.permutations(names, 2):
        if country != other_country:
            assert name != other and not other.startswith(f"{name}-"), (name, other)
    for country, code in itertools.product(COUNTRY_SLUGS, LANGUAGE_CODES):
        english = f"{COUNTRY_SLUGS[country]['en']}-2026-spring"
        localized = localized_slug(english, country, code)
        assert english_slug(localized) == english, (country, code)


def test_a_slug_an_editor_wrote_otherwise_is_the_same_in_every_language(site_tree, client):
    cohort = CohortFactory(slug="pilot-lyon", country="FR")
    assert {cohort.slug_in(code) for code in LANGUAGE_CODES} == {"pilot-lyon"}
    for code in LANGUAGE_CODES:
        assert client.get(f"{listing(site_tree, code)}pilot-lyon/").status_code == 200


# --- what a reader sees --------------------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_listing_links_to_the_cohort_at_its_address_in_the_language(
    site_tree, client, germany, code
):
    expected = f"{listing(site_tree, code)}{GERMANY_2026[code]}/"
    links = {a["href"] for a in soup_of(client.get(listing(site_tree, code))).select("main a")}
    assert expected in links

    response = client.get(expected)
    assert response.status_code == 200
    soup = soup_of(response)
    with translation.override(code):
        country, period = germany.get_country_display(), germany.period_label
    heading = soup.h1.get_text(" ", strip=True)
    assert country in heading and heading.endswith(period)
    assert soup.find("link", rel="canonical")["href"] == f"http://testserver{expected}"


@pytest.mark.parametrize("code", ["fr", "it", "nl", "de", "es"])
def test_the_english_address_leads_to_the_address_in_the_language(site_tree, client, germany, code):
    """An address from before they were translated, in a bookmark or an email already sent."""
    response = client.get(f"{listing(site_tree, code)}germany-2026/?utm_source=email")
    assert response.status_code == 301
    assert response["Location"] == (
        f"{listing(site_tree, code)}{GERMANY_2026[code]}/?utm_source=email"
    )


def test_another_languages_address_leads_to_the_address_in_this_one(site_tree, client, germany):
    response = client.get(f"{listing(site_tree, 'de')}allemagne-2026/")
    assert response.status_code == 301
    assert response["Location"] == f"{listing(site_tree, 'de')}deutschland-2026/"
    english = client.get(f"{listing(site_tree, 'en')}deutschland-2026/")
    assert english.status_code == 301
    assert english["Location"] == f"{listing(site_tree, 'en')}germany-2026/"


def test_an_unknown_cohort_is_not_found(site_tree, client, germany):
    assert client.get(f"{listing(site_tree, 'de')}deutschland-2031/").status_code == 404
    assert client.get(f"{listing(site_tree, 'de')}oesterreich-2026/").status_code == 404


def test_the_language_switcher_and_alternates_lead_to_each_languages_address(
    site_tree, client, germany
):
    soup = soup_of(client.get(f"{listing(site_tree, 'nl')}duitsland-2026/"))
    switcher = {a["hreflang"]: a["href"] for a in soup.select("a[hreflang]")}
    alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")}
    for code in LANGUAGE_CODES:
        expected = f"{listing(site_tree, code)}{GERMANY_2026[code]}/"
        assert switcher[code] == expected, code
        assert alternates[code] == f"http://testserver{expected}", code
    assert alternates["x-default"] == f"http://testserver{listing(site_tree, 'en')}germany-2026/"


def test_the_home_page_links_to_a_coming_cohort_at_its_address_in_the_language(site_tree, client):
    start = timezone.localdate() + datetime.timedelta(days=60)
    CohortFactory(
        slug="belgium-2030", country="BE", year=start.year, planned_start=start,
        planned_end=start + datetime.timedelta(days=60), applications_open_on=None,
        applications_close_on=None, with_sessions__confirmed=True,
    )  # fmt: skip
    page = client.get(site_tree.translations["nl"]["home"].url).content.decode()
    assert f'href="{listing(site_tree, "nl")}belgie-2030/"' in page
    assert "belgium-2030/" not in page


def test_the_redirect_is_not_kept_and_the_page_is(site_tree, client, germany, settings):
    settings.PAGE_CACHE_SECONDS = 600
    old, new = (
        f"{listing(site_tree, 'de')}{slug}/" for slug in ("germany-2026", "deutschland-2026")
    )
    for _ in range(2):
        assert client.get(old).status_code == 301
    assert client.get(new)["X-Page-Cache"] == "miss"
    assert client.get(new)["X-Page-Cache"] == "hit"
    assert client.get(old).status_code == 301


# --- the editor ---------------------------------------------------------------------------------


def test_two_cohorts_can_never_share_an_address(site_tree, germany):
    """An editor's own slug that is another cohort's address in one language is refused."""
    clash = CohortFactory.build(slug="duitsland-2026", country="DE")
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "slug" in error.value.message_dict
    assert "duitsland-2026" in error.value.message_dict["slug"][0]
    CohortFactory.build(slug="germany-2026-autumn", country="DE").full_clean()
