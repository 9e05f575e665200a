"""Letters of commitment carry nothing a reader would run or open (issue 21, point 6): each kind
of crafted letter is refused with its own message next to the field, genuine letters from other
producers are accepted, and staff only ever download a sanitised copy of the pages."""

import io

import pypdfium2
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from applications.forms import LETTER_REFUSALS, validate_pdf_letter
from applications.models import Application
from tests.applications.builders import DURING_WINDOW, valid_data
from tests.security.letters.crafted import ACCEPTED, REFUSED

pytestmark = pytest.mark.django_db

REASON = {
    "document-javascript": "active content",
    "javascript-open-action": "active content",
    "go-to-open-action": "active content",
    "page-additional-action": "active content",
    "link-additional-action": "active content",
    "outline-javascript": "active content",
    "hex-escaped-javascript": "active content",
    "javascript-in-an-object-stream": "active content",
    "orphan-javascript-object": "active content",
    "launch-action": "links",
    "gotor-windows-network-path": "links",
    "gotoe-embedded-document": "links",
    "javascript-uri-link": "links",
    "file-uri-link": "links",
    "network-path-uri-link": "links",
    "submit-form-action": "active content",
    "import-data-action": "active content",
    "xfa-form-with-script": "active content",
    "embedded-file": "active content",
    "file-attachment-annotation": "active content",
    "rich-media-annotation": "active content",
    "html-pdf-polyglot": "hidden content",
    "png-with-pdf-appended": "hidden content",
    "zip-after-the-end": "hidden content",
    "second-document-after-the-end": "damaged",
    "encrypted": "encrypted",
    "malformed-xref": "damaged",
    "truncated": "damaged",
    "windows-program": "unreadable",
    "too-many-pages": "pages",
    "no-page": "pages",
}


def upload(content):
    return SimpleUploadedFile("letter.pdf", content, content_type="application/pdf")


def test_the_corpus_holds_every_kind_the_tester_sent():
    assert len(REFUSED) >= 23
    assert set(REASON) == set(REFUSED)


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_each_crafted_letter_is_refused_with_its_reason(kind):
    with pytest.raises(ValidationError) as refused:
        validate_pdf_letter(upload(REFUSED[kind]()))
    assert refused.value.code == REASON[kind].replace(" ", "_")


@pytest.mark.parametrize("kind", sorted(ACCEPTED))
def test_genuine_letters_are_accepted(kind):
    validate_pdf_letter(upload(ACCEPTED[kind]()))


def page_texts(data):
    document = pypdfium2.PdfDocument(data)
    return [page.get_textpage().get_text_range() for page in document]


def actions_in(data):
    """Every action, name tree and annotation a reader would find in the file."""
    reader = PdfReader(io.BytesIO(data))
    found = set(reader.trailer["/Root"].keys()) & {"/OpenAction", "/Names", "/AcroForm", "/AA"}
    for page in reader.pages:
        found |= set(page.keys()) & {"/AA"}
        for annotation in page.get("/Annots", []):
            found.add(str(annotation.get_object()["/Subtype"]))
    return found


def apply_with(client, page, cohort, content):
    with time_machine.travel(DURING_WINDOW):
        return client.post(page.url, valid_data(cohort, letter=upload(content)))


@pytest.mark.parametrize(
    ("kind", "language"),
    [
        ("html-pdf-polyglot", "en"),
        ("png-with-pdf-appended", "fr"),
        ("gotor-windows-network-path", "de"),
        ("javascript-uri-link", "it"),
        ("xfa-form-with-script", "es"),
        ("malformed-xref", "nl"),
    ],
)
def test_the_form_says_why_next_to_the_field_in_the_visitors_language(
    apply_pages, italy, client, kind, language
):
    response = apply_with(client, apply_pages[language], italy, REFUSED[kind]())
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    next_to_the_field = soup.select_one("#id_letter_error").get_text(" ", strip=True)
    with translation.override(language):
        expected = str(LETTER_REFUSALS[REASON[kind]]) % {"pages": 20}
    assert expected in next_to_the_field
    if language != "en":
        with translation.override("en"):
            assert str(LETTER_REFUSALS[REASON[kind]]) not in next_to_the_field
    assert expected in soup.select_one("#error-summary").get_text(" ", strip=True)
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "kind", ["word-processor-letter", "web-link-letter", "libreoffice-like-tagged-letter"]
)
def test_staff_download_a_sanitised_copy_never_the_uploaded_file(
    apply_pages, italy, client, editor, kind
):
    uploaded = ACCEPTED[kind]()
    assert apply_with(client, apply_pages["en"], italy, uploaded).status_code == 302
    application = Application.objects.get()

    client.force_login(editor)
    response = client.get(reverse("applications_letter", args=[application.pk]))
    downloaded = b"".join(response.streaming_content)
    assert downloaded != uploaded
    assert page_texts(downloaded) == page_texts(uploaded), "the pages read the same"
    assert actions_in(uploaded) - {"/Text"}, "the upload had something to take out"
    assert not actions_in(downloaded) - {"/Text"}
    assert PdfReader(io.BytesIO(downloaded)).metadata.producer == "AI for Cities (sanitised copy)"
