"""The committee is told (#24.5): members hear of new notes in the languages they follow, of
library documents and of web conferences (with a calendar invitation), each as they come or
in a weekly digest (the default) or not at all, as they choose in "my space"; every email
unsubscribes in one click without signing in. One email per person per change (#24.6)."""

import datetime
import logging
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.users.models import UserProfile

from committee.models import NoticeFrequency, NoticePreference, Resource
from demo.pdf import simple_pdf
from members.groups import COMMITTEE_MEMBERS
from programme.factories import EventFactory
from tests.accounts import make_user
from tests.applications.builders import run_queue
from tests.fixtures.committee import add_note

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(committee_tree):
    """Three committee members: one wants each notice, one the default digest, one nothing."""
    group = committee_tree.groups[COMMITTEE_MEMBERS]
    each, weekly, none = (make_user(name, group) for name in ("edith", "wim", "nora"))
    NoticePreference.objects.create(user=each, frequency=NoticeFrequency.EACH)
    NoticePreference.objects.create(user=none, frequency=NoticeFrequency.NONE)
    mail.outbox.clear()
    return {"each": each, "weekly": weekly, "none": none}


def to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def publish_note(tree, code="en", slug="new-note", title="Facial recognition", **fields):
    return add_note(
        tree.pages[code]["notes"], slug, title, fields.pop("members_only", False), **fields
    )


def test_a_note_reaches_who_wants_each_at_once_and_the_others_in_the_weekly_digest(
    committee_tree, members
):
    note = publish_note(committee_tree)
    note.save_revision().publish()  # published again: nothing new to tell
    run_queue()
    (message,) = mail.outbox
    assert message.to == [members["each"].email]
    assert "Facial recognition" in message.subject and note.url in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    call_command("send_committee_digests", verbosity=0)
    call_command("send_committee_digests", verbosity=0)
    run_queue()
    (digest,) = to(members["weekly"])
    assert "Facial recognition" in digest.body and note.url in digest.body
    assert len(to(members["each"])) == 1, "no digest for who gets each notice"
    assert to(members["none"]) == [], "nothing for who chose no email"


def test_members_follow_their_own_language_and_those_they_add(committee_tree, members):
    each = members["each"]
    profile = UserProfile.get_for_user(each)
    profile.preferred_language = "fr"
    profile.save()
    publish_note(committee_tree, code="de", slug="notiz", title="Gesichtserkennung")
    run_queue()
    assert to(each) == [], "a German note is not in French"

    NoticePreference.objects.filter(user=each).update(languages=["de"])
    publish_note(committee_tree, code="de", slug="notiz-2", title="Videoanalyse", members_only=True)
    run_queue()
    (message,) = to(each)
    assert message.extra_headers["Content-Language"] == "fr"
    assert "Nouvelle note" in message.subject and "connectez-vous" in message.body


def test_library_documents_and_web_conferences_are_told_with_an_invitation(committee_tree, members):
    document = Resource(title="Procurement checklist", collection=committee_tree.collection)
    document.file.save("list.pdf", ContentFile(simple_pdf("List", ["Members."])), save=False)
    document.save()
    event = EventFactory(starts_at=datetime.datetime(2026, 9, 8, 14, 0, tzinfo=datetime.UTC))
    event.save()  # saved again without a new date: nothing new
    run_queue()
    subjects = sorted(message.subject for message in to(members["each"]))
    assert len(subjects) == 2 and any("Procurement checklist" in s for s in subjects)
    (invitation,) = [m for m in to(members["each"]) if len(m.alternatives) == 2]
    assert "method=REQUEST" in invitation.alternatives[1][1]
    assert "SEQUENCE:0" in invitation.alternatives[1][0]

    mail.outbox.clear()
    event.starts_at += datetime.timedelta(days=1)
    event.ends_at += datetime.timedelta(days=1)
    event.save()
    run_queue()
    (moved,) = to(members["each"])
    assert "SEQUENCE:1" in moved.alternatives[1][0]
    assert len(mail.outbox) == 1


def test_one_click_unsubscribe_works_without_signing_in_and_is_logged(
    committee_tree, members, client, caplog
):
    publish_note(committee_tree)
    run_queue()
    (message,) = mail.outbox
    path = message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix(settings.BASE_URL)
    with caplog.at_level(logging.INFO, logger="mail.unsubscribe"):
        response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NoticePreference.objects.get(user=members["each"]).frequency == NoticeFrequency.NONE
    assert "committee.notices" in caplog.text and members["each"].email not in caplog.text
    mail.outbox.clear()
    publish_note(committee_tree, slug="another")
    run_queue()
    assert mail.outbox == []


def test_members_choose_in_my_space_and_bad_input_saves_nothing(
    committee_tree, members, client, people
):
    weekly = members["weekly"]
    client.force_login(weekly)
    space = client.get(reverse("members:my_space")).content.decode()
    assert re.search(r'value="weekly"[^>]*checked', space), "the digest is the default"
    url = reverse("committee:notice_preferences")
    answer = client.post(url, {"frequency": "hourly", "languages": ["fr"]})
    assert answer.status_code == 200 and "hourly" in answer.content.decode()
    assert not NoticePreference.objects.filter(user=weekly).exists()
    answer = client.post(url, {"frequency": "each", "languages": ["fr", "it"]})
    assert answer.status_code == 302
    saved = NoticePreference.objects.get(user=weekly)
    assert (saved.frequency, saved.languages) == ("each", ["fr", "it"])
    client.force_login(people.participant)
    assert client.post(url, {"frequency": "each"}).status_code == 403


def test_a_burst_of_changes_sends_each_person_one_email_per_change_and_one_digest(
    committee_tree, members
):
    for number in range(12):
        publish_note(committee_tree, slug=f"burst-{number}", title=f"Note {number}")
    run_queue()
    assert len(to(members["each"])) == 12
    assert to(members["weekly"]) == [] and to(members["none"]) == []
    call_command("send_committee_digests", verbosity=0)
    run_queue()
    (digest,) = to(members["weekly"])
    assert all(f"Note {number}" in digest.body for number in range(12))
