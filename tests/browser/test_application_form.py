"""A city official applies in French with the keyboard only; the form, its error state and the
confirmation page pass axe-core's WCAG 2.1 A and AA rules. With Google blocked the application
still goes through, flagged for staff; Google hears nothing before the visitor reaches the spam
check; participant rows added with JavaScript can be removed; an "Apply" link chooses its
cohort."""

import datetime
import re
from unittest import mock

import pytest
from django.utils import timezone
from django_recaptcha.client import RecaptchaResponse

from applications.models import Application, ApplicationPage
from programme.factories import CohortFactory
from tests.browser.conftest import PHONE_SCREEN, assert_outcome_announced
from tests.conftest import publish_translation

GOOGLE = re.compile(r"^https?://([^/]*\.)?(google\.com|gstatic\.com|recaptcha\.net)/")

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
        page.set_viewport_size(PHONE_SCREEN)
        submit_with_keyboard(page)
        page.wait_for_selector(".reference")
        assert_outcome_announced(page, "Merci")

    application = Application.objects.get()
    assert application.reference in page.inner_text(".reference")
    assert application.language == "fr"
    assert application.authority_name == "Liège"
    assert page.get_attribute("html", "lang") == "fr"
    assert_accessible(page)


@pytest.fixture(autouse=True)
def quick_hands(settings):
    """Playwright fills the form faster than any person, in well under a second on a quiet
    machine: no minimum fill time here (tests/applications/test_spam_check.py tests it)."""
    settings.APPLICATION_MIN_FILL_SECONDS = 0


@pytest.fixture
def google_blocked(page):
    """Every request to Google is refused (as a privacy add-on or a closed network would) and
    recorded, in order."""
    requests = []

    def refuse(route):
        requests.append(route.request.url)
        route.abort()

    page.route(GOOGLE, refuse)
    return requests


def fill_application(page, cohort):
    page.check(f'input[name="cohort"][value="{cohort.pk}"]')
    page.check('input[name="authority_kind"][value="municipality"]')
    page.fill("#id_authority_name", "Liège")
    page.check('input[name="efus_member"][value="yes"]')
    page.select_option("#id_country", "BE")
    page.fill("#id_region", "Wallonie")
    page.fill("#id_population", "197000")
    page.check('input[name="service"][value="risk_prevention"]')
    page.fill("#id_contact_name", "Amélie Dubois")
    page.fill("#id_contact_position", "Cheffe de service")
    page.fill("#id_contact_email", "amelie.dubois@example.be")
    page.fill("#id_contact_phone", "+32 4 000 00 00")
    fill_participant(page, 0, "Amélie Dubois", "amelie.dubois@example.be")
    page.fill("#id_motivation", "Nous voulons former notre service à l'IA.")
    page.check("#id_commits_to_attend")
    page.check("#id_consent")


def fill_participant(page, index, name, email):
    page.fill(f"#id_participants-{index}-name", name)
    page.check(f'input[name="participants-{index}-position"][value="official"]')
    page.fill(f"#id_participants-{index}-service", "Prévention")
    page.fill(f"#id_participants-{index}-email", email)


def test_with_google_blocked_the_application_is_accepted_and_flagged(
    page, live_server, open_cohort_and_page, google_blocked
):
    cohort, french = open_cohort_and_page
    page.goto(f"{live_server.url}{french.url}")
    fill_application(page, cohort)
    page.locator("#spam-check .spam-check-load").click()
    status = page.locator("#spam-check .spam-check-status")
    status.filter(has_text="pouvez tout de même envoyer").wait_for()
    assert google_blocked, "the spam check tried to load"
    page.click("form.application-form > button[type=submit]")
    page.wait_for_selector(".reference")

    application = Application.objects.get()
    assert application.spam_check_done is False
    assert application.reference in page.inner_text(".reference")


def test_nothing_goes_to_google_without_the_visitors_click(
    page, live_server, open_cohort_and_page, google_blocked
):
    """Reaching the spam check loads nothing: it says what the button loads and from whom, and
    that the form goes without it; sent so, the application is kept and flagged."""
    cohort, french = open_cohort_and_page
    page.goto(f"{live_server.url}{french.url}")
    fill_application(page, cohort)
    area = page.locator("#spam-check")
    area.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    assert google_blocked == []
    assert "Google" in area.get_by_role("button").inner_text()
    assert "avant que vous n'appuyiez sur le bouton" in area.inner_text()
    assert "pouvez tout de même envoyer la candidature" in area.inner_text()
    with page.expect_navigation():
        page.click("form.application-form > button[type=submit]")
    page.wait_for_selector(".reference")
    assert google_blocked == []
    assert Application.objects.get().spam_check_done is False


def test_the_load_button_asks_for_the_spam_check_on_demand(
    page, live_server, open_cohort_and_page, google_blocked
):
    _cohort, french = open_cohort_and_page
    page.goto(f"{live_server.url}{french.url}")
    button = page.get_by_role("button", name="Charger la vérification anti-spam (Google reCAPTCHA)")
    button.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    assert google_blocked == [], "only the button loads it"
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('input[name=captcha]').value")
    assert len(google_blocked) == 1
    assert page.evaluate("() => document.activeElement.id") == "spam-check"


ROWS = "fieldset.participant"


def names_and_legends(page):
    return page.evaluate(
        """() => Array.from(document.querySelectorAll("fieldset.participant")).map(row => [
            row.querySelector("legend").textContent.trim(),
            row.querySelector("input[type=text]").name,
            row.querySelector("input[type=text]").value,
        ])"""
    )


