"""Sign-out, on the admin and on the site, only by POST, and it ends the session on the server:
a GET (a link, an image on a hostile page) changes nothing, and the old cookie opens nothing."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.security.conftest import url_in

pytestmark = pytest.mark.django_db

SIGN_OUTS = {
    "admin": (lambda: reverse("wagtailadmin_logout"), lambda: reverse("wagtailadmin_home")),
    "site": (lambda: url_in("en", "members:logout"), lambda: url_in("en", "members:my_space")),
}


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.parametrize("where", SIGN_OUTS)
@pytest.mark.parametrize("method", ["get", "head", "put"])
def test_signing_out_by_another_method_changes_nothing(signed_in, site_tree, where, method):
    sign_out, signed_in_page = SIGN_OUTS[where]
    response = getattr(signed_in, method)(sign_out())
    assert response.status_code == 405
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.count() == 1
    assert signed_in.get(signed_in_page()).status_code == 200


@pytest.mark.parametrize("where", SIGN_OUTS)
def test_signing_out_ends_the_session_on_the_server(signed_in, site_tree, where):
    sign_out, signed_in_page = SIGN_OUTS[where]
    stolen_cookie = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    assert signed_in.post(sign_out()).status_code == 302
    assert not Session.objects.filter(session_key=stolen_cookie).exists()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = stolen_cookie
    assert replay.get(signed_in_page()).status_code == 302  # to the sign-in page


def test_the_admin_menu_still_leads_to_the_sign_out(signed_in):
    """Wagtail's menu posts its sign-out (with the page's token) to the same address."""
    assert reverse("wagtailadmin_logout") == "/admin/logout/"
    assert "/admin/logout/" in signed_in.get(reverse("wagtailadmin_home")).content.decode()
