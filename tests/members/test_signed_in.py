"""A member already signed in who opens the sign-in page goes on to "my space" (or to the
page asked for), not to the form again."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_signed_in_member_goes_on_to_my_space(site_tree, client, committee_member):
    client.force_login(committee_member)
    response = client.get("/de/mitglieder/anmelden/")
    assert response.status_code == 302
    assert response["Location"] == "/de/mitglieder/"
    asked = client.get("/de/mitglieder/anmelden/", {"next": "/de/"})
    assert asked["Location"] == "/de/"


def test_a_visitor_gets_the_form(site_tree, client):
    response = client.get("/de/mitglieder/anmelden/")
    assert response.status_code == 200
    assert b'name="password"' in response.content