def test_rows_added_with_javascript_can_be_removed_with_the_keyboard(
    page, live_server, open_cohort_and_page, google_blocked, assert_accessible
):
    cohort, french = open_cohort_and_page
    page.goto(f"{live_server.url}{french.url}")
    fill_application(page, cohort)
    add = page.locator('button[name="add_participant"]')
    add.click()
    fill_participant(page, 1, "Bruno Martin", "bruno.martin@example.be")
    add.click()
    fill_participant(page, 2, "Chloé Lambert", "chloe.lambert@example.be")
    assert page.locator(ROWS).count() == 3
    assert page.input_value('input[name="participants-TOTAL_FORMS"]') == "3"
    assert page.locator("#id_participants-1-DELETE").count() == 0, "no stored-row checkbox"

    remove = page.get_by_role("button", name="Retirer la personne 2")
    remove.focus()
    page.keyboard.press("Enter")

    assert page.locator(ROWS).count() == 2
    assert page.input_value('input[name="participants-TOTAL_FORMS"]') == "2"
    assert names_and_legends(page) == [
        ["Personne 1", "participants-0-name", "Amélie Dubois"],
        ["Personne 2", "participants-1-name", "Chloé Lambert"],
    ]
    assert page.evaluate("() => document.activeElement.id") == "id_participants-1-name"
    assert page.inner_text("#participants-status") == "Personne 2 retirée."
    assert page.locator(ROWS).nth(1).get_by_role("button").inner_text() == ("Retirer la personne 2")
    assert_accessible(page)

    # The last row removed: focus goes back to the "Add" button.
    page.get_by_role("button", name="Retirer la personne 2").click()
    assert page.locator(ROWS).count() == 1
    assert page.evaluate("() => document.activeElement.name") == "add_participant"
    add.click()
    fill_participant(page, 1, "Chloé Lambert", "chloe.lambert@example.be")

    page.click("form.application-form > button[type=submit]")
    page.wait_for_selector(".reference")
    application = Application.objects.get()
    assert list(application.participants.values_list("name", flat=True)) == [
        "Amélie Dubois",
        "Chloé Lambert",
    ]


def test_the_apply_link_of_a_cohort_chooses_it_on_the_form(
    page, live_server, site_tree, open_cohort_and_page
):
    belgium, french = open_cohort_and_page
    today = timezone.localdate()
    CohortFactory(
        country="FR",
        slug="france-open",
        year=today.year,
        applications_open_on=today - datetime.timedelta(days=3),
        applications_close_on=today + datetime.timedelta(days=20),
        planned_start=today + datetime.timedelta(days=30),
        planned_end=today + datetime.timedelta(days=80),
    )
    listing = site_tree.translations["fr"]["cohorts"]
    page.goto(f"{live_server.url}{listing.url}{belgium.slug_in('fr')}/")
    page.get_by_role("link", name=re.compile("Candidater à la cohorte")).click()
    page.wait_for_url(re.compile(re.escape(french.url)))
    assert page.is_checked(f'input[name="cohort"][value="{belgium.pk}"]')
    assert page.locator('input[name="cohort"]:checked').count() == 1
    assert page.input_value("#id_country") == "BE"


# Google's script as far as the page uses it: draw the widget (its answer field) and call back.
FAKE_RECAPTCHA = """
window.grecaptcha = {render: function (element, options) {
    window.renderedWith = options.sitekey;
    var answer = document.createElement("textarea");
    answer.name = "g-recaptcha-response"; answer.value = "answer-from-google";
    element.appendChild(answer);
    return 0;
}};
window.aicSpamCheckReady();
"""


def test_when_google_answers_the_widget_is_drawn_and_checked(
    page, live_server, open_cohort_and_page
):
    cohort, french = open_cohort_and_page
    asked = []

    def serve(route):
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/javascript", body=FAKE_RECAPTCHA)

    page.route(GOOGLE, serve)
    page.goto(f"{live_server.url}{french.url}")
    fill_application(page, cohort)
    page.locator("#spam-check .spam-check-load").click()
    page.wait_for_function("() => document.querySelector('input[name=captcha]').value === 'ready'")
    assert page.evaluate("() => window.renderedWith")
    with mock.patch(
        "django_recaptcha.fields.client.submit", return_value=RecaptchaResponse(is_valid=True)
    ) as verify:
        page.click("form.application-form > button[type=submit]")
        page.wait_for_selector(".reference")
    assert verify.call_args.kwargs["recaptcha_response"] == "answer-from-google"
    assert Application.objects.get().spam_check_done is True
    assert len(asked) == 1


SUMMARY_LINES = """() => [...document.querySelectorAll('#error-summary li')].map(line => {
    const link = line.querySelector('a[href^="#"]');
    return {
        text: line.innerText.trim(),
        leadsTo: link && document.getElementById(link.getAttribute('href').slice(1)) ? 1 : 0,
    };
})"""


def test_the_error_summary_names_each_field_and_leads_to_it(
    page, live_server, open_cohort_and_page
):
    _cohort, french = open_cohort_and_page
    page.goto(f"{live_server.url}{french.url}")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer la candidature").click()
    lines = page.evaluate(SUMMARY_LINES)
    texts = [line["text"] for line in lines]
    assert len(texts) > 10, texts
    assert len(set(texts)) == len(texts), f"lines repeated: {texts}"
    assert not [text for text in texts if re.search(r"[.?!]\s*:", text)], texts
    assert "Nom de la collectivité\u00a0: Champ requis." in texts
    assert "Personne 1 – Adresse e-mail\u00a0: Champ requis." in texts
    # A required field's line says which field; every line leads to its field.
    assert all(text.split(" : ")[0] for text in texts if "Champ requis" in text)
    assert [line["text"] for line in lines if not line["leadsTo"]] == []
