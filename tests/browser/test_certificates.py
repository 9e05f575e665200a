"""The certificate verification page in a real browser: a code typed with the keyboard alone
gives the result, and axe-core finds no WCAG 2.1 A/AA violation, valid or not found."""

import pytest

from certificates.enrolment import enrol_application
from certificates.issuing import issue
from programme.factories import CohortFactory
from tests.certificates.conftest import attend, make_application

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MAX_TABS = 40


@pytest.fixture
def certificate(site_tree):
    cohort = CohortFactory(slug="france-2025-spring", with_sessions__confirmed=True)
    application = make_application(cohort, people=[("Françoise Ĳsselmuiden", "f@example.be")])
    (enrolment,) = enrol_application(application, notify=False)
    attend(enrolment)
    return issue(enrolment, notify=False)


def tab_to(page, element_id):
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} not reached with {MAX_TABS} presses of Tab")


def submit(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_verification_by_keyboard_and_accessible(page, live_server, certificate, assert_accessible):
    page.goto(f"{live_server.url}/fr/certificates/verify/")
    assert_accessible(page)

    tab_to(page, "id_code")
    page.keyboard.type(certificate.code.lower().replace("-", " "))
    submit(page)
    result = page.locator("main .verification-result")
    assert "Ce certificat est valide" in result.inner_text()
    assert "Françoise Ĳsselmuiden" in result.inner_text()
    assert_accessible(page)

    tab_to(page, "id_code")
    page.keyboard.press("Control+A")
    page.keyboard.type("ZZZZ-ZZZZ-ZZZZ-ZZZZ")
    submit(page)
    assert "Aucun certificat trouvé" in page.locator("main .verification-result").inner_text()
    assert "Françoise" not in page.locator("main").inner_text()
    assert_accessible(page)

    tab_to(page, "id_code")
    page.keyboard.press("Control+A")
    page.keyboard.type("abc")
    submit(page)
    field = page.locator("#id_code")
    assert field.get_attribute("aria-invalid") == "true"
    assert "id_code_error" in field.get_attribute("aria-describedby")
    assert_accessible(page)


def test_the_qr_code_address_opens_the_result_in_the_holders_language(
    page, live_server, certificate, assert_accessible
):
    page.goto(f"{live_server.url}/de/certificates/verify/{certificate.code}/")
    assert "Dieses Zertifikat ist gültig" in page.locator("main").inner_text()
    assert page.locator("html").get_attribute("lang") == "de"
    assert_accessible(page)
