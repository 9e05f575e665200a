"""The language switcher keeps what the reader was doing (#20, point 9): the cohort chosen on
the application form, and the private status page with its signed token."""

from urllib.parse import urlencode

import pytest
import time_machine
from bs4 import BeautifulSoup

from applications.factories import ApplicationFactory
from applications.status_links import status_token
from tests.applications.builders import DURING_WINDOW
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db


def switcher_links(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {a["hreflang"]: a["href"] for a in soup.select("nav.language-switcher a")}


def test_the_chosen_cohort_stays_chosen_in_every_language(apply_pages, italy, client):
    with time_machine.travel(DURING_WINDOW):
        links = switcher_links(client.get(f"{apply_pages['fr'].url}?cohort={italy.slug}&x=1"))
        for code in LANGUAGE_CODES:
            assert links[code] == f"{apply_pages[code].url}?cohort={italy.slug}", code
        followed = BeautifulSoup(client.get(links["it"]).content, "html.parser")
    assert followed.select_one('select[name="country"] option[selected]')["value"] == "IT"


def test_the_status_page_leads_to_the_same_status_page_in_every_language(
    apply_pages, italy, client
):
    application = ApplicationFactory(cohort=italy)
    token = status_token(application)
    status = apply_pages["de"].reverse_subpage("status")
    query = urlencode({"token": token})
    links = switcher_links(client.get(f"{apply_pages['de'].url}{status}?{query}"))
    for code in LANGUAGE_CODES:
        assert links[code] == f"{apply_pages[code].url}{status}?{query}", code
        page = client.get(links[code])
        assert application.reference in page.content.decode(), code


def test_a_page_keeps_no_query_it_does_not_understand(apply_pages, client):
    links = switcher_links(client.get(f"{apply_pages['es'].url}?utm_source=mail"))
    assert links["nl"] == apply_pages["nl"].url
