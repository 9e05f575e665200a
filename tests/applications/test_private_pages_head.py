"""A page reached through a private token (the status link) names no canonical address: its
address without the token answers 404. Search engines are told to leave it out."""

import pytest
from bs4 import BeautifulSoup

from applications.factories import ApplicationFactory
from applications.status_links import status_token

pytestmark = pytest.mark.django_db


def test_the_status_page_names_no_canonical_address(client, apply_pages, italy, settings):
    settings.BASE_URL = "https://aiforcities.example"
    application = ApplicationFactory(cohort=italy)
    page = apply_pages["it"]
    status = page.url + page.reverse_subpage("status")
    response = client.get(f"{status}?token={status_token(application)}")
    assert response.status_code == 200
    assert application.reference in response.content.decode()
    head = BeautifulSoup(response.content, "html.parser").head
    assert head.find("link", rel="canonical") is None
    assert head.find("meta", attrs={"property": "og:url"}) is None
    assert response["X-Robots-Tag"] == "noindex"
    assert "public" not in response["Cache-Control"]
    # What the canonical link used to name is indeed no page.
    assert client.get(status).status_code == 404
