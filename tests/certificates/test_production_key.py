"""Production refuses to start without the key that signs certificates."""

from tests.home.test_demo_and_production import GOOD_SECRET, REAL_KEYS, run_with_production_settings


def test_production_refuses_to_start_without_a_signing_key():
    keys = {name: value for name, value in REAL_KEYS.items() if name != "CERTIFICATE_SIGNING_KEY"}
    result = run_with_production_settings(
        "check", SECRET_KEY=GOOD_SECRET, ALLOWED_HOSTS="aiforcities.eu", **keys
    )
    assert result.returncode != 0
    assert "CERTIFICATE_SIGNING_KEY" in result.stderr


def test_production_starts_with_a_signing_key_and_publishes_it():
    result = run_with_production_settings(
        "shell",
        "-c",
        "from certificates.credentials import public_jwks; print(public_jwks()['keys'][0]['crv'])",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="aiforcities.eu",
        **REAL_KEYS,
    )
    assert result.returncode == 0, result.stderr
    assert "Ed25519" in result.stdout
