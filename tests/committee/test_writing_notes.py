"""A committee member writing notes: the authors are chosen with Wagtail's chooser, a new note
starts signed by its writer, a member translates their own notes or asks the editors for a
translation, and a translated note gets a slug in its own language."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

from committee.emails import TRANSLATION_REQUEST, build_translation_request
from committee.models import CommitteeMember, CommitteeNotePage, NoteAuthor
from committee.note_translations import translate_note
from mail.kinds import get_kind
from mail.models import OutgoingEmail
from members.groups import COMMITTEE_MEMBERS
from tests.accounts import make_user
from tests.conftest import publish_translation
from tests.fixtures.committee import add_note

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
    assert chooser_url in html
    assert '"ACTIVE_CONTENT_LOCALE": "fr"' in html, "the chooser opens on the note's language"
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


def new_note_data(writer, **fields):
    return nested_form_data(
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
            **fields,
        }
    )


def test_the_writer_is_saved_as_the_author_of_a_new_note(client, committee_tree, people):
    notes = committee_tree.pages["fr"]["notes"]
    writer = member_for(people.committee, notes.locale)
    client.force_login(people.committee)
    response = client.post(add_note_url(notes), new_note_data(writer))
    assert response.status_code == 302, response.content.decode()[:2000]
    note = CommitteeNotePage.objects.get(slug="reunion-de-mai")
    assert note.author_members() == [writer]
    assert writer.name in client.get(note.url).content.decode()


def test_writing_a_note_again_after_an_abandoned_draft_says_where_the_draft_is(
    client, committee_tree, people
):
    notes = committee_tree.pages["fr"]["notes"]
    writer = member_for(people.committee, notes.locale)
    client.force_login(people.committee)
    abandoned = new_note_data(writer)
    del abandoned["action-publish"]  # what autosave keeps: a draft, never published
    assert client.post(add_note_url(notes), abandoned).status_code == 302
    draft = CommitteeNotePage.objects.get(slug="reunion-de-mai")
    assert not draft.live

    response = client.post(add_note_url(notes), new_note_data(writer))

    assert response.status_code == 200
    title_errors = response.context["form"].errors["title"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert any(edit_url in error and "Réunion de mai" in error for error in title_errors)
    assert CommitteeNotePage.objects.filter(slug="reunion-de-mai").count() == 1


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


def test_a_translation_keeps_the_signatures_of_its_source(client, committee_tree, people):
    notes = committee_tree.pages["en"]["notes"]
    author = member_for(people.committee, notes.locale)
    note = add_note(notes, "july-meeting", "July meeting", members_only=False)
    NoteAuthor.objects.create(note=note, member=author)
    french = publish_translation(note, Locale.objects.get(language_code="fr"), "Juillet")
    line = french.note_authors.get()
    assert line.member == author
    client.force_login(people.editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[french.pk]),
        nested_form_data(
            {
                "title": "Réunion de juillet",
                "slug": french.slug,
                "date": "2026-07-04",
                "note_type": "meeting_notes",
                "body": streamfield([]),
                "documents": streamfield([]),
                "comments": inline_formset([]),
                "note_authors": inline_formset(
                    [{"id": line.pk, "member": author.pk, "ORDER": 1}], initial=1
                ),
                "action-publish": "1",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CommitteeNotePage.objects.get(pk=french.pk).author_members() == [author]


def test_a_member_signs_a_note_only_once(client, committee_tree, people):
    notes = committee_tree.pages["fr"]["notes"]
    writer = member_for(people.committee, notes.locale)
    client.force_login(people.committee)
    response = client.post(
        add_note_url(notes),
        nested_form_data(
            {
                "title": "Réunion de juillet",
                "slug": "reunion-de-juillet",
                "date": "2026-07-04",
                "note_type": "meeting_notes",
                "body": streamfield([]),
                "documents": streamfield([]),
                "comments": inline_formset([]),
                "note_authors": inline_formset([{"member": writer.pk}, {"member": writer.pk}]),
                "action-publish": "1",
            }
        ),
    )
    assert response.status_code == 200
    assert "Each author can sign a note only once." in response.content.decode()
    assert not CommitteeNotePage.objects.filter(slug="reunion-de-juillet").exists()


def test_asking_starts_with_no_language_ticked_and_sends_the_ones_chosen(
    client, committee_tree, people
):
    note = french_note(committee_tree, people.committee)
    client.force_login(people.committee)
    soup = BeautifulSoup(client.get(ask_url(note)).content, "html.parser")
    boxes = soup.find_all("input", attrs={"name": "locales"})
    assert len(boxes) == 5 and not [box for box in boxes if box.has_attr("checked")]
    chosen = Locale.objects.filter(language_code__in=["it", "es"])
    response = client.post(ask_url(note), {"locales": [locale.pk for locale in chosen]})
    assert response.status_code == 302
    email = OutgoingEmail.objects.get(kind=TRANSLATION_REQUEST)
    assert sorted(email.options["languages"]) == ["es", "it"]


def test_asking_with_no_language_chosen_says_so(client, committee_tree, people):
    note = french_note(committee_tree, people.committee)
    client.force_login(people.committee)
    response = client.post(ask_url(note), {})
    assert response.status_code == 200
    assert "Choose at least one language." in response.content.decode()
    assert not OutgoingEmail.objects.filter(kind=TRANSLATION_REQUEST).exists()


# --- Translating one's own note ---------------------------------------------------------------


def refused(response):
    """Wagtail's admin answers a refusal with 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def translate_url(note):
    return reverse("committee_admin:translate_note", args=[note.pk])


