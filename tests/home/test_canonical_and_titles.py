"""Every document names its canonical URL on the public base; titles never repeat the site name."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from programme.factories import CohortFactory, ProgrammePageFactory
from tests.conftest import LANGUAGE_CODES, TITLES

pytestmark = pytest.mark.django_db

BASE = "https://aiforcities.example"


@pytest.fixture(autouse=True)
def public_base(settings):
    settings.BASE_URL = BASE


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


def canonical(client, url):
    links = head(client, url).find_all("link", rel="canonical")
    assert len(links) == 1
    return links[0]["href"]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_home_page_title_is_its_own_title_alone(site_tree, client, code):
    assert head(client, f"/{code}/").title.string == TITLES["home"][code]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_page_title_is_followed_by_the_site_name(site_tree, client, code):
    title = head(client, f"/{code}/about/").title.string
    assert title == f"{TITLES['about'][code]} – AI for Cities"


def test_seo_title_replaces_the_title(site_tree, client):
    site_tree.about.seo_title = "What the programme offers"
    site_tree.about.save_revision().publish()
    assert head(client, "/en/about/").title.string == "What the programme offers – AI for Cities"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_each_page_is_canonical_at_its_own_address_on_the_public_base(site_tree, client, code):
    assert canonical(client, f"/{code}/") == f"{BASE}/{code}/"
    assert canonical(client, f"/{code}/about/") == f"{BASE}/{code}/about/"


def test_cohort_route_is_canonical_at_its_own_address(site_tree, client):
    CohortFactory(slug="spain-2025", country="ES")
    url = "/fr/cohorts/espagne-2025/"
    assert canonical(client, url) == f"{BASE}{url}"


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("?utm_source=newsletter", ""),
        ("?page=2", "?page=2"),
        ("?page=2&utm_source=newsletter", "?page=2"),
        ("?page=1", ""),
        ("?page=0", ""),
        ("?page=abc", ""),
        ("?page=²", ""),
    ],
)
def test_query_strings_drop_except_a_result_page_number(site_tree, client, query, kept):
    assert canonical(client, f"/en/about/{query}") == f"{BASE}/en/about/{kept}"


def test_search_results_are_canonical_at_the_search_page(site_tree, client):
    assert canonical(client, "/fr/search/?q=cohorte") == f"{BASE}/fr/search/"


def test_an_alias_points_to_its_original(site_tree, client):
    original = ProgrammePageFactory(parent=site_tree.home, slug="untranslated")
    original.copy_for_translation(site_tree.locales["de"], alias=True)
    assert canonical(client, "/de/untranslated/") == f"{BASE}/en/untranslated/"


def test_a_cohort_under_an_untranslated_listing_points_to_its_original_address(site_tree, client):
    site_tree.translations["de"]["cohorts"].delete()
    site_tree.cohorts.copy_for_translation(site_tree.locales["de"], alias=True)
    CohortFactory(slug="germany-2026", country="DE")
    url = "/de/cohorts/deutschland-2026/"
    assert canonical(client, url) == f"{BASE}/en/cohorts/germany-2026/"


def test_views_that_are_not_pages_have_a_canonical_link(site_tree, client):
    with translation.override("nl"):
        url = reverse("members:login")
    assert canonical(client, f"{url}?next=/nl/") == f"{BASE}{url}"


def test_language_alternates_use_the_public_base(site_tree, client):
    alternates = head(client, "/it/about/").find_all("link", rel="alternate")
    assert {link["href"] for link in alternates} == {
        f"{BASE}/{code}/about/" for code in LANGUAGE_CODES
    }


SHARE_LOCALES = {
    "en": "en_GB",
    "fr": "fr_FR",
    "it": "it_IT",
    "nl": "nl_NL",
    "de": "de_DE",
    "es": "es_ES",
}


def share(soup, key):
    return [tag["content"] for tag in soup.find_all("meta", attrs={"property": key})]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_share_preview_names_the_locale_and_the_other_translations(site_tree, client, code):
    soup = head(client, f"/{code}/about/")
    assert share(soup, "og:locale") == [SHARE_LOCALES[code]]
    others = {SHARE_LOCALES[other] for other in LANGUAGE_CODES if other != code}
    assert set(share(soup, "og:locale:alternate")) == others


def test_share_preview_address_and_image_are_on_the_public_base(site_tree, client):
    soup = head(client, "/nl/about/?utm_source=newsletter")
    assert share(soup, "og:url") == [f"{BASE}/nl/about/"]
    assert share(soup, "og:url") == [soup.find("link", rel="canonical")["href"]]
    [image] = share(soup, "og:image")
    assert image.startswith(f"{BASE}/static/") and image.endswith(".png")


def test_a_cohort_page_shares_its_own_title_not_the_listings(site_tree, client):
    CohortFactory(slug="spain-2025", country="ES")
    response = client.get("/es/cohorts/espana-2025/")
    soup = BeautifulSoup(response.content, "html.parser")
    [title] = share(soup.head, "og:title")
    assert title == soup.h1.get_text(strip=True)
    assert title != site_tree.translations["es"]["cohorts"].title


def test_the_page_not_found_names_no_canonical_address(site_tree, client):
    response = client.get("/de/no-such-page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser").head
    assert soup.find("link", rel="canonical") is None
    assert share(soup, "og:url") == []
