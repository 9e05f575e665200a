"""Outcome pages on a 320×640 phone: a certificate's verdict, a withdrawal and a missing page
say their outcome in the page title and in the first screen, and put the focus on it, so a
screen reader announces it first. (The application's confirmation: test_application_form.)"""

import pytest
from django.conf import settings

from applications.emails import status_url
from certificates.issuing import revoke
from tests.browser.conftest import PHONE_SCREEN, assert_outcome_announced
from tests.browser.test_application_status import application  # noqa: F401 (a fixture)
from tests.browser.test_certificates import certificate  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_certificates_verdict_comes_first(page, live_server, certificate):  # noqa: F811
    page.set_viewport_size(PHONE_SCREEN)
    verify = f"{live_server.url}/en/certificates/verify"
    page.goto(f"{verify}/{certificate.code}/")
    assert_outcome_announced(page, "This certificate is valid")
    revoke(certificate, "Attendance recorded by mistake")
    page.goto(f"{verify}/{certificate.code}/")
    assert_outcome_announced(page, "This certificate has been revoked")
    page.goto(f"{verify}/?code=AAAA-BBBB-CCCC-DDDD")
    assert_outcome_announced(page, "No certificate found")


def test_a_withdrawal_says_so_first(page, live_server, application):  # noqa: F811
    page.set_viewport_size(PHONE_SCREEN)
    page.goto(status_url(application).replace(settings.BASE_URL, live_server.url))
    page.get_by_label("Ich möchte diese Bewerbung zurückziehen.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Zurückziehen").click()
    assert_outcome_announced(page, "Ihre Bewerbung wurde zurückgezogen.")


def test_a_missing_page_says_so_first(page, live_server, site_tree):
    page.set_viewport_size(PHONE_SCREEN)
    response = page.goto(f"{live_server.url}/de/gibt-es-nicht/")
    assert response.status == 404
    assert_outcome_announced(page, "Seite nicht gefunden")
