"""The site frame's design: share tags, icons, the compact header's markup, the footer's legal
pages in the reader's language, the readable sitemap and the staff-only pattern page."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import Site

from home.models import ContactSettings, SitemapPage
from home.templatetags.site_tags import initials
from programme.factories import ProgrammePageFactory
from tests.conftest import publish_translation

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def meta(soup, key):
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag and tag["content"]


def test_each_page_shares_its_title_and_an_image_of_its_type(site_tree, client):
    home = soup_of(client.get(site_tree.translations["fr"]["home"].url))
    cohorts = soup_of(client.get(site_tree.translations["fr"]["cohorts"].url))
    assert meta(home, "og:title") == site_tree.translations["fr"]["home"].title
    assert meta(home, "og:locale") == "fr_FR"
    assert meta(home, "og:image").endswith("/static/img/share/home.png")
    assert meta(cohorts, "og:image").endswith("/static/img/share/cohorts.png")
    assert meta(cohorts, "twitter:card") == "summary_large_image"
    assert meta(cohorts, "description")
    assert home.find("link", rel="manifest") and home.find("link", rel="apple-touch-icon")


def test_the_header_works_without_javascript(site_tree, client):
    soup = soup_of(client.get(site_tree.translations["de"]["about"].url))
    link = soup.select_one("a.menu-link")
    assert link["href"] == "#site-menu" and soup.select_one("#site-menu .main-nav")
    button = soup.select_one("button.menu-button")
    assert button.has_attr("hidden") and button["aria-expanded"] == "false"
    assert button["aria-controls"] == "site-menu"
    current = soup.select(".main-nav a[aria-current=page]")
    assert [a.get_text(strip=True) for a in current] == [
        site_tree.translations["de"]["about"].title
    ]
    assert soup.select_one(".language-switcher details summary")
    assert soup.select_one("a.search-link")["href"] == "/de/search/"


@pytest.fixture
def footer_pages(site_tree, locales):
    home = site_tree.home
    legal = ProgrammePageFactory(parent=home, slug="legal-notice", title="Legal notice")
    publish_translation(legal, locales["fr"], "Mentions légales")
    sitemap = SitemapPage(title="Sitemap", slug="sitemap")
    home.add_child(instance=sitemap)
    sitemap.save_revision().publish()
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.manager_name = "Claire"
    contact.manager_email = "team@example.org"
    contact.legal_notice_page = legal
    contact.sitemap_page = sitemap
    contact.save()
    return {"legal": legal, "sitemap": sitemap}


def test_the_footer_links_its_pages_in_the_readers_language(footer_pages, site_tree, client):
    soup = soup_of(client.get(site_tree.translations["fr"]["home"].url))
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".site-footer a")}
    assert links["Mentions légales"].startswith("/fr/")
    # Not translated yet: the English sitemap page stands in.
    assert links["Sitemap"] == "/en/sitemap/"


EFUS_IN = {
    "en": "Efus – European Forum for Urban Security",
    "fr": "Efus – Forum européen pour la sécurité urbaine",
    "it": "Efus – Forum europeo per la sicurezza urbana",
    "nl": "Efus – Europees Forum voor Stedelijke Veiligheid",
    "de": "Efus – Europäisches Forum für urbane Sicherheit",
    "es": "Efus – Foro Europeo para la Seguridad Urbana",
}


@pytest.mark.parametrize("code", list(EFUS_IN))
def test_the_footer_names_efus_in_the_readers_language(footer_pages, site_tree, client, code):
    soup = soup_of(client.get(site_tree.translations[code]["home"].url))
    link = soup.select_one(".site-footer a[href='https://efus.eu']")
    assert link.get_text(strip=True) == EFUS_IN[code]
    assert not link.select("[lang]")


def test_an_organisation_name_without_translations_is_marked_as_english(
    footer_pages, site_tree, client
):
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.organisation_name = "Urban Security Network"
    contact.save()
    french = soup_of(client.get(site_tree.translations["fr"]["home"].url))
    marked = french.select_one(".site-footer a[href='https://efus.eu'] [lang]")
    assert marked["lang"] == "en" and marked.get_text() == "Urban Security Network"
    english = soup_of(client.get(site_tree.translations["en"]["home"].url))
    assert not english.select(".site-footer a[href='https://efus.eu'] [lang]")


def test_the_sitemap_page_lists_public_pages_as_a_tree(footer_pages, site_tree, client):
    soup = soup_of(client.get("/en/sitemap/"))
    titles = [a.get_text(strip=True) for a in soup.select(".sitemap-tree a")]
    assert site_tree.translations["en"]["about"].title in titles
    assert site_tree.translations["fr"]["about"].title not in titles
    assert soup.select_one(".sitemap-tree > ul > li > ul"), "pages are not nested under home"


def test_the_pattern_page_is_for_staff_only(site_tree, client, settings):
    settings.DEBUG = False
    assert client.get("/en/patterns/").status_code == 404
    staff = get_user_model().objects.create_user("staff", is_staff=True)
    client.force_login(staff)
    soup = soup_of(client.get("/en/patterns/"))
    for component in [
        ".steps",
        ".badge-application-accepted",
        ".verification-result--revoked",
        ".button--warning",
        ".cohort-table",
        ".banner",
        ".error-summary",
    ]:
        assert soup.select_one(component), component


def test_initials_for_avatars():
    assert initials("Ana María López") == "AL"
    assert initials("Zoë") == "Z"
    assert initials("") == ""
