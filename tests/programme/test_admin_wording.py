"""Wagtail's own words stay Wagtail's: our catalogue gives its short words a message context, so
a word we translate our way ("New" date, "From" status) never replaces Wagtail's in its admin."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

# Wagtail's "add page" heading is "New: <page type>", in Wagtail's own words.
WAGTAIL_NEW = {"fr": "Nouveau", "it": "Nuovo", "nl": "Nieuw", "de": "Neu", "es": "Nuevo"}
OUR_NEW_DATE = {"fr": "Nouvelle date", "it": "Nuova data", "nl": "Nieuwe datum",
                "de": "Neuer Termin", "es": "Nueva fecha"}  # fmt: skip


def admin_in(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.mark.parametrize("language", list(WAGTAIL_NEW))
def test_the_add_page_heading_reads_as_wagtail_wrote_it(client, editor, site_tree, language):
    admin_in(editor, language)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["programme", "programmepage", site_tree.home.pk])
    response = client.get(url)
    assert response.status_code == 200
    heading = BeautifulSoup(response.content, "html.parser").find("h1")
    words = " ".join(heading.get_text(" ").split())
    assert words.startswith(WAGTAIL_NEW[language]), words
    assert OUR_NEW_DATE[language].lower() not in words.lower()


@pytest.mark.parametrize("language", list(WAGTAIL_NEW))
def test_our_short_words_keep_their_meaning_in_their_context(language):
    with translation.override(language):
        assert pgettext("date change", "New") == OUR_NEW_DATE[language]
        assert gettext("New") == WAGTAIL_NEW[language]
        assert pgettext("status change", "From") != gettext("From")
