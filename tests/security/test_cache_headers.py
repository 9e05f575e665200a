"""No private response can end up in a shared cache: the Cache-Control matrix, each role on
each kind of page."""

import pytest

from certificates.views import calendar_token
from web.cache_headers import PRIVATE

ROLES = ["anonymous", "participant", "committee", "editor"]
PUBLIC_PAGES = ["home", "about", "cohorts", "events", "notes", "public_note", "search"]
PRIVATE_PAGES = ["library", "private_note", "document", "my_space", "calendar"]


def url_of(world, kind):
    english = world.site_tree.translations["en"]
    committee = world.pages["en"]
    urls = {
        "home": english["home"].url,
        "about": english["about"].url,
        "cohorts": english["cohorts"].url,
        "events": english["events"].url,
        "notes": committee["notes"].url,
        "public_note": committee["public_note"].url,
        "private_note": committee["private_note"].url,
        "library": committee["library"].url,
        "document": world.document.url,
        "search": "/en/search/?q=committee",
        "my_space": "/en/members/",
        "calendar": f"/en/certificates/calendar/{calendar_token(world.people.participant)}.ics",
    }
    return urls[kind]


def client_for(client, world, role):
    if role != "anonymous":
        client.force_login(getattr(world.people, role))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", PUBLIC_PAGES + PRIVATE_PAGES)
def test_cache_control_matrix(client, committee_tree, role, kind):
    response = client_for(client, committee_tree, role).get(url_of(committee_tree, kind))
    assert response.status_code in {200, 302}, kind
    cache_control = response["Cache-Control"]
    if role == "anonymous" and kind in PUBLIC_PAGES:
        assert cache_control.startswith("public, max-age="), (kind, cache_control)
        assert "private" not in cache_control
    else:
        assert cache_control == PRIVATE, (role, kind, cache_control)
    assert "Cookie" in response.get("Vary", "")


@pytest.mark.django_db
def test_pages_with_a_form_are_private_because_of_their_csrf_token(client, committee_tree):
    response = client.get("/en/members/login/")
    assert response["Cache-Control"] == PRIVATE


@pytest.mark.django_db
def test_the_application_status_link_is_private(client, committee_tree):
    # A receipt or status token in the address is as private as a session.
    response = client.get("/en/certificates/verify/AAAA-AAAA-AAAA-AAAA/")
    assert "public" not in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["participant", "editor"])
def test_the_admin_is_private(client, committee_tree, role):
    response = client_for(client, committee_tree, role).get("/admin/")
    assert response["Cache-Control"] == PRIVATE
