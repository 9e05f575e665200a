"""The home page counts certified participants (valid certificates) against the target, with
a flat number of queries."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.issuing import issue, revoke
from certificates.models import Certificate
from tests.fixtures.certificates import attend

pytestmark = pytest.mark.django_db


def certified_figure(page):
    figure = BeautifulSoup(page, "html.parser").select_one(".figure-certified")
    return " ".join(figure.get_text(" ").split()).split(" :")[0]


def home_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.content.decode(), len(captured)


def test_home_counts_valid_certificates_against_the_target(client, site_tree, enrolments):
    url = site_tree.translations["fr"]["home"].url
    page, before = home_queries(client, url)
    # A plain count, not a ratio that reads like a failure rate ("0 / 175").
    assert certified_figure(page) == "0 participant certifié à ce jour"
    assert "/ 175" not in page

    for enrolment in enrolments.values():
        attend(enrolment)
        issue(enrolment, notify=False)
    revoke(Certificate.objects.first(), "Issued by mistake")

    page, after = home_queries(client, url)
    assert certified_figure(page) == "3 participants certifiés à ce jour"
    assert after == before
