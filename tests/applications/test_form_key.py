"""One form, one application: the stamp a form is opened with is its key. Sent again (its
visitor never saw the first answer, or clicked twice), it shows the first application's
reference in the visitor's language and stores nothing; a day after opening, it has expired."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from applications.models import Application
from mail.models import OutgoingEmail
from tests.applications.builders import DURING_WINDOW, opened_form_stamp, valid_data

pytestmark = pytest.mark.django_db

SENT_AGAIN = {
    "en": "This form had already reached us",
    "fr": "Ce formulaire nous était déjà parvenu",
    "it": "Questo modulo ci era già pervenuto",
    "nl": "Dit formulier had ons al bereikt",
    "de": "Dieses Formular hatte uns bereits erreicht",
    "es": "Este formulario ya nos había llegado",
}


def post(client, page, data, when=DURING_WINDOW):
    with time_machine.travel(when):
        return client.post(page.url, data)


def receipt_text(client, response):
    assert response.status_code == 302, response.content.decode()[:1000]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return BeautifulSoup(page.content, "html.parser").get_text(" ", strip=True)


@pytest.mark.parametrize("code", list(SENT_AGAIN))
def test_a_form_sent_again_shows_the_first_reference_and_stores_nothing(
    apply_pages, italy, client, code
):
    data = valid_data(italy)
    first = post(client, apply_pages[code], data)
    stored = Application.objects.get()
    assert SENT_AGAIN[code] not in receipt_text(client, first)

    # The same form again, even changed: the reCAPTCHA answer Google already used, a new name.
    again = post(client, apply_pages[code], {**data, "authority_name": "Modena"})
    text = receipt_text(client, again)

    assert Application.objects.get() == stored
    assert stored.reference in text and SENT_AGAIN[code] in text
    assert OutgoingEmail.objects.count() == 2, "one acknowledgement, one staff notification"


def test_two_forms_of_the_same_city_are_two_applications(apply_pages, italy, client):
    post(client, apply_pages["en"], valid_data(italy))
    post(client, apply_pages["en"], valid_data(italy))
    first, second = Application.objects.order_by("pk")
    assert second.possible_duplicate_of == first  # flagged for staff, not merged


def test_a_form_opened_more_than_a_day_ago_has_expired_and_comes_back(apply_pages, italy, client):
    opened = DURING_WINDOW - datetime.timedelta(days=1, minutes=1)
    response = post(client, apply_pages["fr"], valid_data(italy, started=opened_form_stamp(opened)))
    assert response.status_code == 200
    assert "Ce formulaire a expiré" in response.content.decode()
    assert not Application.objects.exists()
    fresh = BeautifulSoup(response.content, "html.parser").select_one("input[name=started]")
    again = post(
        client,
        apply_pages["fr"],
        valid_data(italy, started=fresh["value"]),
        when=DURING_WINDOW + datetime.timedelta(minutes=1),
    )
    assert again.status_code == 302 and Application.objects.count() == 1
