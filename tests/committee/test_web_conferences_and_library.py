"""Web conferences: the join link for members only, then the recording and the summary note.
The library: filters, search, sorting, and a flat number of queries as it grows."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from committee.models import Resource
from demo.pdf import simple_pdf
from programme.factories import EventFactory
from tests.fixtures.committee import PRIVATE_DOCUMENT_TITLE, add_note

JOIN = "https://meet.example.org/secret-room"
RECORDING = "https://video.example.org/recording"


@pytest.fixture
def conferences(committee_tree):
    now = timezone.now()
    upcoming = EventFactory(
        starts_at=now + datetime.timedelta(days=3), join_url=JOIN, recording_url=""
    )
    past = EventFactory(
        starts_at=now - datetime.timedelta(days=30), join_url=JOIN, recording_url=RECORDING
    )
    notes = committee_tree.pages["en"]["notes"]
    summary = add_note(
        notes,
        "conference-summary",
        "What we learnt at the conference",
        members_only=False,
        note_type="web_conference_summary",
        event=past,
    )
    return {"upcoming": upcoming, "past": past, "summary": summary}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "visitor,sees_join_link",
    [("anonymous", False), ("outsider", False), ("participant", True), ("committee", True)],
)
def test_join_link_is_shown_to_members_only(
    client, committee_tree, people, conferences, visitor, sees_join_link
):
    if visitor != "anonymous":
        client.force_login(getattr(people, visitor))
    html = client.get(committee_tree.site_tree.events.url).content.decode()
    assert (JOIN in html) == sees_join_link
    if not sees_join_link:
        assert "/en/members/login/" in html


@pytest.mark.django_db
def test_past_conference_shows_its_recording_and_summary_note(client, committee_tree, conferences):
    html = client.get(committee_tree.site_tree.events.url).content.decode()
    assert RECORDING in html
    assert conferences["summary"].url in html
    assert JOIN not in html  # not for anonymous visitors, and never once it is over


@pytest.mark.django_db
def test_members_only_summary_is_not_linked_for_the_public(client, committee_tree, conferences):
    summary = conferences["summary"]
    summary.members_only = True
    summary.save_revision().publish()
    html = client.get(committee_tree.site_tree.events.url).content.decode()
    assert summary.url not in html


def add_documents(collection, count, start=0):
    for number in range(start, start + count):
        document = Resource(
            title=f"Resource {number}",
            description="A useful text.",
            resource_type="report" if number % 2 else "guide",
            language="fr" if number % 3 else "en",
            collection=collection,
        )
        document.file.save(f"r{number}.pdf", ContentFile(simple_pdf("R", ["x"])), save=False)
        document.save()


def library_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.django_db
def test_library_filters_search_and_sort(client, committee_tree, people):
    client.force_login(people.participant)
    library = committee_tree.pages["en"]["library"]
    add_documents(committee_tree.collection, 4)
    _count, by_type = library_queries(client, library.url + "?type=template")
    assert PRIVATE_DOCUMENT_TITLE in by_type and "Resource 1" not in by_type
    _count, by_language = library_queries(client, library.url + "?language=fr")
    assert "Resource 1" in by_language and "Resource 0" not in by_language
    _count, searched = library_queries(client, library.url + "?q=checklist")
    assert PRIVATE_DOCUMENT_TITLE in searched and "Resource 2" not in searched
    _count, by_topic = library_queries(client, library.url + "?topic=ethics")
    assert "No document matches this search." in by_topic
    _count, oldest = library_queries(client, library.url + "?sort=oldest")
    assert oldest.index(PRIVATE_DOCUMENT_TITLE) < oldest.index("Resource 3")
    _count, tampered = library_queries(client, library.url + "?sort=sideways&type=<b>")
    assert PRIVATE_DOCUMENT_TITLE in tampered


@pytest.mark.django_db
def test_library_queries_stay_flat_from_5_to_50_documents(client, committee_tree, people):
    client.force_login(people.committee)
    library = committee_tree.pages["fr"]["library"]
    add_documents(committee_tree.collection, 4)
    client.get(library.url)
    few, _html = library_queries(client, library.url)
    add_documents(committee_tree.collection, 45, start=4)
    many, html = library_queries(client, library.url)
    assert many == few
    assert html.count('class="resource"') == 50


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "unit"), [("en", "bytes"), ("fr", "octets")])
def test_the_library_shows_each_documents_real_size(client, committee_tree, people, language, unit):
    """Documents saved in code (as the demo does) are measured too: not "PDF, 0 bytes"."""
    document = committee_tree.document
    assert document.file_size == len(document.file.open("rb").read()) > 0
    client.force_login(people.participant)
    page = client.get(committee_tree.pages[language]["library"].url).content.decode()
    assert f"PDF, {document.file_size} {unit}" in " ".join(page.split()).replace("\xa0", " ")
    assert f"PDF, 0 {unit}" not in page
