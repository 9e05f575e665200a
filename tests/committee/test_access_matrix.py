"""Who can reach what: every members-only path, for every kind of visitor, in all six languages.

Each cell of the matrix is one parametrised case: a visitor (anonymous, participant, committee
member, editor, or a signed-in account outside every group) asks for one thing (a page in one
language, a document's direct URL, search, sitemap, feeds, preview, API) and gets the expected
answer: the content, a redirect to the member login, or the content without the private item.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from tests.conftest import LANGUAGE_CODES
from tests.fixtures.committee import PRIVATE_DOCUMENT_TITLE, PRIVATE_NOTE_TITLE

VISITORS = ["anonymous", "outsider", "participant", "committee", "editor"]
MEMBERS = {"participant", "committee", "editor"}

PAGE = "page"
LOGIN = "login"


def client_for(client, people, visitor):
    if visitor != "anonymous":
        client.force_login(getattr(people, visitor))
    return client


def expected_for_private(visitor):
    return PAGE if visitor in MEMBERS else LOGIN


def assert_answer(response, expected, language):
    if expected == PAGE:
        assert response.status_code == 200, response.status_code
    else:
        assert response.status_code == 302, response.status_code
        with translation.override(language):
            login = reverse("members:login")
        assert response["Location"].startswith(login + "?next="), response["Location"]


# --- pages in every language tree ---------------------------------------------------------------

CASES = [
    (visitor, language, key)
    for visitor in VISITORS
    for language in LANGUAGE_CODES
    for key in ["private_note", "library", "public_note", "committee", "notes"]
]


@pytest.mark.django_db
@pytest.mark.parametrize("visitor,language,key", CASES)
def test_page_answers(client, committee_tree, people, visitor, language, key):
    page = committee_tree.pages[language][key]
    response = client_for(client, people, visitor).get(page.url)
    expected = expected_for_private(visitor) if key in {"private_note", "library"} else PAGE
    assert_answer(response, expected, language)
    if expected == PAGE and key == "private_note":
        assert page.title in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_notes_listing_shows_members_only_notes_to_members_alone(
    client, committee_tree, people, visitor, language
):
    pages = committee_tree.pages[language]
    html = client_for(client, people, visitor).get(pages["notes"].url).content.decode()
    assert pages["public_note"].title in html
    assert (pages["private_note"].title in html) == (visitor in MEMBERS)


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_committee_page_links_the_library_for_members_alone(
    client, committee_tree, people, visitor, language
):
    pages = committee_tree.pages[language]
    html = client_for(client, people, visitor).get(pages["committee"].url).content.decode()
    assert pages["notes"].url in html
    assert (pages["library"].url in html) == (visitor in MEMBERS)


# --- the library's document, by its direct URL ----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_library_document_direct_url(client, committee_tree, people, visitor):
    document = committee_tree.document
    response = client_for(client, people, visitor).get(document.url)
    if visitor in MEMBERS:
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    else:
        assert response.status_code == 302
        assert "/members/login/" in response["Location"]


@pytest.mark.django_db
def test_library_document_file_is_not_served_from_media(client, committee_tree, settings):
    """Served through Django's view only: the storage path is not a public URL."""
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert committee_tree.document.url.startswith("/documents/")
    media_path = settings.MEDIA_URL + committee_tree.document.file.name
    assert client.get(media_path).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_library_lists_its_documents_to_members(client, committee_tree, people, visitor, language):
    response = client_for(client, people, visitor).get(
        committee_tree.pages[language]["library"].url
    )
    if visitor in MEMBERS:
        assert PRIVATE_DOCUMENT_TITLE in response.content.decode()
    else:
        assert response.status_code == 302
        assert PRIVATE_DOCUMENT_TITLE not in response.content.decode()


# --- discovery paths: search, sitemap, feeds -----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_search_never_lists_private_pages(client, committee_tree, people, visitor, language):
    """Site search is public-only for everyone, members included (one index, no leaks)."""
    client = client_for(client, people, visitor)
    pages = committee_tree.pages[language]
    with translation.override(language):
        url = reverse("search")
    found_private = client.get(url, {"q": pages["private_note"].title}).content.decode()
    assert pages["private_note"].url not in found_private
    found_library = client.get(url, {"q": "library"}).content.decode()
    assert pages["library"].url not in found_library
    found_public = client.get(url, {"q": "video analytics"}).content.decode()
    assert pages["public_note"].url in found_public


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_sitemap_lists_public_pages_only(client, committee_tree, people, visitor):
    xml = client_for(client, people, visitor).get("/sitemap.xml").content.decode()
    for language in LANGUAGE_CODES:
        pages = committee_tree.pages[language]
        assert pages["public_note"].url in xml
        assert pages["notes"].url in xml
        assert pages["private_note"].url not in xml
        assert pages["library"].url not in xml


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("language", LANGUAGE_CODES)
@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_feeds_hold_public_notes_only(client, committee_tree, people, visitor, language, feed):
    notes = committee_tree.pages[language]["notes"]
    response = client_for(client, people, visitor).get(notes.url + notes.reverse_subpage(feed))
    assert response.status_code == 200
    body = response.content.decode()
    assert committee_tree.pages[language]["public_note"].title in body
    assert PRIVATE_NOTE_TITLE not in body
    assert committee_tree.pages[language]["private_note"].title not in body


# --- admin preview and API ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", ["anonymous", "outsider", "participant"])
@pytest.mark.parametrize("view", ["wagtailadmin_pages:view_draft", "wagtailadmin_pages:edit"])
def test_private_note_preview_is_closed_to_non_staff(client, committee_tree, people, visitor, view):
    note = committee_tree.pages["fr"]["private_note"]
    response = client_for(client, people, visitor).get(reverse(view, args=[note.pk]))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"] or response["Location"].endswith("/admin/")
    assert PRIVATE_NOTE_TITLE not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v2/documents/", "/en/api/v2/pages/"])
def test_there_is_no_content_api(client, committee_tree, path):
    assert client.get(path, follow=True).status_code == 404


@pytest.mark.django_db
def test_library_filters_fold_until_used(client, committee_tree, people):
    """Folded (a <details>), so that a phone's first screen shows documents; open once used
    (site.js also opens them on a wide screen)."""
    client = client_for(client, people, "committee")
    library = committee_tree.pages["de"]["library"].url
    panel = BeautifulSoup(client.get(library).content, "html.parser").select_one(
        "details.filter-panel"
    )
    assert panel.select_one("form.library-filters") and not panel.has_attr("open")
    used = BeautifulSoup(client.get(library, {"q": "KI"}).content, "html.parser")
    assert used.select_one("details.filter-panel").has_attr("open")
