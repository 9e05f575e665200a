"""Registering for the final conference in a real browser, on a 320 px phone in French and a
1280 px screen in German: the form, its error state with the summary, and the confirmation
pass axe-core's WCAG 2.2 A/AA rules, without sideways scrolling."""

import datetime
import re

import pytest
from django.utils import timezone

from programme.models import Event, EventKind, EventTopic
from registrations.models import EventRegistration, Registrant

pytestmark = [
    pytest.mark.browser,
    pytest.mark.runs_once,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GOOGLE = re.compile(r"^https?://([^/]*\.)?(google\.com|gstatic\.com|recaptcha\.net)/")
WORDS = {
    "fr": {"error": "Erreur", "summary": "Veuillez corriger", "thanks": "Merci pour votre"},
    "de": {"error": "Fehler", "summary": "Bitte korrigieren", "thanks": "Vielen Dank für Ihre"},
}
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def open_final_conference(site_tree, settings):
    settings.APPLICATION_MIN_FILL_SECONDS = 0
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    topic = EventTopic.objects.create(
        title="Final conference", summary="<p>Results.</p>", locale=site_tree.locales["en"]
    )
    event = Event.objects.create(
        kind=EventKind.FINAL_CONFERENCE,
        topic=topic,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        join_url="https://meet.example.org/secret-room",
    )
    return EventRegistration.objects.create(event=event, is_open=True, capacity=100)


def check_page(page, width, assert_accessible):
    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"sideways scrolling at {width} px"
    assert_accessible(page)


@pytest.mark.parametrize("language, width", [("fr", 320), ("de", 1280)])
def test_the_registration_form_its_errors_and_its_answer_are_accessible(
    browser, live_server, open_final_conference, assert_accessible, language, width
):
    context = browser.new_context(
        locale=language, viewport={"width": width, "height": 800 if width > 320 else 640}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.route(GOOGLE, lambda route: route.abort())
    try:
        event = open_final_conference.event
        page.goto(f"{live_server.url}/{language}/events/{event.pk}/register/")
        assert page.get_attribute("html", "lang") == language
        check_page(page, width, assert_accessible)

        # Sent empty: the summary lists each error, takes the focus, and the title says so.
        page.click("form.registration-form > button[type=submit]")
        page.wait_for_function("() => document.activeElement?.id === 'error-summary'")
        assert page.title().startswith(WORDS[language]["error"])
        assert WORDS[language]["summary"] in page.inner_text("#error-summary")
        check_page(page, width, assert_accessible)
        # Each link of the summary leads to its field.
        first_link = page.locator("#error-summary a").first
        target = first_link.get_attribute("href").lstrip("#")
        first_link.click()
        assert page.evaluate("() => document.activeElement.id") == target

        page.fill("#id_name", "Sophie Dubois")
        page.fill("#id_email", "sophie.dubois@liege.example")
        page.fill("#id_organisation", "Ville de Liège")
        page.select_option("#id_organisation_kind", "city")
        page.select_option("#id_country", "BE")
        page.fill("#id_role", "Échevine de la sécurité")
        page.check("#id_consent")
        page.click("form.registration-form > button[type=submit]")
        page.wait_for_selector("text=" + WORDS[language]["thanks"])
        check_page(page, width, assert_accessible)
    finally:
        context.close()
    registrant = Registrant.objects.get()
    assert (registrant.language, registrant.country) == (language, "BE")
    assert not registrant.spam_check_done  # Google never loaded: kept for a check by hand
