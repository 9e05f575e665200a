"""The sitemap: valid by its schema, discoverable pages only, alternates in six languages."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from lxml import etree
from wagtail.models import PageViewRestriction

from programme.factories import CohortFactory, ProgrammePageFactory
from tests.conftest import LANGUAGE_CODES, publish_translation

pytestmark = pytest.mark.django_db

BASE = "https://aiforcities.example"
SCHEMA = Path(__file__).parent / "data" / "sitemap-with-alternates.xsd"
NAMESPACES = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


@pytest.fixture(autouse=True)
def public_base(settings):
    settings.BASE_URL = f"{BASE}/"


@pytest.fixture
def listed(site_tree):
    """A page in English and French, a draft, a members-only page and an alias (untranslated)."""
    ethics = ProgrammePageFactory(parent=site_tree.home, slug="ethics", title="Ethics")
    publish_translation(ethics, site_tree.locales["fr"], "Éthique")
    ProgrammePageFactory(parent=site_tree.home, slug="draft", title="Draft", live=False)
    members = ProgrammePageFactory(parent=site_tree.home, slug="members", title="Members")
    restriction = PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="Committee members")[0])
    untranslated = ProgrammePageFactory(parent=site_tree.home, slug="untranslated")
    untranslated.copy_for_translation(site_tree.locales["de"], alias=True)
    CohortFactory(slug="spain-2025", country="ES")
    return site_tree


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def alternates_by_location(tree):
    return {
        url.findtext("s:loc", namespaces=NAMESPACES): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("x:link[@rel='alternate']", namespaces=NAMESPACES)
        }
        for url in tree.findall("s:url", namespaces=NAMESPACES)
    }


def test_sitemap_is_valid_by_the_sitemaps_org_schema(listed, client):
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    tree = sitemap(client)
    assert schema.validate(tree), schema.error_log


def test_the_schema_check_can_fail(listed, client):
    """A location that is not a URL is refused, so the validation above means something."""
    tree = sitemap(client)
    tree.find("s:url/s:loc", namespaces=NAMESPACES).text = "/en/"
    assert not etree.XMLSchema(etree.parse(str(SCHEMA))).validate(tree)


def test_every_page_lists_its_languages_and_x_default_on_the_public_base(listed, client):
    urls = alternates_by_location(sitemap(client))
    about = urls[f"{BASE}/en/about/"]
    assert about == {
        **{code: f"{BASE}/{code}/about/" for code in LANGUAGE_CODES},
        "x-default": f"{BASE}/en/about/",
    }
    assert urls[f"{BASE}/fr/about/"] == about
    assert urls[f"{BASE}/en/ethics/"] == {
        "en": f"{BASE}/en/ethics/",
        "fr": f"{BASE}/fr/ethics/",
        "x-default": f"{BASE}/en/ethics/",
    }
    assert all(location.startswith(f"{BASE}/") for location in urls)


SPAIN_2025 = {
    "en": "spain-2025",
    "fr": "espagne-2025",
    "it": "spagna-2025",
    "nl": "spanje-2025",
    "de": "spanien-2025",
    "es": "espana-2025",
}


def test_cohort_pages_are_listed_in_every_language_at_their_address_in_it(listed, client):
    urls = alternates_by_location(sitemap(client))
    expected = {code: f"{BASE}/{code}/cohorts/{slug}/" for code, slug in SPAIN_2025.items()}
    for code in LANGUAGE_CODES:
        assert urls[expected[code]] == {**expected, "x-default": expected["en"]}, code
    assert f"{BASE}/de/cohorts/spain-2025/" not in urls


def test_no_draft_private_page_or_alias_is_listed(listed, client):
    assert client.get("/de/untranslated/").status_code == 200, "the alias is served"
    locations = alternates_by_location(sitemap(client))
    assert f"{BASE}/en/untranslated/" in locations
    for location, alternates in locations.items():
        for url in [location, *alternates.values()]:
            assert "/draft/" not in url
            assert "/members/" not in url
            assert url != f"{BASE}/de/untranslated/", "an alias is another page's copy"
