"""The production tests send the application form too: reCAPTCHA answers yes
(tests/fixtures/applications.py)."""

import pytest


@pytest.fixture(autouse=True)
def recaptcha_passes(recaptcha_passes):
    return recaptcha_passes
