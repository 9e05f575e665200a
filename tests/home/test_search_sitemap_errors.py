"""Search in the reader's language, robots.txt and translated errors (the sitemap: test_sitemap)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import PageViewRestriction, Site

from home.models import ContactSettings
from home.views import server_error
from programme.factories import CohortFactory, ProgrammePageFactory
from tests.conftest import publish_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def searchable(site_tree):
    """A public page in English and French, and a members-only page."""
    public = ProgrammePageFactory(
        parent=site_tree.home, slug="ethics", title="Ethics of urban surveillance"
    )
    french = publish_translation(public, site_tree.locales["fr"], "Éthique de la surveillance")
    private = ProgrammePageFactory(
        parent=site_tree.home, slug="members", title="Members surveillance notes"
    )
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="Committee members")[0])
    return {"public": public, "french": french, "private": private}


def result_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h3.get_text(strip=True) for h3 in soup.select("ul.results h3")]


def test_search_finds_pages_in_the_current_language_only(searchable, client):
    english = result_titles(client.get("/en/search/?q=surveillance"))
    assert english == ["Ethics of urban surveillance"]
    french = result_titles(client.get("/fr/search/?q=surveillance"))
    assert french == ["Éthique de la surveillance"]


def test_search_never_shows_restricted_pages(searchable, client):
    assert "Members surveillance notes" not in client.get("/en/search/?q=members").content.decode()


def test_search_lists_cohorts_by_country_name_in_the_readers_language(site_tree, client):
    CohortFactory(country="DE", slug="germany-2026")
    response = client.get("/de/search/?q=deutschland")
    assert (
        f"{site_tree.translations['de']['cohorts'].url}deutschland-2026/"
        in response.content.decode()
    )


def test_search_lists_cohorts_by_venue_whatever_the_accents(site_tree, client):
    cohort = CohortFactory(country="BE", slug="belgium-2026")
    cohort.sessions.filter(position=5).update(venue="Hôtel de Ville de Liège")
    CohortFactory(country="FR", slug="france-2026")
    page = client.get("/fr/search/?q=liege").content.decode()
    cohorts = site_tree.translations["fr"]["cohorts"].url
    assert f"{cohorts}belgique-2026/" in page
    assert f"{cohorts}france-2026/" not in page


@pytest.mark.parametrize(
    "query", ["", "%", "a" * 5000, "<script>alert(1)</script>", "ünïcödé ☃", "AND OR NOT"]
)
def test_search_survives_odd_input(site_tree, client, query):
    response = client.get("/en/search/", {"q": query, "page": "999"})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("en", "Page not found"),
        ("fr", "Page introuvable"),
        ("de", "Seite nicht gefunden"),
        ("es", "Página no encontrada"),
        ("it", "Pagina non trovata"),
        ("nl", "Pagina niet gevonden"),
    ],
)
def test_404_is_translated(site_tree, client, code, title):
    response = client.get(f"/{code}/no-such-page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == code
    assert soup.h1.get_text(strip=True) == title


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("en", "Something went wrong"),
        ("fr", "Un problème est survenu"),
        ("de", "Es ist ein Fehler aufgetreten"),
    ],
)
def test_500_is_translated_and_needs_no_database(code, title, django_assert_num_queries):
    request = RequestFactory().get(f"/{code}/")
    with translation.override(code), django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == code
    assert soup.h1.get_text(strip=True) == title


def test_error_pages_give_the_contact_address(site_tree, client):
    ContactSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"manager_name": "Claire Dumont", "manager_email": "programme@efus.example"},
    )
    missing = BeautifulSoup(client.get("/fr/nulle-part/").content, "html.parser")
    assert missing.select_one('main a[href="mailto:programme@efus.example"]')
    assert missing.select_one("main a[href='/fr/']")
    # The 500 page reads no database: the contact comes from the cache the 404 filled.
    request = RequestFactory().get("/fr/")
    with translation.override("fr"):
        error = BeautifulSoup(server_error(request).content, "html.parser")
    assert error.select_one('main a[href="mailto:programme@efus.example"]')
    assert error.select_one("header .brand-name") and error.select_one("footer.site-footer")


def test_under_debug_a_missing_page_is_the_sites_404(site_tree, client, settings):
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "home.debug_pages.SiteNotFoundPageMiddleware"]
    response = client.get("/de/gibt-es-nicht/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Seite nicht gefunden"
    assert soup.select_one("header.site-header")
