"""A committee member opening the admin finds their own notes: drafts first on the dashboard,
and the admin's menu leads to the notes section of their language."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from committee.models import CommitteeMember, CommitteeNotePage

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
    signed.authors.add(member)
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
