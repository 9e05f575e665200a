"""Page privacy holds in every language tree, whenever the restriction or the translation came."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from members.groups import MEMBER_GROUPS
from programme.models import ProgrammePage
from tests.conftest import LANGUAGE_CODES, TRANSLATED_CODES, publish_translation


def restrict(page, groups):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([groups[name] for name in MEMBER_GROUPS])
    return restriction


def restricted_group_names(page):
    restrictions = list(PageViewRestriction.objects.filter(page=page))
    assert len(restrictions) == 1, restrictions
    return set(restrictions[0].groups.values_list("name", flat=True))


@pytest.fixture
def translated_page(committee_tree):
    """A committee-section page already translated into every language, not yet restricted."""
    committee = committee_tree.pages["en"]["committee"]
    english = ProgrammePage(title="Working papers", slug="working-papers")
    committee.add_child(instance=english)
    english.save_revision().publish()
    pages = {"en": english}
    for code in TRANSLATED_CODES:
        pages[code] = publish_translation(
            english, committee_tree.site_tree.locales[code], f"Working papers ({code})"
        )
    return pages


@pytest.mark.django_db
def test_restricting_a_translated_page_restricts_every_language(
    client, committee_tree, translated_page
):
    for page in translated_page.values():
        assert client.get(page.url).status_code == 200
    restrict(translated_page["en"], committee_tree.groups)
    for code in LANGUAGE_CODES:
        page = translated_page[code]
        assert restricted_group_names(page) == set(MEMBER_GROUPS)
        response = client.get(page.url)
        assert response.status_code == 302, code
        with translation.override(code):
            assert response["Location"].startswith(reverse("members:login")), code


@pytest.mark.django_db
def test_restricting_a_translation_restricts_the_source_too(
    client, committee_tree, translated_page
):
    restrict(translated_page["nl"], committee_tree.groups)
    assert client.get(translated_page["en"].url).status_code == 302
    assert client.get(translated_page["es"].url).status_code == 302


@pytest.mark.django_db
def test_changing_the_groups_follows_in_every_language(committee_tree, translated_page):
    restriction = restrict(translated_page["en"], committee_tree.groups)
    restriction.groups.remove(committee_tree.groups["Participants"])
    for code in LANGUAGE_CODES:
        assert "Participants" not in restricted_group_names(translated_page[code])


@pytest.mark.django_db
def test_a_page_translated_after_it_was_restricted_is_restricted(client, committee_tree):
    committee = committee_tree.pages["en"]["committee"]
    english = ProgrammePage(title="Members' corner", slug="members-corner")
    committee.add_child(instance=english)
    english.save_revision().publish()
    restrict(english, committee_tree.groups)
    italian = publish_translation(english, committee_tree.site_tree.locales["it"], "Angolo soci")
    assert restricted_group_names(italian) == set(MEMBER_GROUPS)
    assert client.get(italian.url).status_code == 302


@pytest.mark.django_db
def test_an_untranslated_alias_is_restricted_too(client, committee_tree):
    committee = committee_tree.pages["en"]["committee"]
    english = ProgrammePage(title="Draft agenda", slug="draft-agenda")
    committee.add_child(instance=english)
    english.save_revision().publish()
    german_parent = committee_tree.pages["de"]["committee"]
    alias = english.create_alias(
        parent=Page.objects.get(pk=german_parent.pk), update_locale=german_parent.locale
    )
    assert client.get(alias.url).status_code == 200
    restrict(english, committee_tree.groups)
    assert restricted_group_names(alias) == set(MEMBER_GROUPS)
    assert client.get(alias.url).status_code == 302


@pytest.mark.django_db
def test_making_a_note_members_only_restricts_its_translations_at_once(client, committee_tree):
    """The source's box is enough: translations are closed before they are re-synced."""
    english = committee_tree.pages["en"]["public_note"]
    english.members_only = True
    english.save_revision().publish()
    for code in LANGUAGE_CODES:
        assert client.get(committee_tree.pages[code]["public_note"].url).status_code == 302, code


@pytest.mark.django_db
def test_a_draft_does_not_change_who_may_read_a_note(client, committee_tree):
    english = committee_tree.pages["en"]["private_note"]
    english.members_only = False
    english.save_revision()  # saved as a draft, not published
    assert client.get(english.url).status_code == 302
