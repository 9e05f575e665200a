"""The demo loader is refused where settings forbid it, and in production; production refuses weak
secrets."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from programme.models import Cohort
from tests.services import free_port

pytestmark = pytest.mark.django_db

PROJECT = settings.BASE_DIR
GOOD_SECRET = "k3J9x-PqZ8v_Lm2Ty7Wn4Rb6Hc1Fd5Gs0Ae3Ui8Oo2Yy9Tt4Rr7Ee1Ww6Qq5Zz0"
# A throw-away Ed25519 key: production also needs the key that signs certificates.
SIGNING_KEY = (
    "-----BEGIN PRIVATE KEY-----\\n"
    "MC4CAQAwBQYDK2VwBCIEIGxXk4CCmKE2hWgYXB9bPHfvdX3kYDFwc7nDHS6SA6Lk\\n"
    "-----END PRIVATE KEY-----\\n"
)
REAL_KEYS = {
    "RECAPTCHA_PUBLIC_KEY": "6Lc-site-key-example",
    "RECAPTCHA_PRIVATE_KEY": "6Lc-secret",
    "CERTIFICATE_SIGNING_KEY": SIGNING_KEY,
}


def test_demo_loader_is_refused_when_settings_forbid_it(settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError, match="refused"):
        call_command("load_demo_content", quiet_accounts=True)
    assert not Cohort.objects.exists()


def run_with_production_settings(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", *REAL_KEYS}
    }
    # A shared cache, an explicit database and the public address are required; these defaults
    # satisfy the checks that are not under test (`check` contacts no Redis: the port is free).
    environment.update(
        DJANGO_SETTINGS_MODULE="aicities.settings.production",
        REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
        ALLOW_SQLITE="true",
        BASE_URL="https://aiforcities.eu",
    )
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"ALLOWED_HOSTS": "aiforcities.eu"},
        {"SECRET_KEY": GOOD_SECRET},
        {"SECRET_KEY": "short", "ALLOWED_HOSTS": "aiforcities.eu"},
        {"SECRET_KEY": "dev-only-insecure-key-do-not-use-in-production", "ALLOWED_HOSTS": "x.eu"},
        {"SECRET_KEY": GOOD_SECRET, "ALLOWED_HOSTS": "aiforcities.eu"},  # no reCAPTCHA keys
        {
            "SECRET_KEY": GOOD_SECRET,
            "ALLOWED_HOSTS": "aiforcities.eu",
            "RECAPTCHA_PUBLIC_KEY": "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI",
            "RECAPTCHA_PRIVATE_KEY": "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe",
        },
    ],
)
def test_production_refuses_to_start_without_real_secrets(env):
    result = run_with_production_settings("check", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


@pytest.mark.parametrize(
    "missing, message",
    [
        ({"REDIS_URL": ""}, "REDIS_URL"),
        ({"ALLOW_SQLITE": "", "DATABASE_URL": "sqlite:///never-created.sqlite3"}, "PostgreSQL"),
    ],
)
def test_production_refuses_a_per_process_cache_and_an_unannounced_sqlite(missing, message):
    result = run_with_production_settings(
        "check", SECRET_KEY=GOOD_SECRET, ALLOWED_HOSTS="aiforcities.eu", **REAL_KEYS, **missing
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


def test_production_check_deploy_is_clean():
    result = run_with_production_settings(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="aiforcities.eu",
        **REAL_KEYS,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_demo_content():
    result = run_with_production_settings(
        "load_demo_content",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="aiforcities.eu",
        DATABASE_URL="sqlite:////nonexistent/never-created.sqlite3",
        **REAL_KEYS,
    )
    assert result.returncode != 0
    assert "refused" in result.stderr
