"""A fresh production database becomes a site, not Wagtail's welcome page."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from home.models import HomePage

pytestmark = pytest.mark.django_db

SECTIONS = {"programme", "cohorts", "events", "privacy", "apply", "committee"}


def test_a_fresh_database_becomes_a_site_with_sections_to_write(client):
    assert "Welcome to your new Wagtail site" in client.get("/en/", follow=True).content.decode()
    call_command("bootstrap_site", verbosity=0)
    call_command("bootstrap_site", verbosity=0)  # safe to run again

    homes = HomePage.objects.all()
    assert sorted(home.locale.language_code for home in homes) == sorted(
        ["en", "fr", "it", "nl", "de", "es"]
    )
    assert all(home.live for home in homes)
    english = homes.get(locale__language_code="en")
    sections = {page.slug: page for page in english.get_children()}
    assert set(sections) == SECTIONS
    assert not any(page.live for page in sections.values()), "drafts for editors to write"
    assert {page.slug for page in sections["committee"].get_children()} == {"notes", "library"}
    assert Page.objects.filter(depth=2).count() == 6, "the welcome page is gone"

    for code in ["en", "fr", "de"]:
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        assert "Welcome to your new Wagtail site" not in response.content.decode()
    assert "Efus" in client.get("/fr/").content.decode()
