"""Production refuses to start without the key that signs certificates, or with a key that is
not an RSA key of 3072 bits or more (the Ed25519 keys of before RS256 are refused)."""

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
        "from certificates.credentials import public_jwks; print(public_jwks()['keys'][0]['kty'])",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="aiforcities.eu",
        **REAL_KEYS,
    )
    assert result.returncode == 0, result.stderr
    assert "RSA" in result.stdout


def test_production_check_refuses_an_ed25519_key():
    ed25519 = (
        "-----BEGIN PRIVATE KEY-----\\n"
        "MC4CAQAwBQYDK2VwBCIEIGxXk4CCmKE2hWgYXB9bPHfvdX3kYDFwc7nDHS6SA6Lk\\n"
        "-----END PRIVATE KEY-----\\n"
    )
    keys = {**REAL_KEYS, "CERTIFICATE_SIGNING_KEY": ed25519}
    result = run_with_production_settings(
        "check", SECRET_KEY=GOOD_SECRET, ALLOWED_HOSTS="aiforcities.eu", **keys
    )
    assert result.returncode != 0
    assert "CERTIFICATE_SIGNING_KEY must be an RSA key of 3072 bits" in result.stderr
