"""Cities apply while their cohort's window is open; bad input is refused with nothing stored."""

import datetime
from unittest import mock

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django_recaptcha.client import RecaptchaResponse

from applications.models import Application, ApplicationPage, ProposedParticipant
from programme.factories import CohortFactory
from tests.conftest import LANGUAGE_CODES, publish_translation

pytestmark = pytest.mark.django_db

DURING_WINDOW = datetime.datetime(2026, 1, 20, 10, 0, tzinfo=datetime.UTC)
AFTER_WINDOW = datetime.datetime(2026, 2, 20, 10, 0, tzinfo=datetime.UTC)
APPLY_TITLES = {"en": "Apply", "fr": "Candidater", "it": "Candidatura", "nl": "Aanmelden",
                "de": "Bewerbung", "es": "Solicitud"}  # fmt: skip


@pytest.fixture(autouse=True)
def recaptcha_passes():
    with mock.patch(
        "django_recaptcha.fields.client.submit", return_value=RecaptchaResponse(is_valid=True)
    ) as submit:
        yield submit


@pytest.fixture
def apply_pages(site_tree):
    english = ApplicationPage(title="Apply", slug="apply")
    site_tree.home.add_child(instance=english)
    english.save_revision().publish()
    pages = {"en": english}
    for code in LANGUAGE_CODES[1:]:
        pages[code] = publish_translation(english, site_tree.locales[code], APPLY_TITLES[code])
    return pages


@pytest.fixture
def italy():
    return CohortFactory(country="IT", slug="italy-2026", with_sessions__confirmed=True)


def valid_data(cohort, **overrides):
    data = {
        "cohort": str(cohort.pk),
        "city_name": "Bologna",
        "country": cohort.country,
        "region": "Emilia-Romagna",
        "population": "390000",
        "service": "municipal_police",
        "service_other": "",
        "contact_name": "Giulia Rossi",
        "contact_position": "Comandante",
        "contact_email": "giulia.rossi@example.it",
        "contact_phone": "+39 051 000000",
        "motivation": "Vogliamo usare l'IA in modo responsabile.",
        "commits_to_attend": "on",
        "consent": "on",
        "website": "",
        "g-recaptcha-response": "token",
        "participants-TOTAL_FORMS": "2",
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "1",
        "participants-MAX_NUM_FORMS": "10",
        "participants-0-name": "Giulia Rossi",
        "participants-0-position": "official",
        "participants-0-service": "Polizia locale",
        "participants-0-gender": "female",
        "participants-0-email": "giulia.rossi@example.it",
        "participants-1-name": "Marco Bianchi",
        "participants-1-position": "elected",
        "participants-1-service": "Giunta comunale",
        "participants-1-gender": "undisclosed",
        "participants-1-email": "marco.bianchi@example.it",
    }
    data.update(overrides)
    return data


def pdf(content=b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", name="letter.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


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
        ({"country": "FR"}, "This cohort is for cities in Italy"),
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
    assert '<form method="post"' not in page.content.decode()
    assert posted.status_code == 403
    assert not Application.objects.exists()


def test_before_the_window_the_page_says_when_it_opens(apply_pages, italy, client):
    with time_machine.travel(datetime.datetime(2025, 12, 1, 10, tzinfo=datetime.UTC)):
        page = client.get(apply_pages["fr"].url)
    assert "5 janvier 2026" in page.content.decode()


def test_second_application_from_the_same_city_is_flagged(apply_pages, italy, client):
    with time_machine.travel(DURING_WINDOW):
        client.post(apply_pages["en"].url, valid_data(italy))
        client.post(apply_pages["it"].url, valid_data(italy, city_name=" bologna "))
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
