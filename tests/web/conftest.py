"""Shared by the page privacy tests: a section with a page under it, in English and French,
and the editor's click in Wagtail's privacy dialog."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from programme.factories import ProgrammePageFactory
from tests.conftest import publish_translation


@pytest.fixture
def pages(site_tree):
    """A section (about) with a page under it, each also in French."""
    about = site_tree.about
    child = ProgrammePageFactory(parent=about, slug="methods", title="Methods")
    french_child = publish_translation(child, site_tree.locales["fr"], "Méthodes")
    return about, child, french_child, site_tree.translations["fr"]["about"]


def restrict_in_privacy_dialog(client, editor, page):
    """The editor's click: Wagtail's privacy dialog, "Private, accessible to logged-in users"."""
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        {"restriction_type": PageViewRestriction.LOGIN, "password": "", "groups": []},
    )
    assert response.status_code == 200, response.content[:500]
    assert PageViewRestriction.objects.filter(page=page).exists()
    client.logout()
