"""Pages say things once: the home page's heading is not the brand the header shows, a heading
with nothing under it is not shown, and the search page has one search box."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

HEADLINES = {
    "en": "Artificial intelligence for urban security: free training for cities",
    "de": (
        "Künstliche Intelligenz für die urbane Sicherheit: eine kostenlose Fortbildung für Städte"
    ),
}


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("code", HEADLINES)
def test_the_home_heading_says_what_the_programme_is(site_tree, client, code):
    soup = soup_of(client, site_tree.translations[code]["home"].url)
    assert soup.h1.get_text(strip=True) == HEADLINES[code]
    assert soup.select_one(".brand-name").get_text(strip=True) not in soup.h1.get_text()


def test_no_coming_cohorts_no_heading(site_tree, client):
    soup = soup_of(client, site_tree.translations["en"]["home"].url)
    assert soup.find(id="cohorts-title") is None
    assert "Coming cohorts" not in soup.get_text()


def test_the_search_page_has_one_search_box(site_tree, client):
    soup = soup_of(client, "/fr/search/?q=ville")
    assert len(soup.select('input[type="search"]')) == 1
    assert len(soup.select('[role="search"]')) == 1
