"""The application tests send the form as a person would: reCAPTCHA answers yes, and there is no
limit on submissions unless a test says otherwise. Their pages and cohort come from
tests/fixtures/applications.py."""

import pytest


@pytest.fixture(autouse=True)
def recaptcha_passes(recaptcha_passes):
    return recaptcha_passes


@pytest.fixture(autouse=True)
def no_application_limit(settings):
    """Tests post the form many times from one address; the limit's own tests lower it."""
    settings.APPLICATION_RATE = (100_000, 3600)
