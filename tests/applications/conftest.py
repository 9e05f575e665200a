"""Fixtures for the application tests: the application page in six languages, an Italian
cohort, reCAPTCHA answering yes and no limit on submissions unless a test says otherwise."""

from unittest import mock

import pytest
from django_recaptcha.client import RecaptchaResponse

from applications.models import ApplicationPage
from programme.factories import CohortFactory
from tests.applications.builders import APPLY_TITLES
from tests.conftest import LANGUAGE_CODES, publish_translation


@pytest.fixture(autouse=True)
def recaptcha_passes():
    with mock.patch(
        "django_recaptcha.fields.client.submit", return_value=RecaptchaResponse(is_valid=True)
    ) as submit:
        yield submit


@pytest.fixture(autouse=True)
def no_application_limit(settings):
    """Tests post the form many times from one address; the limit's own tests lower it."""
    settings.APPLICATION_RATE = (100_000, 3600)


@pytest.fixture
def apply_pages(site_tree):
    english = ApplicationPage(title="Apply", slug="apply")
    site_tree.home.add_child(instance=english)
    english.save_revision().publish()
    pages = {"en": english}
    for code in LANGUAGE_CODES[1:]:
        pages[code] = publish_translation(english, site_tree.locales[code], APPLY_TITLES[code])
    return pages


@pytest.fixture
def italy():
    return CohortFactory(country="IT", slug="italy-2026", with_sessions__confirmed=True)
