"""Certificates as Open Badges 3.0 credentials (W3C VC data model 2.0), signed as a VC-JWT.

The site's key signs them with RS256, the algorithm Open Badges 3.0 asks every verifier to
support: CERTIFICATE_SIGNING_KEY, a PEM RSA private key of at least 3072 bits (in development
and tests a key file is created on first use). The JOSE header names the key by a URL (`kid`),
the JWKS at that URL, with the fragment the key's RFC 7638 thumbprint. The JWKS also keeps the
public keys of retired signing keys (CERTIFICATE_RETIRED_PUBLIC_KEYS: the Ed25519 key that
signed credentials before RS256, and any RSA key rotated out), so credentials signed before a
rotation still verify. Revocation is published as a W3C Bitstring Status List: each credential
points at its bit, a position drawn at random for its certificate (Certificate.status_index).
"""

import base64
import datetime
import functools
import gzip
import json
import os
import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from certificates.issuing import verification_url
from certificates.models import STATUS_LIST_SIZE
from certificates.pdf import ISSUER_NAME
from home.dates import iso_moment
from web.links import absolute_url

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
ISSUER_URL = "https://efus.eu"
STATUS_LIST_MIN_BITS = STATUS_LIST_SIZE
# Open Badges 3.0: RS256 is the algorithm every verifier supports; NIST counts 3072-bit RSA
# keys as good beyond 2030.
SIGNING_ALGORITHM = "RS256"
RSA_MIN_BITS = 3072
PEM_PUBLIC_KEY = re.compile(r"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.DOTALL)


def absolute(path):
    return absolute_url(path)


# jwcrypto, and cryptography under it (about 9 MiB in a process), is imported inside the few
# functions that sign or read a key or credential: most workers never do, and the certificate
# paths are rare.


def _create_key_file(path):
    """Write a new RSA key to `path` unless another process just did (atomic link)."""
    from jwcrypto import jwk  # a rare path: see above

    key = jwk.JWK.generate(kty="RSA", size=RSA_MIN_BITS)
    pem = key.export_to_pem(private_key=True, password=None)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
        handle.write(pem)
        temporary = Path(handle.name)
    os.chmod(temporary, 0o600)
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()


@functools.cache
def _key_from(pem, file_name):
    if not pem:
        if not file_name:
            raise ImproperlyConfigured("CERTIFICATE_SIGNING_KEY is not set.")
        path = Path(file_name)
        if not path.exists():
            _create_key_file(path)
        pem = path.read_text()
    from jwcrypto import jwk  # a rare path: see above

    key = jwk.JWK.from_pem(pem.encode())
    if not key.has_private:
        raise ImproperlyConfigured("CERTIFICATE_SIGNING_KEY must be a private key.")
    problem = signing_key_problem(key)
    if problem:
        raise ImproperlyConfigured(problem)
    return key


def rsa_bits(key):
    """The size of an RSA key's modulus, in bits."""
    modulus = key.get("n", "")
    raw = base64.urlsafe_b64decode(modulus + "=" * (-len(modulus) % 4))
    return int.from_bytes(raw, "big").bit_length()


def signing_key_problem(key):
    """Why `key` may not sign credentials, or "" if it may."""
    if key.get("kty") != "RSA":
        return (
            "CERTIFICATE_SIGNING_KEY must be an RSA private key (Open Badges 3.0 verifiers all "
            f"read RS256), not {key.get('crv') or key.get('kty')}. Create one with `openssl "
            f"genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:{RSA_MIN_BITS}` and move the old "
            "key's public half to CERTIFICATE_RETIRED_PUBLIC_KEYS."
        )
    if rsa_bits(key) < RSA_MIN_BITS:
        return f"CERTIFICATE_SIGNING_KEY must be an RSA key of at least {RSA_MIN_BITS} bits."
    return ""


def signing_key():
    file_name = settings.CERTIFICATE_SIGNING_KEY_FILE
    return _key_from(settings.CERTIFICATE_SIGNING_KEY, str(file_name) if file_name else "")


def algorithm(key):
    """The algorithm a key verifies: RS256 for RSA keys, EdDSA for the Ed25519 key retired."""
    return "EdDSA" if key.get("kty") == "OKP" else SIGNING_ALGORITHM


def key_id(key=None):
    """The URL of `key` (by default the signing key): the JWKS, with its thumbprint."""
    return f"{absolute(reverse('certificates_jwks'))}#{(key or signing_key()).thumbprint()}"


@functools.cache
def _public_keys_from(pems):
    from jwcrypto import jwk  # a rare path: see above

    return tuple(jwk.JWK.from_pem(pem.encode()) for pem in PEM_PUBLIC_KEY.findall(pems))


def retired_public_keys():
    """Public keys of former signing keys, still published so earlier credentials verify.

    CERTIFICATE_RETIRED_PUBLIC_KEYS (a setting, or the environment variable of that name)
    holds PEM public keys one after the other; `\\n` may stand for line breaks.
    """
    pems = getattr(settings, "CERTIFICATE_RETIRED_PUBLIC_KEYS", None)
    if pems is None:
        pems = os.environ.get("CERTIFICATE_RETIRED_PUBLIC_KEYS", "")
    return _public_keys_from(pems.replace("\\n", "\n"))


def _published(key):
    public = json.loads(key.export_public())
    public.update(kid=key_id(key), use="sig", alg=algorithm(key))
    return public


def public_jwks():
    """The signing key first, then the retired ones (without duplicates)."""
    keys, seen = [], set()
    for key in (signing_key(), *retired_public_keys()):
        if key.thumbprint() not in seen:
            seen.add(key.thumbprint())
            keys.append(_published(key))
    return {"keys": keys}


def issuer_id():
    return absolute(reverse("certificates_issuer"))


def issuer_profile():
    return {
        "@context": CONTEXTS,
        "id": issuer_id(),
        "type": ["Profile"],
        "name": ISSUER_NAME,
        "url": ISSUER_URL,
        "email": "contact@efus.eu",
        "description": "AI for Cities, a training programme of the European Forum for Urban "
        "Security on artificial intelligence for urban security.",
    }


def achievement():
    return {
        "id": absolute(reverse("certificates_achievement")),
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": "AI for Cities – certificate of completion",
        "description": "Completion of an AI for Cities cohort: four online sessions and one "
        "in-person session on artificial intelligence for urban security.",
        "criteria": {
            "narrative": "Attend the four online sessions and the in-person session of a "
            "cohort (the programme's completion rule), as recorded by Efus."
        },
        "inLanguage": "en",
        "creator": {"id": issuer_id(), "type": ["Profile"], "name": ISSUER_NAME},
    }


def credential(certificate):
    """The OpenBadgeCredential of `certificate`, as a dictionary."""
    enrolment = certificate.enrolment
    cohort = enrolment.cohort
    return {
        "@context": CONTEXTS,
        "id": f"urn:uuid:{certificate.credential_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "AI for Cities – certificate of completion",
        "issuer": {
            "id": issuer_id(),
            "type": ["Profile"],
            "name": ISSUER_NAME,
            "url": ISSUER_URL,
        },
        "validFrom": iso_moment(certificate.issued_at),
        "credentialSubject": {
            "id": enrolment.subject_urn,
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": enrolment.name,
                }
            ],
            "activityStartDate": _start_of_day(cohort.first_day, cohort),
            "activityEndDate": _start_of_day(cohort.last_day, cohort),
            "achievement": achievement(),
        },
        "credentialStatus": status_entry(certificate),
        "evidence": [
            {
                "id": verification_url(certificate),
                "type": ["Evidence"],
                "name": f"Certificate {certificate.code}",
                "description": f"AI for Cities cohort {cohort.get_country_display()} "
                f"{cohort.year}; verification page of the certificate.",
            }
        ],
    }


