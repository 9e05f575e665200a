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
# A throw-away RSA key of 3072 bits: production also needs the key that signs certificates.
SIGNING_KEY = (
    "-----BEGIN PRIVATE KEY-----\\n"
    "MIIG/QIBADANBgkqhkiG9w0BAQEFAASCBucwggbjAgEAAoIBgQCZwXuebLQMOpDg\\n"
    "+Z+NYEJ6FxuQEHq4xA3b3Ega9IcH4iCQaVbjHAwUCD1WuQlHh7TjavrGMBJKYdUz\\n"
    "kKQkaQHWqg/bPwTUL+nDkBLPPUnTCTGjYQV45utlZqIGv+MB1pg6g+Jc6at37E8k\\n"
    "uMEZF115VZjmfgU6tRAOQmeEUuPjBsaPlc1q1shbwAd49JuhcHbWjoq2tQakGAOo\\n"
    "v4CRdsRyXcrJmXPfEpzAvZjyh+SenrxG9xTTq7wCwcCizxzOldxNnyE9VrJA5Ao2\\n"
    "ywqcrPQ9ieinfcXb5SaEAiU5DjsKTqc3uvAY8FrtaI3dgjVSKF+RtXK0hsgxBu1/\\n"
    "WepWnex8vuQKb6iwqoxIut6WcRjiWUwF9VYHJ6Dba2+8VUdT42r4JeMIuGkSMU2k\\n"
    "Oi5M+vIxdktnGN++ktBrkaoV5HMsWFSxs0ciEkRPsTjwdKcCbsNXVmrnQat62S9u\\n"
    "2k4lxsxB3nUV3OJmi7ruEIF/k6VtR7eF5a5Z2d0W6LGRkSxqL1cCAwEAAQKCAYBJ\\n"
    "uTxM+lJairptJUQbxcwaPno42a3+agM7KKRqSFV2sjZrCBdhTlF8SXcf3hlU8v0J\\n"
    "DoKwBNzATais0O3jh3YaN/Dib5UhKNgtrSdXt0tupTnn3N2C2zaDqHKISfnPJ9ZW\\n"
    "OGaRpnlRRz2rner43Ps08pYd7s8TFz5bl/uKtzQN53HN50ZXtCTd2XW7yY3WGtbg\\n"
    "ifh5ItPMWrdmcmxzUz9elxplD+8/Ru1ifYaYxBAa/oHIhTC3TeEYcU6swiJN7Ay3\\n"
    "I2Wy3PdEpDRbeUhMyEJ4kbSBRGhlIqLtgHY5/mf43RbC6QtFctRXamhHYMm6YD32\\n"
    "KPDq4ZY8RhCXvTfvNJ6ouMVzxcpuTwQ2TXXVz98yrxp1fQIs75Ff7IUvgxBUk9zL\\n"
    "HvI5mEYiGtIch8urCqfx4cs41aGCEWruBbQqLL2hjizTdC5kKmlM6/gTfcoTPy8v\\n"
    "dVpu4glS/3BO1TmYvDR7tMxcgK+7+pPdCZm+96QlohANp4krgYr5ZZRLsyc93gEC\\n"
    "gcEA2RTsgc4eUP1OLm8Sp2vL2CVKUga3kSEmJCaEvc1ZtqEpzbl0RpSwtFzb0nbO\\n"
    "Afc+86yTmKQv1PbtyazLA2Ozgo7W+gTJ1Yob25QWf5uFCkqrUp82qcwtifLzoggH\\n"
    "6W6gVyD28oxfhD8YexzS5NdKGxZFn1nytnMb2JVeI1V/A2Bfwq+Gx6fLuMxx9oEb\\n"
    "+dp3huCMj8blELk7Bz7kRwSKJvB7qd5oq6qXr7qQ1VobSLNniaMk/3g5S1QbM139\\n"
    "p37LAoHBALVSLtDjeh2PMuk5yYFfRhu2oU6+quP2gpbWHzkhUgRizffS9wLcwh+C\\n"
    "DWa8A4HnJzZ7x3wwyzZKz3/ccNIVF16fxcr7Twz47Hj/1uwIw0To+x+X4orVd+Ju\\n"
    "zCrrOofhW9fMol8Uk8RsTsdnlm42ywxjsiRI4NjIyfScFVVafbButyLiXiJs9+DB\\n"
    "zcI+5y4LJu/3nN+W/krFNPCvrcwScZ37du9G2Sus3r/rpxRyFaK0M3EeYAIuGath\\n"
    "YU5/aUcUJQKBwQC0jnDA7p3Mo0OZ34zWcBSWbT3JyAh6z+WXf+o8rEaIXrgUgsIx\\n"
    "yo7HFc1I2sQyYmGb79i7xyR5sADME8qvwQeX+hLY1Y7C7CKLmjq0XLhlfQHOsNqY\\n"
    "lFj0On1mMePSxs7aaXK8/wCbUJeeHrVS3bannPi/t+Lm2gs5M9Oe9Ae22TwNBE3I\\n"
    "VspdpL7NV0nboVh1eOOw2q/AHzD3r9nTL/VwuelButm4nyWXZkf9DPtQltfxZR7q\\n"
    "1iZhf004hl7qJ80CgcB/54cqxyxfKaKKLr9cSW7VIdFMEOfPgxa/fC/uRvjqKyCL\\n"
    "zv97v2oYe88kR0BaJEre/hXMH0dZ9w/EbCYRq9seXqpR81DiH73/5MkhG1VTiN2M\\n"
    "fcHKmabFzc6r/9779xaodaucUpGiH5y6wPG2sWQuSy1gtyAVDB6aNHhAC2NaT99T\\n"
    "9kbdFe0NWOjiOyksq6U95Xd9qa+b4tzjY6m/qMsI3FgbleigDIPc8kib/ZYRffhD\\n"
    "tV+Yahilcj4H94y2HRkCgcAjU9KreMyjqeNgFXtDidTf9DXiVasQQ9w+nucW3G1+\\n"
    "HP+84wmBP3yruo9+JjsFS7d+OZue1lAA2HHGAPYnP2gpuAAnxSal4u2WUV6XZeLj\\n"
    "2omKkCYAlsa6BgkdedyupgjBHSMz7VfbYhvuuSHKuqCUIfDgwLdjLHB+3AEoBtL2\\n"
    "Bql+3vu0877PpLaE7CY8Ha4RisZQIVR5wgKbpZ3xpTXFjILiLAw2VTvhPGxFM9lZ\\n"
    "SR3ZJJ5PxGB5V8ZNHz27j18=\\n"
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
