"""A committee member writes a note in French: the authors panel starts with them, and Wagtail's
chooser adds a co-author among the French committee members only; then they ask the editors for
translations."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from committee.emails import TRANSLATION_REQUEST
from committee.models import CommitteeMember, CommitteeNotePage
from mail.models import OutgoingEmail
from tests.accounts import PASSWORD
from tests.fixtures.committee import build_committee_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/en/members/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def is_the_form_sent(response):
    """The answer to the editor's form sent by its buttons (a page load), not to an autosave."""
    return response.request.method == "POST" and response.request.is_navigation_request()


def test_a_member_signs_a_new_note_and_adds_a_co_author(
    page, live_server, assert_accessible, settings
):
    # Wagtail's autosave watches the form from two seconds after it loads, so only on a busy
    # machine does it see these fields filled, and it then sends the form beside "Save draft"
    # (a refused autosave to the creation address was logged when this test failed under load).
    # This test is about the authors; autosave's race with the button is Wagtail's own.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    world = build_committee_world()
    locales = world.site_tree.locales
    member = {"role": "ai_expert", "organisation": "Efus"}
    CommitteeMember.objects.create(
        name="Carlos Ruiz", account=world.people.committee, locale=locales["fr"], **member
    )
    CommitteeMember.objects.create(name="Ana Martín", locale=locales["fr"], **member)
    CommitteeMember.objects.create(name="Only In English", locale=locales["en"], **member)
    notes = world.pages["fr"]["notes"]

    sign_in(page, live_server, "carlos")
    page.goto(f"{live_server.url}/admin/pages/add/committee/committeenotepage/{notes.pk}/")
    authors = page.locator("#id_note_authors-FORMS")
    assert authors.get_by_text("Carlos Ruiz").is_visible()

    page.locator("#id_note_authors-OPEN_MODAL").click()
    modal = page.locator(".modal-content")
    modal.get_by_text("Ana Martín").wait_for()
    assert modal.get_by_text("Only In English").count() == 0
    modal.get_by_title("Select Ana Martín").check()
    modal.get_by_role("button", name="Confirm selection").click()
    authors.get_by_text("Ana Martín").wait_for()
    assert authors.get_by_text("Carlos Ruiz").is_visible()

    # Saved as a draft, the note is signed by both, in that order.
    page.locator("#id_title").fill("Réunion de mai")
    page.locator("#id_date").fill("2026-05-04")
    page.locator("#id_note_type").select_option("meeting_notes")
    # Wagtail's script fills the slug from the title once the title is left: wait for it rather
    # than assume it (without one the form comes back asking for it).
    expect(page.locator("#id_slug")).not_to_have_value("")
    with page.expect_response(is_the_form_sent) as sent:
        page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    # Saved, Wagtail sends the writer on to the note's edit page; refused, it says why.
    assert sent.value.status == 302, page.locator(".messages, .error-message").all_inner_texts()
    note = CommitteeNotePage.objects.get(title="Réunion de mai")
    assert [author.name for author in note.author_members()] == ["Carlos Ruiz", "Ana Martín"]

    # Its writer asks the editors for Italian and Spanish: nothing is ticked at first.
    page.goto(f"{live_server.url}{reverse('committee_admin:ask_translation', args=[note.pk])}")
    assert not page.get_by_label("German").is_checked()
    assert_accessible(page)
    page.get_by_label("Italian").check()
    page.get_by_label("Spanish").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Ask the editors").click()
    assert page.get_by_text("The editors have been asked to translate").is_visible()
    email = OutgoingEmail.objects.get(kind=TRANSLATION_REQUEST, record_id=note.pk)
    assert email.options["languages"] == ["es", "it"]
