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


# The application page in six languages and an Italian cohort, as the application tests have them.
from tests.applications.conftest import apply_pages, apply_world, italy, recaptcha_passes  # noqa: E402, F401

# The committee section in six languages with its notes, library and people.
from tests.committee.conftest import committee_tree, committee_world, people  # noqa: E402, F401
