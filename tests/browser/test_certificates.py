"""The certificate verification page in a real browser: a code typed with the keyboard alone
gives the result, and axe-core finds no WCAG 2.1 A/AA violation, valid or not found; the
editor's screen of a cohort whose course has not ended refuses certificates and says why."""

import datetime

import pytest
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from certificates.calendar_rule import course_calendar
from certificates.enrolment import enrol_application
from certificates.issuing import issue
from programme.factories import CohortFactory
from programme.models import Cohort
from tests.browser.test_data_requests import sign_in_as
from tests.fixtures.certificates import attend, make_application

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


def test_an_editor_sees_why_certificates_cannot_be_issued_yet(
    page, live_server, editor, assert_accessible
):
    """A cohort whose sessions lie ahead: the editor, working in German, sees the issue button
    refused, the reason beside it (and as its description), and no box to tick for a session
    that has not started."""
    start = timezone.localdate() + datetime.timedelta(days=30)
    cohort = CohortFactory(
        country="BE",
        slug="belgium-2027",
        planned_start=start,
        planned_end=start + datetime.timedelta(days=60),
        applications_open_on=None,
        applications_close_on=None,
        with_sessions__confirmed=True,
    )
    enrol_application(make_application(cohort), notify=False)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.save()
    sign_in_as(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/certificates/cohort/{cohort.pk}/")

    with translation.override("de"):
        label = translation.gettext("Issue certificates to everyone who completed")
        reason = course_calendar(Cohort.objects.with_sessions().get(pk=cohort.pk)).why_not_ended()
    assert reason.startswith("Noch kein Zertifikat: Der letzte Termin endet am ")
    button = page.get_by_role("button", name=label)
    assert button.is_disabled()
    assert page.locator("#issue-refused").inner_text() == reason
    assert page.locator("#issue-refused").is_visible()
    description = button.evaluate(
        "b => document.getElementById(b.getAttribute('aria-describedby')).textContent"
    )
    assert description == reason
    boxes = page.locator("input[type=checkbox][id^=present-]")
    assert boxes.count() == 4 * 5
    assert all(boxes.nth(i).is_disabled() for i in range(boxes.count()))
    assert "Keine Anwesenheit vor Beginn des Termins" in page.inner_text("#attendance-form thead")
    assert_accessible(page)
