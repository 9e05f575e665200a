"""The home page counts certified participants (valid certificates) against the target, with
a flat number of queries; the demo holds a completed cohort with certificates to verify."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.issuing import issue, revoke
from certificates.models import Certificate, Enrolment
from demo.loaders.certificates import DEMO_CODE, REVOKED_CODE
from tests.certificates.conftest import attend

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


def test_the_demo_has_a_completed_cohort_with_certificates(client, settings):
    call_command("load_demo_content", quiet_accounts=True)
    call_command("load_demo_content", quiet_accounts=True)  # idempotent
    assert Enrolment.objects.filter(cohort__slug="france-2025-spring").count() == 6
    assert Certificate.objects.count() == 6 and Certificate.objects.valid().count() == 5
    assert Certificate.objects.valid().filter(enrolment__user__username="participant").exists()
    names = set(Certificate.objects.valid().values_list("enrolment__name", flat=True))
    assert {"Élodie Lefèvre", "Jürgen Groß", "Núria Fàbregas", "Françoise Ĳsselmuiden"} <= names
    assert not Certificate.objects.filter(enrolment__name="Çağla Yılmaz").exists()  # missed one

    valid = client.get(f"/en/certificates/verify/{DEMO_CODE}/").content.decode()
    assert "This certificate is valid" in valid and "Élodie Lefèvre" in valid
    revoked = client.get(f"/fr/certificates/verify/{REVOKED_CODE}/").content.decode()
    assert "Ce certificat a été révoqué" in revoked