def ask_url(note):
    return reverse("committee_admin:ask_translation", args=[note.pk])


def french_note(committee_tree, owner, slug="reunion-de-mai", title="Réunion de mai", **fields):
    notes = committee_tree.pages["fr"]["notes"]
    return add_note(notes, slug, title, members_only=fields.pop("members_only", False),
                    owner=owner, **fields)  # fmt: skip


def test_a_committee_member_opens_the_translate_view_for_their_own_note(
    client, committee_tree, people
):
    note = french_note(committee_tree, people.committee)
    client.force_login(people.committee)
    response = client.get(translate_url(note))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    offered = {box["value"] for box in soup.find_all("input", attrs={"name": "locales"})}
    expected = Locale.objects.exclude(language_code="fr").values_list("pk", flat=True)
    assert offered == {str(pk) for pk in expected}


def test_a_committee_member_cannot_translate_another_members_note(client, committee_tree, people):
    someone_else = make_user("ines", committee_tree.groups[COMMITTEE_MEMBERS])
    note = french_note(committee_tree, someone_else)
    client.force_login(people.committee)
    assert refused(client.get(translate_url(note)))
    english = Locale.objects.get(language_code="en")
    assert refused(client.post(translate_url(note), {"locales": [english.pk]}))
    assert not note.get_translations().exists()
    # wagtail-localize's own view stays closed to them too.
    localize_url = reverse("wagtail_localize:submit_page_translation", args=[note.pk])
    assert client.get(localize_url).status_code in (302, 403)


def test_the_note_page_header_offers_translate_and_ask(client, committee_tree, people):
    note = french_note(committee_tree, people.committee)
    other = french_note(committee_tree, people.editor, slug="autre", title="Autre note")
    client.force_login(people.committee)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[note.pk])).content.decode()
    assert translate_url(note) in html and ask_url(note) in html
    html = client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).content.decode()
    assert translate_url(other) not in html and ask_url(other) not in html


def test_the_notes_listing_offers_them_on_the_writers_notes_only(client, committee_tree, people):
    note = french_note(committee_tree, people.committee)
    client.force_login(people.committee)
    listing = reverse("wagtailadmin_explore", args=[note.get_parent().pk])
    html = client.get(listing).content.decode()
    assert translate_url(note) in html and ask_url(note) in html
    public_note = committee_tree.pages["fr"]["public_note"]  # not theirs, and in every language
    assert ask_url(public_note) not in html
    # Editors keep wagtail-localize's own "Translate this page".
    client.force_login(people.editor)
    html = client.get(listing).content.decode()
    assert translate_url(note) not in html
    assert reverse("wagtail_localize:submit_page_translation", args=[note.pk]) in html