def _start_of_day(day, cohort):
    """The cohort's day (in its zone), as the date-time Open Badges asks for, with its offset."""
    return iso_moment(datetime.datetime.combine(day, datetime.time(0), tzinfo=cohort.zone))


def sign(payload):
    """A compact JWS (VC-JWT) of `payload` with the site's key; the header's `typ` is "JWT"
    and its `kid` the URL of the key, as Open Badges 3.0 asks."""
    from jwcrypto import jws  # a rare path: see above
    from jwcrypto.common import json_encode

    key = signing_key()
    token = jws.JWS(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    token.add_signature(
        key,
        alg=None,
        protected=json_encode({"alg": algorithm(key), "typ": "JWT", "kid": key_id(key)}),
    )
    return token.serialize(compact=True)


def credential_jwt(certificate):
    body = credential(certificate)
    return sign(
        {
            **body,
            "iss": body["issuer"]["id"],
            "jti": body["id"],
            "sub": body["credentialSubject"]["id"],
            "nbf": int(certificate.issued_at.timestamp()),
        }
    )


# --- revocation: a W3C Bitstring Status List ------------------------------------------------


def status_list_url():
    return absolute(reverse("certificates_status_list"))


def status_entry(certificate):
    """The credential's place in the revocation list: its bit, drawn at random for it."""
    index = str(certificate.status_index)
    return {
        "id": f"{status_list_url()}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": index,
        "statusListCredential": status_list_url(),
    }


def encode_bitstring(indexes):
    """The bits at `indexes` set (the first bit is the left-most of the first byte),
    GZIP-compressed and written in multibase base64url without padding."""
    indexes = list(indexes)
    size = max(STATUS_LIST_MIN_BITS, max(indexes, default=0) + 1)
    bits = bytearray((size + 7) // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")


def decode_bitstring(encoded):
    raw = encoded.removeprefix("u")
    return gzip.decompress(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))


def is_set(bitstring, index):
    return bool(bitstring[index // 8] & (0x80 >> (index % 8)))


def status_list_credential(revoked_indexes, valid_from):
    """The BitstringStatusListCredential that lists the revoked certificates."""
    url = status_list_url()
    return {
        "@context": [CONTEXTS[0]],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": iso_moment(valid_from),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_bitstring(revoked_indexes),
        },
    }


def status_list_jwt(revoked_indexes, valid_from):
    body = status_list_credential(revoked_indexes, valid_from)
    return sign(
        {**body, "iss": body["issuer"], "jti": body["id"], "nbf": int(valid_from.timestamp())}
    )


class InvalidCredential(Exception):
    """The signature does not verify with the published key, or the token is malformed."""


def read_credential(token, jwks=None):
    """The credential in a VC-JWT, after checking its signature against `jwks` (by default
    the site's published keys); raises InvalidCredential."""
    from jwcrypto import jwk, jws  # a rare path: see above
    from jwcrypto.common import JWException

    keys = jwk.JWKSet.from_json(json.dumps(jwks or public_jwks()))
    try:
        parsed = jws.JWS()
        parsed.deserialize(token.strip())
        key = key_for(keys, parsed.jose_header.get("kid"))
        if key is None:
            raise InvalidCredential("unknown key")
        parsed.verify(key, alg=algorithm(key))
        return json.loads(parsed.payload)
    except (JWException, ValueError, TypeError, KeyError) as error:
        raise InvalidCredential(str(error)) from error


def check_signing_key():
    """For /healthz: the key signs, and the signature verifies against the published keys."""
    payload = {"healthz": "ok"}
    if read_credential(sign(payload)) != payload:
        raise InvalidCredential("a signed test payload did not read back")
    return "ok"


def key_for(keys, kid):
    """The key a `kid` names: its URL, or (credentials signed before keys had URLs) its bare
    thumbprint."""
    if not kid:
        return None
    thumbprint = kid.rpartition("#")[2]
    return next((key for key in keys if key.thumbprint() == thumbprint), None)
