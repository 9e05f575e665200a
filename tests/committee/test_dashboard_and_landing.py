"""A committee member opening the admin finds their own notes: drafts first on the dashboard,
and the admin's menu leads to the notes section of their language."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

from committee.models import CommitteeMember, CommitteeNotePage, NoteAuthor

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("wagtailadmin_home")


def draft_note(index, owner, title):
    note = CommitteeNotePage(
        title=title, slug=title.lower().replace(" ", "-"), date=datetime.date(2026, 3, 2),
        note_type="recommendation", owner=owner, live=False,
    )  # fmt: skip
    index.add_child(instance=note)
    note.save_revision(user=owner)
    return note


def section_text(soup, panel_id):
    section = soup.find(id=f"{panel_id}-section")
    return " ".join(section.get_text(" ").split()) if section else None


def test_a_committee_member_sees_their_drafts_and_notes(client, committee_tree, people):
    carlos = people.committee
    notes = committee_tree.pages["en"]["notes"]
    draft_note(notes, carlos, "My draft on facial recognition")
    signed = CommitteeNotePage.objects.get(pk=committee_tree.pages["fr"]["public_note"].pk)
    member = CommitteeMember.objects.create(
        name="Carlos", role="expert", organisation="Efus", account=carlos,
        locale=signed.locale,
    )  # fmt: skip
    NoteAuthor.objects.create(note=signed, member=member)
    signed.save()
    client.force_login(carlos)
    soup = BeautifulSoup(client.get(DASHBOARD).content, "html.parser")
    mine = section_text(soup, "my-notes")
    assert mine is not None
    assert mine.index("My draft on facial recognition") < mine.index(signed.title)
    assert "Draft" in mine and "Published" in mine
    assert committee_tree.pages["en"]["private_note"].title not in mine, "not theirs"
    assert soup.find("a", href=reverse(
        "wagtailadmin_pages:add", args=["committee", "committeenotepage", notes.pk]
    ))  # fmt: skip
    assert section_text(soup, "waiting-applications") is None


def test_editors_do_not_get_the_committee_panel(client, committee_tree, people):
    client.force_login(people.editor)
    soup = BeautifulSoup(client.get(DASHBOARD).content, "html.parser")
    assert section_text(soup, "my-notes") is None


def sidebar(response):
    """The admin's main menu, as Wagtail hands it to its sidebar (JSON props)."""
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find(id="wagtail-sidebar-props").string


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_menu_leads_a_committee_member_to_the_notes_of_their_language(
    client, committee_tree, people, language
):
    carlos = people.committee
    profile = UserProfile.get_for_user(carlos)
    profile.preferred_language = language
    profile.save()
    client.force_login(carlos)
    section = committee_tree.pages[language]["notes"]
    menu = sidebar(client.get(DASHBOARD))
    assert reverse("wagtailadmin_explore", args=[section.pk]) in menu
    assert {"fr": "Mes notes", "nl": "Mijn notities"}[language] in menu
    explorer = client.get(reverse("wagtailadmin_explore", args=[section.pk]))
    assert explorer.status_code == 200
    assert "will not be accessible" not in explorer.content.decode()


def test_editors_keep_the_page_explorer(client, committee_tree, people):
    client.force_login(people.editor)
    menu = sidebar(client.get(DASHBOARD))
    notes = committee_tree.pages["en"]["notes"]
    assert reverse("wagtailadmin_explore", args=[notes.pk]) not in menu
    assert "My notes" not in menu