def test_translating_starts_a_draft_the_writer_can_edit(client, committee_tree, people):
    note = french_note(committee_tree, people.committee, members_only=True)
    english = Locale.objects.get(language_code="en")
    client.force_login(people.committee)
    response = client.post(translate_url(note), {"locales": [english.pk]})
    assert response.status_code == 302
    translated = note.get_translation(english)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[translated.pk])
    assert not translated.live, "untranslated text is never published on its own"
    assert client.get(response["Location"]).status_code == 200  # the translation editor
    client.logout()
    assert client.get(f"/en/committee/notes/{translated.slug}/").status_code == 404


def publish_translated(note, locale, title, user):
    """What the translation editor does: translate the title, then publish."""
    source = TranslationSource.objects.get_for_instance(note)
    segment = StringSegment.objects.get(source=source, context__path="title")
    StringTranslation.objects.update_or_create(
        translation_of=segment.string, locale=locale, context=segment.context,
        defaults={"data": title, "translation_type": "manual"},
    )  # fmt: skip
    translation = Translation.objects.get(source=source, target_locale=locale)
    translation.save_target(user=user, publish=True)


def translation_of(note, locale):
    return CommitteeNotePage.objects.get(pk=note.get_translation(locale).pk)


def test_a_translated_note_gets_a_slug_in_its_language(
    client, committee_tree, people, django_capture_on_commit_callbacks
):
    notes = committee_tree.pages["en"]["notes"]
    note = add_note(notes, "may-meeting", "Notes of the May meeting", members_only=False,
                    owner=people.committee)  # fmt: skip
    french = Locale.objects.get(language_code="fr")
    translate_note(note, [french], people.committee)
    with django_capture_on_commit_callbacks(execute=True):
        publish_translated(note, french, "Réunion de mai", people.committee)
    translated = translation_of(note, french)
    assert translated.live
    assert translated.slug == "reunion-de-mai"
    assert translated.url == "/fr/committee/notes/reunion-de-mai/"
    assert client.get(translated.url).status_code == 200
    # A later sync from the source keeps the published address.
    with django_capture_on_commit_callbacks(execute=True):
        publish_translated(note, french, "Compte rendu de mai", people.committee)
    translated = translation_of(note, french)
    assert translated.title == "Compte rendu de mai"
    assert translated.slug == "reunion-de-mai"
    assert translated.get_latest_revision_as_object().slug == "reunion-de-mai"


def test_a_translated_notes_slug_writes_out_umlauts(
    committee_tree, people, django_capture_on_commit_callbacks
):
    notes = committee_tree.pages["en"]["notes"]
    note = add_note(notes, "size-of-cities", "Size of cities", members_only=False,
                    owner=people.committee)  # fmt: skip
    german = Locale.objects.get(language_code="de")
    translate_note(note, [german], people.committee)
    with django_capture_on_commit_callbacks(execute=True):
        publish_translated(note, german, "Größe der Städte", people.committee)
    assert translation_of(note, german).slug == "groesse-der-staedte"


def test_an_untranslated_copy_moves_to_its_slug_and_its_old_address_redirects(
    client, committee_tree, people, django_capture_on_commit_callbacks
):
    notes = committee_tree.pages["en"]["notes"]
    note = add_note(notes, "august-meeting", "August meeting", members_only=False)
    french = Locale.objects.get(language_code="fr")
    # An editor's "Translate this page" publishes an untranslated copy of a live note at once.
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(note, [french], user=people.editor)
    assert translation_of(note, french).url == "/fr/committee/notes/august-meeting/"
    with django_capture_on_commit_callbacks(execute=True):
        publish_translated(note, french, "Réunion d’août", people.editor)
    assert translation_of(note, french).url == "/fr/committee/notes/reunion-daout/"
    response = client.get("/fr/committee/notes/august-meeting/")
    assert response.status_code == 301
    assert response["Location"].endswith("/fr/committee/notes/reunion-daout/")


