"""Member pages have addresses in each language; the English addresses first published in the
other languages lead there permanently."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

SIGN_IN = {
    "en": "/en/members/login/",
    "fr": "/fr/membres/connexion/",
    "it": "/it/membri/accesso/",
    "nl": "/nl/leden/inloggen/",
    "de": "/de/mitglieder/anmelden/",
    "es": "/es/miembros/acceso/",
}


@pytest.mark.parametrize("code", list(SIGN_IN))
def test_the_sign_in_page_has_an_address_in_its_language(site_tree, client, code):
    with translation.override(code):
        assert reverse("members:login") == SIGN_IN[code]
    assert client.get(SIGN_IN[code]).status_code == 200


@pytest.mark.parametrize(
    "old, new",
    [
        ("/fr/members/login/?next=/fr/", "/fr/membres/connexion/?next=/fr/"),
        ("/nl/members/", "/nl/leden/"),
        ("/de/members/password/reset/MQ/set-password/",
         "/de/mitglieder/passwort/zuruecksetzen/MQ/set-password/"),
    ],
)  # fmt: skip
def test_the_english_addresses_of_other_languages_redirect_permanently(site_tree, client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_an_unknown_member_address_is_not_found(site_tree, client):
    assert client.get("/fr/members/nothing-here/").status_code == 404


def test_the_language_switcher_leads_to_the_sign_in_page_in_each_language(site_tree, client):
    html = client.get(SIGN_IN["en"]).content.decode()
    for code, address in SIGN_IN.items():
        assert f'href="{address}"' in html, code
