"""Fixtures for the application tests: the application page in six languages, an Italian
cohort, reCAPTCHA answering yes and no limit on submissions unless a test says otherwise."""

from unittest import mock

import pytest
from django_recaptcha.client import RecaptchaResponse

from applications.models import ApplicationPage
from programme.factories import CohortFactory
from tests.applications.builders import APPLY_TITLES
from tests.conftest import LANGUAGE_CODES, kept_for_the_module, publish_translation


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


def build_apply_pages(site_tree):
    english = ApplicationPage(title="Apply", slug="apply")
    site_tree.home.add_child(instance=english)
    english.save_revision().publish()
    pages = {"en": english}
    for code in LANGUAGE_CODES[1:]:
        pages[code] = publish_translation(english, site_tree.locales[code], APPLY_TITLES[code])
    return pages


@pytest.fixture(scope="module")
def apply_world(site_world, django_db_blocker):
    """The application page in six languages, built once for the module on its site tree
    (None where the module has transactional tests)."""
    if site_world is None:
        yield None
        return
    with kept_for_the_module(django_db_blocker):
        yield build_apply_pages(site_world)


@pytest.fixture
def apply_pages(apply_world, site_tree):
    if apply_world is None:
        return build_apply_pages(site_tree)
    fresh = ApplicationPage.objects.in_bulk([page.pk for page in apply_world.values()])
    return {code: fresh[page.pk] for code, page in apply_world.items()}


@pytest.fixture
def italy():
    return CohortFactory(country="IT", slug="italy-2026", with_sessions__confirmed=True)
