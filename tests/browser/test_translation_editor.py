"""The translation editor in German (issue #23): wagtail-localize's React editor and Wagtail's
side panel read in the editor's language, without the English words they ship with ("English
to Deutsch translation", "More actions", "Locale")."""

import json

import pytest
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from programme.factories import ProgrammePageFactory
from tests.browser.test_data_requests import sign_in_as

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BODY = [
    {"type": "heading", "value": {"text": "Who it is for", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Officials and elected representatives.</p>"},
]
ENGLISH = ["English to Deutsch translation", "More actions", "Locale", "Switch locales"]


def test_the_german_translation_editor_has_no_english_words_of_its_own(
    page, live_server, site_tree, locales, editor
):
    about = ProgrammePageFactory(
        parent=site_tree.home, slug="who", title="Who it is for", body=json.dumps(BODY)
    )
    source, _created = TranslationSource.get_or_create_from_instance(about)
    Translation.objects.create(source=source, target_locale=locales["de"]).save_target()
    german = about.get_translation(locales["de"])
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.save()
    sign_in_as(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/pages/{german.pk}/edit/")
    heading = page.get_by_role("heading", name="Übersetzung English → Deutsch")
    heading.wait_for()
    # The side panel and the hidden labels too (what a screen reader reads).
    page.get_by_role("button", name="Status umschalten").click()
    text = page.evaluate("() => document.body.textContent")
    assert "Sprache:" in text and "In 2 Sprachen verfügbar" in text
    for words in ENGLISH:
        assert words not in text, words
    assert page.locator(".js-translation-editor .w-sr-only", has_text="Mehr Aktionen").count()
