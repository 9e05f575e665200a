"""Production refuses unsafe settings, each with a message that says what to fix, naming the
variable and never showing its value."""

import pytest

from aicities.settings.environment import production_problems, variables_read_by_settings
from aicities.systemd import parse_environment
from tests.home.test_demo_and_production import (
    GOOD_SECRET,
    REAL_KEYS,
    SIGNING_KEY,
    run_with_production_settings,
)

SAFE = {"SECRET_KEY": GOOD_SECRET, "ALLOWED_HOSTS": "aiforcities.eu", **REAL_KEYS}
# What an operator following the old template wrote: one line, "\n" for the line breaks, which
# systemd's EnvironmentFile= turns into plain "n"s.
NOT_A_KEY = "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----"
ONE_LINE_KEY = parse_environment("KEY=" + SIGNING_KEY)[0]["KEY"]


@pytest.mark.parametrize(
    ("unsafe", "message"),
    [
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS must not contain '*'"),
        ({"ALLOWED_HOSTS": "aiforcities.eu,*"}, "ALLOWED_HOSTS must not contain '*'"),
        ({"ALLOWED_HOSTS": ".aiforcities.eu"}, "ALLOWED_HOSTS must not start a name with '.'"),
        ({"SECRET_KEY": "abcde" * 10}, "SECRET_KEY is too easy to guess"),
        ({"SECRET_KEY": "ab" * 30}, "SECRET_KEY is too easy to guess"),
        ({"SECRET_KEY": "a1b2c3d4e5" * 6}, "SECRET_KEY is too easy to guess"),
        ({"SECRET_KEY": "correct horse battery staple " * 3}, "SECRET_KEY is too easy to guess"),
        ({"SECRET_KEY": "django-insecure-" + GOOD_SECRET}, "published development key"),
        ({"DEBUG": "true"}, "DEBUG is on"),
        ({"CERTIFICATE_SIGNING_KEY": ONE_LINE_KEY}, "CERTIFICATE_SIGNING_KEY has lost its line"),
        ({"CERTIFICATE_SIGNING_KEY": NOT_A_KEY}, "is not a PEM private key"),
        ({"EMAIL_PORT": "submission"}, "EMAIL_PORT must be a whole number"),
        ({"REDIS_TIMEOUT": "one second"}, "REDIS_TIMEOUT must be a decimal"),
        ({"SECURE_SSL_REDIRECT": "sometimes"}, "SECURE_SSL_REDIRECT must be true or false"),
        ({"BASE_URL": "www.aiforcities.eu/en/"}, "BASE_URL must be an address"),
        ({"BASE_URL": "https://elsewhere.example"}, "BASE_URL's host must be one of ALLOWED_HOSTS"),
        ({"DATABASE_URL": "postgres://user:hunter2@db:notaport/x"}, "DATABASE_URL cannot be read"),
        ({"REDIS_URL": "http://cache:6379"}, "REDIS_URL must be an address"),
        ({"EMAIL_USE_TLS": "true", "EMAIL_USE_SSL": "true"}, "exclude each other"),
        ({"ADMINS": "Programme team aiforcities@efus.eu"}, "ADMINS must read"),
    ],
)  # fmt: skip
def test_production_refuses_unsafe_settings_with_a_clear_message(unsafe, message):
    result = run_with_production_settings("check", **{**SAFE, **unsafe})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr
    for name, value in unsafe.items():
        if len(value) > 5 and name != "DEBUG":
            assert value not in result.stderr, f"the value of {name} was printed"


def test_every_problem_is_named_at_once():
    problems = production_problems({"SECRET_KEY": "abcde" * 10, "EMAIL_PORT": "x"})
    named = " ".join(problems)
    for name in ["SECRET_KEY", "ALLOWED_HOSTS", "BASE_URL", "REDIS_URL", "DATABASE_URL",
                 "RECAPTCHA_PUBLIC_KEY", "CERTIFICATE_SIGNING_KEY", "EMAIL_PORT"]:  # fmt: skip
        assert name in named
    assert "abcde" not in named


def test_the_kinds_of_variables_come_from_how_the_settings_read_them():
    variables = variables_read_by_settings()
    assert variables["EMAIL_PORT"].kind == "whole number"
    assert variables["EMAIL_PORT"].default == "25"
    assert variables["REDIS_TIMEOUT"].kind == "decimal"
    assert variables["SECURE_HSTS_PRELOAD"].kind == "yes/no"
    assert variables["ALLOWED_HOSTS"].kind == "list"
    assert variables["SECRET_KEY"].kind == "text"


def test_a_random_key_generated_as_the_guide_says_is_accepted():
    import secrets

    assert not [
        problem
        for problem in production_problems({"SECRET_KEY": secrets.token_urlsafe(64)})
        if "SECRET_KEY" in problem
    ]


def test_production_starts_with_safe_settings():
    assert run_with_production_settings("check", **SAFE).returncode == 0
