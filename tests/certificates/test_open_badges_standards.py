"""The credential as third parties read it: three independent JOSE libraries (jwcrypto, which
the site uses, PyJWT and joserfc) verify the RS256 VC-JWT through the key its `kid` URL leads
to; the payload passes the 1EdTech Open Badges 3.0 JSON schema (jsonschema); revocation shows
in the published W3C Bitstring Status List at a position drawn at random; and credentials
signed before a key rotation (the Ed25519 key of before RS256, or an RSA key) still verify."""

import base64
import copy
import json
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import jwt
import pytest
from django.core.exceptions import ImproperlyConfigured
from joserfc import jwt as joserfc_jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from jwcrypto import jwk, jws
from jwcrypto.common import json_encode

from certificates import credentials
from certificates import models as certificates_models
from certificates.issuing import issue, revoke
from certificates.models import STATUS_LIST_SIZE
from tests.fixtures.certificates import attend

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


def verified_with_joserfc(client, token):
    """The payload, after joserfc checked the signature against the published key set."""
    header = json.loads(jws_header(token))
    keys = KeySet.import_key_set(fetch(client, header["kid"]).json())
    return joserfc_jwt.decode(token, keys, algorithms=[header["alg"]]).claims


def verified_with_jwcrypto(client, token):
    return credentials.read_credential(token, jwks=client.get("/certificates/jwks.json").json())


def jws_header(token):
    part = token.split(".")[0]
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


VERIFIERS = [verified_with_jwcrypto, verified_with_pyjwt, verified_with_joserfc]
REFUSALS = (credentials.InvalidCredential, jwt.InvalidTokenError, JoseError)


def test_rs256_with_a_3072_bit_key_and_three_libraries_verify_it(client, certificate):
    token = credentials.credential_jwt(certificate)
    assert jwt.get_unverified_header(token)["alg"] == "RS256"
    (key,) = client.get("/certificates/jwks.json").json()["keys"]
    assert (key["kty"], key["alg"], key["use"]) == ("RSA", "RS256", "sig")
    assert "d" not in key and "p" not in key  # the public half only
    assert credentials.rsa_bits(key) >= 3072
    for verify in VERIFIERS:
        payload = verify(client, token)
        assert payload["jti"] == f"urn:uuid:{certificate.credential_id}", verify.__name__
    forged = token[:-8] + ("A" * 8 if not token.endswith("A" * 8) else "B" * 8)
    for verify in VERIFIERS:
        with pytest.raises(REFUSALS):  # each library refuses a broken signature
            verify(client, forged)


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
    assert verified_with_joserfc(client, response.content.decode()) == status_list
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


@pytest.fixture(scope="module")
def another_rsa_key():
    return jwk.JWK.generate(kty="RSA", size=3072)


def signed_as_before_rs256(certificate, ed25519_key):
    """A credential as the site signed it before RS256: EdDSA with its Ed25519 key."""
    body = credentials.credential(certificate)
    claims = {
        **body,
        "iss": body["issuer"]["id"],
        "jti": body["id"],
        "sub": body["credentialSubject"]["id"],
    }
    token = jws.JWS(json.dumps(claims).encode())
    header = {"alg": "EdDSA", "typ": "JWT", "kid": credentials.key_id(ed25519_key)}
    token.add_signature(ed25519_key, alg=None, protected=json_encode(header))
    return token.serialize(compact=True)


def test_an_ed25519_key_no_longer_signs(settings):
    settings.CERTIFICATE_SIGNING_KEY = private_pem(jwk.JWK.generate(kty="OKP", crv="Ed25519"))
    with pytest.raises(ImproperlyConfigured, match="must be an RSA private key"):
        credentials.signing_key()
    settings.CERTIFICATE_SIGNING_KEY = private_pem(jwk.JWK.generate(kty="RSA", size=2048))
    with pytest.raises(ImproperlyConfigured, match="at least 3072 bits"):
        credentials.signing_key()


def test_credentials_signed_before_a_key_rotation_still_verify(
    client, certificate, settings, another_rsa_key
):
    ed25519 = jwk.JWK.generate(kty="OKP", crv="Ed25519")
    before_rs256 = signed_as_before_rs256(certificate, ed25519)
    settings.CERTIFICATE_RETIRED_PUBLIC_KEYS = ""
    with pytest.raises(credentials.InvalidCredential):
        credentials.read_credential(before_rs256)  # the old key forgotten: nothing verifies it
    old_rsa_key = credentials.signing_key()
    old_rsa_token = credentials.credential_jwt(certificate)

    # Both former keys published as retired; a new RSA key signs from now on.
    settings.CERTIFICATE_SIGNING_KEY = private_pem(another_rsa_key)
    settings.CERTIFICATE_RETIRED_PUBLIC_KEYS = "".join(
        key.export_to_pem().decode() for key in (ed25519, old_rsa_key)
    )
    published = client.get("/certificates/jwks.json").json()["keys"]
    assert [key["alg"] for key in published] == ["RS256", "EdDSA", "RS256"]
    assert (
        credentials.read_credential(before_rs256)["id"] == f"urn:uuid:{certificate.credential_id}"
    )
    assert verified_with_pyjwt(client, before_rs256)["credentialSubject"]["id"].startswith(
        "urn:uuid:"
    )
    new_token = credentials.credential_jwt(certificate)
    assert jwt.get_unverified_header(new_token)["alg"] == "RS256"
    headers = {
        jwt.get_unverified_header(t)["kid"] for t in (before_rs256, old_rsa_token, new_token)
    }
    assert len(headers) == 3
    for token in (old_rsa_token, new_token):
        for verify in VERIFIERS:
            assert verify(client, token)["jti"] == f"urn:uuid:{certificate.credential_id}"
    check = client.post("/certificates/credentials/verify", before_rs256, content_type="text/plain")
    assert check.json()["signature"] == "valid"


def test_status_positions_are_drawn_at_random_and_never_given_twice(
    client, enrolments, editor, monkeypatch
):
    people = list(enrolments.values())
    for enrolment in people:
        attend(enrolment)
    draws = iter([70000, 70000, 5, 123456, 5, 70000, 99])
    monkeypatch.setattr(certificates_models.secrets, "randbelow", lambda n: next(draws))
    first, second, third = (issue(e, by=editor, notify=False) for e in people[:3])
    assert [first.status_index, second.status_index, third.status_index] == [70000, 5, 123456]
    revoke(second, "Issued by mistake", by=editor)
    fourth = issue(people[3], by=editor, notify=False)
    assert fourth.status_index == 99  # 5 stays the revoked certificate's, 70000 the first's
    for certificate, revoked in [(first, False), (second, True), (third, False), (fourth, False)]:
        entry = credentials.credential(certificate)["credentialStatus"]
        assert status_bit(client, entry) is revoked


def test_positions_say_nothing_of_the_count_or_order(enrolments, editor):
    for enrolment in enrolments.values():
        attend(enrolment)
    positions = [issue(e, by=editor, notify=False).status_index for e in enrolments.values()]
    assert len(set(positions)) == 4
    assert all(0 <= index < STATUS_LIST_SIZE for index in positions)
    assert max(positions) > 10  # four draws all below 10 in 131,072: about 1 in 10^18
