"""Production refuses unsafe settings, each with a message that says what to fix."""

import pytest

from tests.home.test_demo_and_production import (
    GOOD_SECRET,
    REAL_KEYS,
    run_with_production_settings,
)

SAFE = {"SECRET_KEY": GOOD_SECRET, "ALLOWED_HOSTS": "aiforcities.eu", **REAL_KEYS}


@pytest.mark.parametrize(
    ("unsafe", "message"),
    [
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS must not contain '*'"),
        ({"ALLOWED_HOSTS": "aiforcities.eu,*"}, "ALLOWED_HOSTS must not contain '*'"),
        ({"SECRET_KEY": "ab" * 30}, "at least 5 different characters"),
        ({"SECRET_KEY": "abcdef" * 8}, "at least 50 characters"),
        ({"DEBUG": "true"}, "DEBUG is on"),
    ],
)
def test_production_refuses_unsafe_settings_with_a_clear_message(unsafe, message):
    result = run_with_production_settings("check", **{**SAFE, **unsafe})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_starts_with_safe_settings():
    assert run_with_production_settings("check", **SAFE).returncode == 0
