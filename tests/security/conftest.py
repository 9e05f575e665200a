"""Fixtures of the security suite: accounts to attack, and the helpers of the attacks."""

import pytest
from django.urls import reverse
from django.utils import translation

from members.groups import PARTICIPANTS
from tests.accounts import make_user


@pytest.fixture
def target(groups, site_tree):
    """The account under attack: a participant called `sectest`."""
    return make_user("sectest", groups[PARTICIPANTS])


def url_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def sign_in(client, username, password, language="en", address="198.51.100.7"):
    return client.post(
        url_in(language, "members:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def admin_sign_in(client, username, password, address="198.51.100.7"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.fixture(autouse=True)
def recaptcha_passes(recaptcha_passes):
    """The attacks send forms past reCAPTCHA (tests/fixtures/applications.py)."""
    return recaptcha_passes