def test_a_published_translation_keeps_its_address(
    committee_tree, people, django_capture_on_commit_callbacks
):
    notes = committee_tree.pages["en"]["notes"]
    note = add_note(notes, "june-meeting", "Notes of the June meeting", members_only=False,
                    owner=people.committee)  # fmt: skip
    german = Locale.objects.get(language_code="de")
    # Translated and published before wagtail-localize took it over, with the source's slug.
    publish_translation(note, german, "Juni-Sitzung")
    source, _created = TranslationSource.get_or_create_from_instance(note)
    Translation.objects.create(source=source, target_locale=german, enabled=True)
    with django_capture_on_commit_callbacks(execute=True):
        publish_translated(note, german, "Sitzung im Juni", people.committee)
    translated = translation_of(note, german)
    assert translated.title == "Sitzung im Juni"
    assert translated.slug == "june-meeting"


def test_a_members_only_note_stays_private_in_its_translation(
    client, committee_tree, people, django_capture_on_commit_callbacks
):
    note = french_note(committee_tree, people.committee, members_only=True)
    english = Locale.objects.get(language_code="en")
    translate_note(note, [english], people.committee)
    with django_capture_on_commit_callbacks(execute=True):
        publish_translated(note, english, "May meeting", people.committee)
    translated = translation_of(note, english)
    assert translated.live and translated.members_only
    assert translated.url == "/en/committee/notes/may-meeting/"
    listing = client.get("/en/committee/notes/").content.decode()
    assert "May meeting" not in listing
    assert client.get(translated.url).status_code != 200
    client.force_login(people.participant)
    assert client.get(translated.url).status_code == 200


# --- Asking the editors -------------------------------------------------------------------------


def test_asking_for_a_translation_emails_the_editors_in_their_language(
    client, committee_tree, people
):
    profile = UserProfile.get_for_user(people.editor)
    profile.preferred_language = "fr"
    profile.save()
    note = french_note(committee_tree, people.committee)
    client.force_login(people.committee)
    response = client.get(ask_url(note))
    assert response.status_code == 200
    german, italian = Locale.objects.filter(language_code__in=["de", "it"]).order_by("pk")
    response = client.post(ask_url(note), {"locales": [german.pk, italian.pk]})
    assert response.status_code == 302
    email = OutgoingEmail.objects.get(kind=TRANSLATION_REQUEST)
    assert email.record_id == note.pk and email.options["editor_id"] == people.editor.pk
    message = get_kind(TRANSLATION_REQUEST).build(email.record_id, **email.options)
    assert message.to == [people.editor.email]
    assert "traduire" in message.subject and "Réunion de mai" in message.subject
    assert "allemand" in message.body and "italien" in message.body
    assert reverse("wagtail_localize:submit_page_translation", args=[note.pk]) in message.body
    history = client.get(reverse("wagtailadmin_pages:history", args=[note.pk]))
    assert history.status_code == 200


@pytest.mark.parametrize("language", ["fr", "it", "nl", "de", "es"])
def test_the_request_is_written_in_the_editors_language(committee_tree, people, language):
    profile = UserProfile.get_for_user(people.editor)
    profile.preferred_language = language
    profile.save()
    note = french_note(committee_tree, people.committee)
    message = build_translation_request(note.pk, people.editor.pk, people.committee.pk, ["de"])
    english = build_translation_request(note.pk, people.committee.pk, people.committee.pk, ["de"])
    assert message.subject != english.subject
    for line in ["Start the translation:", "The note in the admin:", "Hello", "into:"]:
        assert line in english.body and line not in message.body


def test_only_the_writer_may_ask_for_a_translation(client, committee_tree, people):
    note = french_note(committee_tree, people.editor)
    client.force_login(people.committee)
    assert refused(client.get(ask_url(note)))
    assert refused(client.post(ask_url(note), {}))
    assert not OutgoingEmail.objects.filter(kind=TRANSLATION_REQUEST).exists()


def test_the_translation_screens_keep_their_addresses():
    """Editors may have bookmarked them: the view set keeps the paths of the old wiring."""
    assert (
        reverse("committee_admin:translate_note", args=[7]) == "/admin/committee/notes/7/translate/"
    )
    assert reverse("committee_admin:ask_translation", args=[7]) == (
        "/admin/committee/notes/7/ask-translation/"
    )
