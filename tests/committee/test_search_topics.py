"""Search finds the programme's own topics in each language (#20, point 8): a note by the name
of its topic, an event by its topic's title, whatever words the page itself uses."""

import pytest
from bs4 import BeautifulSoup

from committee.models import Topic
from programme.factories import EventFactory
from programme.models import EventTopic
from tests.conftest import LANGUAGE_CODES
from tests.fixtures.committee import add_note

pytestmark = pytest.mark.django_db

NOTE_TOPICS = {
    "en": "Video surveillance",
    "fr": "Vidéosurveillance",
    "it": "Videosorveglianza",
    "nl": "Camerabewaking",
    "de": "Videoüberwachung",
    "es": "Videovigilancia",
}
EVENT_TOPICS = {
    "en": "Public procurement",
    "fr": "Achats publics",
    "it": "Appalti pubblici",
    "nl": "Overheidsaanbestedingen",
    "de": "Öffentliche Beschaffung",
    "es": "Contratación pública",
}


def result_links(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {a.get_text(strip=True): a["href"] for a in soup.select("ul.results a")}


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_a_topic_name_finds_its_notes(committee_tree, client, code):
    notes = committee_tree.pages[code]["notes"]
    topic = Topic.objects.create(name=NOTE_TOPICS[code], slug="cameras", locale=notes.locale)
    note = add_note(notes, f"square-{code}", f"On the square ({code})", False, topics=[topic])
    found = result_links(client.get(f"/{code}/search/", {"q": NOTE_TOPICS[code]}))
    assert found.get(note.title) == note.url
    elsewhere = "en" if code != "en" else "fr"
    assert note.title not in result_links(
        client.get(f"/{elsewhere}/search/", {"q": NOTE_TOPICS[code]})
    )


def test_an_event_topic_finds_the_events_page_in_each_language(committee_tree, client):
    locales = committee_tree.site_tree.locales
    english = EventTopic.objects.create(title=EVENT_TOPICS["en"], locale=locales["en"])
    for code in LANGUAGE_CODES[1:]:
        EventTopic.objects.create(
            title=EVENT_TOPICS[code],
            locale=locales[code],
            translation_key=english.translation_key,
        )
    EventFactory(topic=english)
    for code in LANGUAGE_CODES:
        events = committee_tree.site_tree.translations[code]["events"]
        found = result_links(client.get(f"/{code}/search/", {"q": EVENT_TOPICS[code]}))
        assert found.get(EVENT_TOPICS[code]) == events.url, code
