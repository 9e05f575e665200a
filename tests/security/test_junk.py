"""No junk reaches a 500: control characters, deep or large JSON, fake letters, big bodies,
and HEAD wherever GET works."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from applications.forms import validate_pdf_letter
from demo.pdf import simple_pdf
from web.request_hygiene import json_depth_within

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["%00", "a%00b", "%01", "%1b%5b31m", "%7f"])
def test_control_characters_in_the_search_get_400(client, site_tree, query):
    assert client.get(f"/en/search/?q={query}").status_code == 400


def test_control_characters_in_an_admin_search_get_400(client, editor):
    client.force_login(editor)
    assert client.get("/admin/applications/application/?q=%00").status_code == 400


def test_control_characters_in_a_form_field_get_400(client, site_tree):
    response = client.post("/en/members/login/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400


def test_tabs_and_line_breaks_are_ordinary(client, site_tree):
    assert client.get("/en/search/?q=a%09b%0d%0ac").status_code == 200


def post_json(client, body):
    return client.post("/certificates/credentials/verify", body, content_type="application/json")


def test_deeply_nested_json_is_refused_not_a_recursion_error(client):
    assert post_json(client, "[" * 10_000 + "]" * 10_000).status_code == 400
    assert post_json(client, '{"credential": ' + "[" * 5000).status_code == 400


def test_large_json_is_refused(client):
    body = '{"credential": "' + "a" * 200_000 + '"}'
    assert post_json(client, body).status_code == 413


def test_depth_counting_skips_strings():
    assert json_depth_within('{"a": "[[[[[[[[[[[[[[[["}', 2)
    assert not json_depth_within('{"a": [[[1]]]}', 3)


def upload(content, name="letter.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def pdf_with(add):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    add(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"%PDF-" + b"\x00" * 200
HTML = b"<html>%PDF-1.4<script>alert(1)</script></html>"


def javascript_action(code):
    return DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(code),
        }
    )


def add_document_javascript(writer):
    names = DictionaryObject(
        {
            NameObject("/JavaScript"): DictionaryObject(
                {
                    NameObject("/Names"): ArrayObject(
                        [TextStringObject("hello"), javascript_action("app.alert(1)")]
                    )
                }
            )
        }
    )
    writer._root_object[NameObject("/Names")] = names


def add_open_action(writer):
    writer._root_object[NameObject("/OpenAction")] = javascript_action("app.alert(1)")


def add_page_action(writer):
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): javascript_action("app.alert(1)")}
    )


def add_attachment(writer):
    writer.add_attachment("run.exe", b"MZ...")


@pytest.mark.parametrize(
    "content",
    [
        PNG,
        HTML,
        b"%PDF-1.7\n" + b"garbage" * 100,
        pdf_with(add_document_javascript),
        pdf_with(add_open_action),
        pdf_with(add_page_action),
        pdf_with(add_attachment),
    ],
    ids=["png", "html", "broken", "javascript", "open-action", "page-action", "embedded-file"],
)
def test_letters_that_are_not_plain_pdfs_are_refused(content):
    with pytest.raises(ValidationError):
        validate_pdf_letter(upload(content))


def test_too_many_pages_are_refused():
    def many_pages(writer):
        for _ in range(25):
            writer.add_blank_page(595, 842)

    with pytest.raises(ValidationError):
        validate_pdf_letter(upload(pdf_with(many_pages)))


def test_a_plain_letter_is_accepted():
    validate_pdf_letter(upload(simple_pdf("Letter of commitment", ["We commit to attend."])))


def test_a_declared_huge_body_is_refused_before_it_is_read(client, site_tree):
    response = client.post(
        "/en/members/login/", {"username": "x"}, CONTENT_LENGTH=str(60 * 1024 * 1024)
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    "url", ["/sitemap.xml", "/robots.txt", "/en/search/?q=ai", "/en/certificates/verify/"]
)
def test_head_works_wherever_get_does(client, site_tree, url):
    response = client.head(url)
    assert response.status_code == 200
