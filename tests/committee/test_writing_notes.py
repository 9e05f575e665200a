"""A committee member writing notes: the authors are chosen with Wagtail's chooser, a new note
starts signed by its writer, a member translates their own notes or asks the editors for a
translation, and a translated note gets a slug in its own language."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from committee.models import CommitteeMember, CommitteeNotePage, NoteAuthor

pytestmark = pytest.mark.django_db


def member_for(user, locale, name="Carlos Ruiz"):
    return CommitteeMember.objects.create(
        name=name, role="ai_expert", organisation="Efus", account=user, locale=locale
    )


def add_note_url(notes):
    return reverse("wagtailadmin_pages:add", args=["committee", "committeenotepage", notes.pk])


def authors_panel(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find(id="id_note_authors-TOTAL_FORMS"), soup


def test_the_authors_are_chosen_with_the_committee_member_chooser(client, committee_tree, people):
    note = committee_tree.pages["fr"]["public_note"]
    client.force_login(people.committee)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[note.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_note_authors-OPEN_MODAL"' in html
    assert "new MultipleChooserPanel(" in html
    chooser_url = reverse("wagtailsnippetchoosers_committee_committeemember:choose")
    assert f"{chooser_url}?locale=fr" in html, "the chooser opens on the note's language"
    assert 'name="authors"' not in html, "no more plain multiple select"


def test_a_new_note_starts_signed_by_its_writer(client, committee_tree, people):
    notes = committee_tree.pages["fr"]["notes"]
    writer = member_for(people.committee, notes.locale)
    member_for(people.committee, committee_tree.pages["en"]["notes"].locale)  # another language
    client.force_login(people.committee)
    response = client.get(add_note_url(notes))
    assert response.status_code == 200
    total, soup = authors_panel(response)
    assert total is not None and total["value"] == "1"
    chosen = soup.find(attrs={"name": "note_authors-0-member"})
    assert chosen is not None and chosen["value"] == str(writer.pk)
    assert writer.name in response.content.decode()


def test_the_writer_is_saved_as_the_author_of_a_new_note(client, committee_tree, people):
    notes = committee_tree.pages["fr"]["notes"]
    writer = member_for(people.committee, notes.locale)
    client.force_login(people.committee)
    response = client.post(
        add_note_url(notes),
        nested_form_data(
            {
                "title": "Réunion de mai",
                "slug": "reunion-de-mai",
                "date": "2026-05-04",
                "note_type": "meeting_notes",
                "summary": "Ce que nous avons décidé.",
                "body": streamfield([]),
                "documents": streamfield([]),
                "comments": inline_formset([]),
                "note_authors": inline_formset([{"member": writer.pk}]),
                "action-publish": "1",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    note = CommitteeNotePage.objects.get(slug="reunion-de-mai")
    assert note.author_members() == [writer]
    assert writer.name in client.get(note.url).content.decode()


def test_an_author_of_another_language_is_refused(client, committee_tree, people):
    notes = committee_tree.pages["fr"]["notes"]
    english = member_for(people.committee, committee_tree.pages["en"]["notes"].locale)
    client.force_login(people.committee)
    response = client.post(
        add_note_url(notes),
        nested_form_data(
            {
                "title": "Réunion de juin",
                "slug": "reunion-de-juin",
                "date": "2026-06-04",
                "note_type": "meeting_notes",
                "body": streamfield([]),
                "documents": streamfield([]),
                "comments": inline_formset([]),
                "note_authors": inline_formset([{"member": english.pk}]),
                "action-publish": "1",
            }
        ),
    )
    assert response.status_code == 200
    assert not CommitteeNotePage.objects.filter(slug="reunion-de-juin").exists()
    assert not NoteAuthor.objects.filter(member=english).exists()
