"""The notes listing (filters, pages, a flat number of queries) and the RSS and Atom feeds."""

import datetime
import pathlib
import xml.etree.ElementTree as ElementTree

import feedparser
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from lxml import etree

from committee.models import CommitteeNotePage, Topic
from home.indexing import indexed_once
from tests.conftest import LANGUAGE_CODES
from tests.fixtures.committee import PRIVATE_NOTE_TITLE, add_note


def feed_url(notes, kind):
    return notes.url + notes.reverse_subpage(kind)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_rss_feed_is_valid_rss_with_public_notes_only(client, committee_tree, language):
    pages = committee_tree.pages[language]
    response = client.get(feed_url(pages["notes"], "rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)  # well-formed XML
    assert root.tag == "rss" and root.get("version") == "2.0"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.language == language
    titles = [entry.title for entry in parsed.entries]
    assert titles == [pages["public_note"].title]
    entry = parsed.entries[0]
    assert entry.link == "http://testserver" + pages["public_note"].url
    assert PRIVATE_NOTE_TITLE not in response.content.decode()
    [self_link] = root.findall("channel/{http://www.w3.org/2005/Atom}link[@rel='self']")
    assert self_link.get("type") == "application/rss+xml"
    assert self_link.get("href") == "http://testserver" + feed_url(pages["notes"], "rss")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_atom_feed_is_valid_atom_with_public_notes_only(client, committee_tree, language):
    pages = committee_tree.pages[language]
    response = client.get(feed_url(pages["notes"], "atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [entry.title for entry in parsed.entries] == [pages["public_note"].title]
    assert all(entry.id and entry.updated for entry in parsed.entries)


ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 4287 Appendix B, in RELAX NG's XML syntax (see the header of the file for its source).
ATOM_SCHEMA = pathlib.Path(__file__).parent / "data" / "atom.rng"
COMMITTEE = {
    "en": "Steering committee AI for Cities",
    "fr": "Comité de pilotage AI for Cities",
    "it": "Comitato direttivo AI for Cities",
    "nl": "Stuurgroep AI for Cities",
    "de": "Lenkungsausschuss AI for Cities",
    "es": "Comité directivo AI for Cities",
}


def atom_schema():
    return etree.RelaxNG(etree.parse(str(ATOM_SCHEMA)))


def rfc_4287_problems(feed):
    """The RFC's rules that its schema states as Schematron assertions, and a few of §4.1."""
    problems = []
    entries = feed.findall(f"{ATOM}entry")
    if feed.find(f"{ATOM}author") is None and any(
        entry.find(f"{ATOM}author") is None for entry in entries
    ):
        problems.append("atom:feed has no atom:author and not every atom:entry has one")
    for element in [feed, *entries]:
        for name in ("id", "title", "updated"):
            if len(element.findall(f"{ATOM}{name}")) != 1:
                problems.append(f"{element.tag} needs exactly one atom:{name}")
        for author in element.findall(f"{ATOM}author"):
            if not (author.findtext(f"{ATOM}name") or "").strip():
                problems.append("an atom:author needs an atom:name")
    for entry in entries:
        alternates = [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if not alternates and entry.find(f"{ATOM}content") is None:
            problems.append("an atom:entry needs an alternate atom:link or an atom:content")
        if not all(link.get("href", "").startswith("http") for link in alternates):
            problems.append("an entry's link must be absolute")
    return problems


def test_the_rfc_rules_catch_a_feed_without_author():
    bare = etree.fromstring(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id>'
        b"<updated>2026-01-01T00:00:00Z</updated><entry><title>e</title><id>urn:e</id>"
        b'<updated>2026-01-01T00:00:00Z</updated><link href="http://e/"/></entry></feed>'
    )
    assert atom_schema().validate(bare)  # the schema alone leaves this rule to Schematron
    assert rfc_4287_problems(bare) == [
        "atom:feed has no atom:author and not every atom:entry has one"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_atom_feed_is_valid_by_rfc_4287_with_the_committee_as_author(
    client, committee_tree, language
):
    pages = committee_tree.pages[language]
    response = client.get(feed_url(pages["notes"], "atom"))
    feed = etree.fromstring(response.content)
    schema = atom_schema()
    assert schema.validate(feed), schema.error_log
    assert rfc_4287_problems(feed) == []
    authors = feed.findall(f".//{ATOM}author")
    assert len(authors) == 1 + len(feed.findall(f"{ATOM}entry"))
    for author in authors:
        assert author.findtext(f"{ATOM}name") == COMMITTEE[language]
        assert author.findtext(f"{ATOM}uri") == "http://testserver" + pages["notes"].url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.author == COMMITTEE[language]


@pytest.mark.django_db
def test_a_note_made_members_only_leaves_the_feed_in_every_language(client, committee_tree):
    for language in LANGUAGE_CODES:
        note = committee_tree.pages[language]["public_note"]
        note.members_only = True
        note.save_revision().publish()
        body = client.get(feed_url(committee_tree.pages[language]["notes"], "rss")).content
        assert note.title.encode() not in body


@pytest.mark.django_db
def test_listing_filters_by_type_and_topic(client, committee_tree):
    notes = committee_tree.pages["fr"]["notes"]
    by_topic = client.get(notes.url, {"topic": "ethics"}).content.decode()
    assert committee_tree.pages["fr"]["public_note"].title in by_topic
    assert "Éthique" in by_topic  # the topic's French name
    by_type = client.get(notes.url, {"type": "meeting_notes"}).content.decode()
    assert committee_tree.pages["fr"]["public_note"].title not in by_type
    tampered = client.get(notes.url, {"type": "<script>", "topic": "x' OR 1=1", "page": "zz"})
    assert tampered.status_code == 200
    assert client.get(notes.url, {"page": "999"}).status_code == 404


@indexed_once()
def add_notes(index, numbers, topics):
    for number in numbers:
        add_note(
            index,
            f"note-{number}",
            f"Note number {number}",
            members_only=number % 3 == 0,
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
            topics=topics,
        )


def listing_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.django_db
def test_listing_queries_stay_flat_from_10_to_100_notes(client, committee_tree, people):
    """For a visitor and a signed-in member alike, on the same notes (built once: a hundred
    pages take seconds)."""
    member = Client()
    member.force_login(people.committee)
    visitors = {"anonymous": client, "committee": member}
    notes = committee_tree.pages["en"]["notes"]
    topics = list(Topic.objects.filter(locale=notes.locale))
    CommitteeNotePage.objects.child_of(notes).delete()
    add_notes(notes, range(10), topics)
    for browser in visitors.values():
        browser.get(notes.url)  # warm the site caches once
    few = {name: listing_queries(browser, notes.url)[0] for name, browser in visitors.items()}
    add_notes(notes, range(10, 100), topics)
    for name, browser in visitors.items():
        many, listing = listing_queries(browser, notes.url)
        assert many == few[name], (name, few[name], many)
        # A signed-in member adds the session, the user and their groups.
        assert many <= (10 if name == "anonymous" else 12), (name, many)
        assert listing.content.decode().count('class="note"') == 10  # one page of ten
        filtered, _response = listing_queries(browser, notes.url + "?topic=ethics&page=3")
        assert filtered <= many + 1, (name, filtered, many)
