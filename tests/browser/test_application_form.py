"""A city official applies in French with the keyboard only; the form, its error state and the
confirmation page pass axe-core's WCAG 2.1 A and AA rules."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone
from django_recaptcha.client import RecaptchaResponse

from applications.models import Application, ApplicationPage
from programme.factories import CohortFactory
from tests.conftest import publish_translation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MAX_TABS = 80

ACTIVE = """() => {
    const el = document.activeElement;
    return el ? {name: el.getAttribute("name"), type: el.type || "", tag: el.tagName} : null;
}"""

# Google's widget cannot load in a closed test network: put its answer field in the form, as
# the widget would, and let the (mocked) server-side check accept it.
ANSWER_CAPTCHA = """() => {
    const input = document.createElement("input");
    input.type = "hidden"; input.name = "g-recaptcha-response"; input.value = "test-token";
    document.querySelector("form.application-form").appendChild(input);
}"""


def tab_to(page, name, value=None):
    """Press Tab until the field `name` (and, for radios, the one with `value`) has focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active and active["name"] == name:
            return active
    raise AssertionError(f"Tab never reached the field {name!r}")


def submit_with_keyboard(page):
    """Tab to the form's send button and press Enter."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(
            '() => document.activeElement.matches("form.application-form > button[type=submit]")'
        ):
            page.keyboard.press("Enter")
            return
    raise AssertionError("Tab never reached the send button")


def choose_radio(page, name, value):
    """Within a radio group, move with the arrow keys until `value` is checked."""
    tab_to(page, name)
    for _ in range(10):
        page.keyboard.press("Space")
        if page.evaluate(f'() => document.activeElement.value === "{value}"'):
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"could not choose {value!r} in {name!r}")


def type_into(page, name, text):
    tab_to(page, name)
    page.keyboard.type(text)


@pytest.fixture
def open_cohort_and_page(site_tree):
    today = timezone.localdate()
    cohort = CohortFactory(
        country="BE",
        delivery_languages=["fr", "nl", "de"],
        slug="belgium-open",
        year=today.year,
        applications_open_on=today - datetime.timedelta(days=3),
        applications_close_on=today + datetime.timedelta(days=20),
        planned_start=today + datetime.timedelta(days=40),
        planned_end=today + datetime.timedelta(days=90),
    )
    english = ApplicationPage(title="Apply", slug="apply")
    site_tree.home.add_child(instance=english)
    english.save_revision().publish()
    french = publish_translation(english, site_tree.locales["fr"], "Candidater")
    return cohort, french


def test_french_application_with_the_keyboard_only(
    page, live_server, open_cohort_and_page, assert_accessible
):
    cohort, french = open_cohort_and_page
    with mock.patch(
        "django_recaptcha.fields.client.submit", return_value=RecaptchaResponse(is_valid=True)
    ):
        page.goto(f"{live_server.url}{french.url}")
        assert page.get_attribute("html", "lang") == "fr"
        assert_accessible(page)

        choose_radio(page, "cohort", str(cohort.pk))
        choose_radio(page, "authority_kind", "municipality")
        type_into(page, "authority_name", "Liège")
        tab_to(page, "country")
        page.keyboard.type("Belgique")
        type_into(page, "region", "Wallonie")
        type_into(page, "population", "197000")
        choose_radio(page, "efus_member", "yes")
        choose_radio(page, "service", "risk_prevention")
        type_into(page, "contact_name", "Amélie Dubois")
        type_into(page, "contact_position", "Cheffe de service")
        type_into(page, "contact_email", "amelie.dubois@example.be")
        type_into(page, "contact_phone", "+32 4 000 00 00")
        type_into(page, "participants-0-name", "Amélie Dubois")
        choose_radio(page, "participants-0-position", "official")
        type_into(page, "participants-0-service", "Prévention")
        choose_radio(page, "participants-0-gender", "female")
        type_into(page, "participants-0-email", "amelie.dubois@example.be")
        type_into(page, "motivation", "Nous voulons former notre service à l'IA.")
        tab_to(page, "commits_to_attend")
        page.keyboard.press("Space")
        page.evaluate(ANSWER_CAPTCHA)

        # Forget the consent on purpose: the error comes back, in French, next to the field.
        submit_with_keyboard(page)
        page.wait_for_selector("#error-summary")
        summary = page.inner_text("#error-summary")
        assert "consentement" in summary.lower()
        # The deferred script moves focus to the summary once the page is parsed.
        page.wait_for_function("() => document.activeElement.id === 'error-summary'")
        assert page.evaluate("() => document.activeElement.id") == "error-summary"
        assert page.input_value("#id_authority_name") == "Liège", "input is kept"
        assert_accessible(page)
        assert not Application.objects.exists()

        page.evaluate(ANSWER_CAPTCHA)
        tab_to(page, "consent")
        page.keyboard.press("Space")
        submit_with_keyboard(page)
        page.wait_for_selector(".reference")

    application = Application.objects.get()
    assert application.reference in page.inner_text(".reference")
    assert application.language == "fr"
    assert application.authority_name == "Liège"
    assert page.get_attribute("html", "lang") == "fr"
    assert_accessible(page)
