"""The credential as third parties read it: an independent JOSE library (PyJWT) verifies the
VC-JWT through the key its `kid` URL leads to; the payload passes the 1EdTech Open Badges 3.0
JSON schema (jsonschema); revocation shows in the published W3C Bitstring Status List; and a
credential signed before a key rotation still verifies."""

import copy
import json
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import jwt
import pytest
from jwcrypto import jwk

from certificates import credentials
from certificates.issuing import issue, revoke
from tests.certificates.conftest import attend

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).parent / "data" / "ob_v3p0_achievementcredential_schema.json"


@pytest.fixture
def certificate(enrolments, editor):
    attend(enrolments["Jürgen Groß"])
    return issue(enrolments["Jürgen Groß"], by=editor, notify=False)


def fetch(client, url):
    """GET an absolute address of the site through the test client."""
    parts = urlsplit(url)
    assert parts.netloc == "testserver", url
    return client.get(parts.path)


def verified_with_pyjwt(client, token):
    """The payload, after PyJWT checked the signature with the key the header's kid names."""
    header = jwt.get_unverified_header(token)
    jwks = fetch(client, header["kid"]).json()
    (key,) = [key for key in jwks["keys"] if key["kid"] == header["kid"]]
    public = jwt.PyJWK(key)
    return jwt.decode(token, public.key, algorithms=[key["alg"]], options={"verify_aud": False})


def test_the_jose_header_says_jwt_and_its_kid_leads_to_the_key(client, certificate):
    token = credentials.credential_jwt(certificate)
    header = jwt.get_unverified_header(token)
    assert header["typ"] == "JWT"
    assert header["kid"].startswith("http://testserver/certificates/jwks.json#")
    payload = verified_with_pyjwt(client, token)
    assert payload["id"] == payload["jti"] == f"urn:uuid:{certificate.credential_id}"
    assert payload["iss"] == payload["issuer"]["id"]


def test_sub_is_the_subjects_stable_urn_uuid(client, certificate, enrolments):
    payload = verified_with_pyjwt(client, credentials.credential_jwt(certificate))
    subject_id = f"urn:uuid:{certificate.enrolment.subject_id}"
    assert payload["sub"] == payload["credentialSubject"]["id"] == subject_id
    certificate.enrolment.refresh_from_db()
    assert certificate.enrolment.subject_urn == subject_id
    assert len({enrolment.subject_id for enrolment in enrolments.values()}) == len(enrolments)


def official_schema():
    """The 1EdTech schema; its version says issuanceDate where OB 3.0.3 (VC 2.0) says
    validFrom (see data/README.md), the only adaptation."""
    schema = json.loads(SCHEMA.read_text())
    schema["required"] = [
        "validFrom" if name == "issuanceDate" else name for name in schema["required"]
    ]
    schema["properties"]["validFrom"] = copy.deepcopy(schema["properties"]["issuanceDate"])
    return schema


def test_the_credential_matches_the_1edtech_json_schema(client, certificate):
    validator = jsonschema.Draft201909Validator(
        official_schema(), format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )
    payload = verified_with_pyjwt(client, credentials.credential_jwt(certificate))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(payload)]
    assert errors == []
    broken = {**payload, "credentialSubject": {"type": ["AchievementSubject"]}}
    assert list(validator.iter_errors(broken))  # the schema does bite


def status_bit(client, entry):
    """Read the credential's bit as a verifier does: fetch the list, check its signature."""
    assert entry["type"] == "BitstringStatusListEntry"
    assert entry["statusPurpose"] == "revocation"
    response = fetch(client, entry["statusListCredential"])
    assert response["Content-Type"] == "application/vc+jwt"
    status_list = verified_with_pyjwt(client, response.content.decode())
    assert "BitstringStatusListCredential" in status_list["type"]
    subject = status_list["credentialSubject"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == "revocation"
    bits = credentials.decode_bitstring(subject["encodedList"])
    assert len(bits) * 8 >= credentials.STATUS_LIST_MIN_BITS
    return credentials.is_set(bits, int(entry["statusListIndex"]))


def test_revocation_shows_in_the_published_bitstring_status_list(client, certificate, editor):
    entry = credentials.credential(certificate)["credentialStatus"]
    assert status_bit(client, entry) is False
    revoke(certificate, "Issued by mistake", by=editor)
    assert status_bit(client, entry) is True


def test_the_bitstring_counts_from_the_left_most_bit():
    bits = credentials.decode_bitstring(credentials.encode_bitstring([0, 9, 200000]))
    assert bits[0] == 0x80 and bits[1] == 0x40
    assert credentials.is_set(bits, 200000) and not credentials.is_set(bits, 1)


def private_pem(key):
    return key.export_to_pem(private_key=True, password=None).decode()


def test_a_credential_signed_before_a_key_rotation_still_verifies(client, certificate, settings):
    old_key = jwk.JWK.generate(kty="OKP", crv="Ed25519")
    settings.CERTIFICATE_SIGNING_KEY = private_pem(old_key)
    settings.CERTIFICATE_RETIRED_PUBLIC_KEYS = ""
    old_token = credentials.credential_jwt(certificate)

    settings.CERTIFICATE_SIGNING_KEY = private_pem(jwk.JWK.generate(kty="OKP", crv="Ed25519"))
    with pytest.raises(credentials.InvalidCredential):
        credentials.read_credential(old_token)  # the old key forgotten: nothing verifies it

    settings.CERTIFICATE_RETIRED_PUBLIC_KEYS = old_key.export_to_pem().decode().replace("\n", "\\n")
    assert len(client.get("/certificates/jwks.json").json()["keys"]) == 2
    assert credentials.read_credential(old_token)["id"] == f"urn:uuid:{certificate.credential_id}"
    assert verified_with_pyjwt(client, old_token)["sub"].startswith("urn:uuid:")
    new_token = credentials.credential_jwt(certificate)
    assert (
        jwt.get_unverified_header(new_token)["kid"] != jwt.get_unverified_header(old_token)["kid"]
    )
    assert verified_with_pyjwt(client, new_token)["jti"] == f"urn:uuid:{certificate.credential_id}"
    check = client.post("/certificates/credentials/verify", old_token, content_type="text/plain")
    assert check.json()["signature"] == "valid"
