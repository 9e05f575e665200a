"""Cities apply while their cohort's window is open; bad input is refused with nothing stored."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django_recaptcha.client import RecaptchaResponse

from applications.models import Application, ProposedParticipant
from tests.applications.builders import AFTER_WINDOW, DURING_WINDOW, pdf, valid_data
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_valid_application_in_each_language_is_stored_with_a_reference(
    apply_pages, italy, client, code
):
    with time_machine.travel(DURING_WINDOW):
        response = client.post(apply_pages[code].url, valid_data(italy, letter=pdf()))
        assert response.status_code == 302
        received = client.get(response["Location"])
    assert received.status_code == 200
    application = Application.objects.get()
    assert application.reference == f"AIC-2026-IT-{application.pk:04d}"
    assert application.reference in received.content.decode()
    assert application.language == code
    assert application.letter.name.endswith(".pdf")
    assert list(application.participants.values_list("name", flat=True)) == [
        "Giulia Rossi",
        "Marco Bianchi",
    ]
    assert application.consent_version and application.consented_at


def field_errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one("#error-summary").get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"commits_to_attend": ""}, "Participation requires attending every session"),
        ({"consent": ""}, "Please give your consent"),
        ({"population": "many"}, "Enter a whole number"),
        ({"contact_email": "not-an-email"}, "Enter a valid email address"),
        ({"service": "other"}, "Please say which service is applying"),
        ({"country": "FR"}, "This cohort is for authorities in Italy"),
        ({"website": "http://spam.example"}, "This field must stay empty"),
        ({"participants-0-name": "", "participants-1-name": ""}, "This field is required"),
        ({"motivation": "x" * 3001}, "at most 3000 characters"),
    ],
)
def test_bad_input_comes_back_with_errors_and_nothing_is_stored(
    apply_pages, italy, client, overrides, message
):
    data = valid_data(italy, **overrides)
    with time_machine.travel(DURING_WINDOW):
        response = client.post(apply_pages["en"].url, data)
    assert response.status_code == 200
    assert message in field_errors(response)
    assert 'value="Bologna"' in response.content.decode(), "the user's input is kept"
    assert not Application.objects.exists()
    assert not ProposedParticipant.objects.exists()


@pytest.mark.parametrize(
    "letter",
    [
        pdf(content=b"MZ\x90\x00 this is a program", name="letter.pdf"),
        pdf(name="letter.exe"),
        pdf(content=b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1)),
    ],
)
def test_letter_must_be_a_real_pdf_within_the_size_limit(apply_pages, italy, client, letter):
    with time_machine.travel(DURING_WINDOW):
        response = client.post(apply_pages["en"].url, valid_data(italy, letter=letter))
    assert response.status_code == 200
    assert "letter" in field_errors(response).lower()
    assert not Application.objects.exists()


def test_failed_recaptcha_is_refused(apply_pages, italy, client, recaptcha_passes):
    recaptcha_passes.return_value = RecaptchaResponse(is_valid=False)
    with time_machine.travel(DURING_WINDOW):
        response = client.post(apply_pages["en"].url, valid_data(italy))
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_outside_the_window_the_page_says_so_and_refuses_a_post(apply_pages, italy, client):
    with time_machine.travel(AFTER_WINDOW):
        page = client.get(apply_pages["en"].url)
        posted = client.post(apply_pages["en"].url, valid_data(italy))
    assert page.status_code == 200
    assert "Applications are not open at the moment" in page.content.decode()
    assert 'name="authority_name"' not in page.content.decode()
    assert posted.status_code == 403
    assert not Application.objects.exists()


def test_before_the_window_the_page_says_when_it_opens(apply_pages, italy, client):
    with time_machine.travel(datetime.datetime(2025, 12, 1, 10, tzinfo=datetime.UTC)):
        page = client.get(apply_pages["fr"].url)
    assert "5 janvier 2026" in page.content.decode()


def test_second_application_from_the_same_city_is_flagged(apply_pages, italy, client):
    with time_machine.travel(DURING_WINDOW):
        client.post(apply_pages["en"].url, valid_data(italy))
        client.post(apply_pages["it"].url, valid_data(italy, authority_name=" bologna "))
    first, second = Application.objects.order_by("pk")
    assert first.possible_duplicate_of is None
    assert second.possible_duplicate_of == first


def test_adding_a_participant_without_javascript_keeps_the_input(apply_pages, italy, client):
    data = valid_data(italy, add_participant="1")
    with time_machine.travel(DURING_WINDOW):
        response = client.post(apply_pages["en"].url, data)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#id_participants-2-name") is not None
    assert soup.select_one("#id_participants-1-name")["value"] == "Marco Bianchi"
    assert not Application.objects.exists()


def test_receipt_link_needs_its_signature(apply_pages, client):
    assert (
        client.get(f"{apply_pages['en'].url}received/?receipt=AIC-2026-IT-0001:forged").status_code
        == 404
    )
