"""An open cohort says "Apply" where people look: the home page, the cohort listing and the
cohort's own page link to the application page in the reader's language with that cohort
chosen; a cohort whose window is not open has no such link."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from programme.factories import CohortFactory
from tests.applications.builders import DURING_WINDOW
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db


@pytest.fixture
def spain():
    """Open at the same time as Italy: the link must say which one."""
    return CohortFactory(country="ES", slug="spain-2026", delivery_languages=["es"])


@pytest.fixture
def germany():
    """Applications not open yet."""
    return CohortFactory(
        country="DE",
        slug="germany-2026",
        applications_open_on=datetime.date(2026, 5, 1),
        applications_close_on=datetime.date(2026, 6, 1),
        planned_start=datetime.date(2026, 9, 1),
        planned_end=datetime.date(2026, 10, 30),
    )


def links(client, url):
    with time_machine.travel(DURING_WINDOW):
        response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in soup.select("a[href]")]


def apply_link(apply_pages, code, cohort):
    return f"{apply_pages[code].url}?cohort={cohort.slug}"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_cohort_listing_links_each_open_cohort_to_its_application(
    site_tree, apply_pages, italy, spain, germany, client, code
):
    found = links(client, site_tree.translations[code]["cohorts"].url)
    assert apply_link(apply_pages, code, italy) in found
    assert apply_link(apply_pages, code, spain) in found
    assert not [href for href in found if "cohort=germany" in href]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_an_open_cohort_page_links_to_its_application(
    site_tree, apply_pages, italy, germany, client, code
):
    listing = site_tree.translations[code]["cohorts"].url
    assert apply_link(apply_pages, code, italy) in links(client, f"{listing}{italy.slug_in(code)}/")
    closed = links(client, f"{listing}{germany.slug_in(code)}/")
    assert not [href for href in closed if "cohort=" in href]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_home_page_uses_the_same_link(site_tree, apply_pages, italy, client, code):
    found = links(client, site_tree.translations[code]["home"].url)
    assert apply_link(apply_pages, code, italy) in found


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_link_chooses_the_cohort_on_the_form(apply_pages, italy, spain, client, code):
    with time_machine.travel(DURING_WINDOW):
        response = client.get(apply_link(apply_pages, code, spain))
    soup = BeautifulSoup(response.content, "html.parser")
    checked = soup.select('input[name="cohort"][checked]')
    assert [radio["value"] for radio in checked] == [str(spain.pk)]
    assert soup.select_one('select[name="country"] option[selected]')["value"] == "ES"


def test_an_unknown_or_closed_cohort_in_the_address_chooses_nothing(
    apply_pages, italy, spain, germany, client
):
    for slug in ["germany-2026", "no-such-cohort", ""]:
        with time_machine.travel(DURING_WINDOW):
            response = client.get(apply_pages["en"].url, {"cohort": slug})
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select('input[name="cohort"][checked]') == []
