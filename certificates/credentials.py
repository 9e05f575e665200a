"""Certificates as Open Badges 3.0 credentials (W3C VC data model 2.0), signed as a VC-JWT.

The site's key signs them (CERTIFICATE_SIGNING_KEY, a PEM private key; in development and
tests a key file is created on first use). The public key is published as a JWKS, so anyone
can check a signature; whether the certificate was revoked comes from the site.
"""

import functools
import json
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from jwcrypto import jwk, jws
from jwcrypto.common import JWException, json_encode

from certificates.pdf import ISSUER_NAME

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
ISSUER_URL = "https://efus.eu"


def absolute(path):
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def _create_key_file(path):
    """Write a new Ed25519 key to `path` unless another process just did (atomic link)."""
    key = jwk.JWK.generate(kty="OKP", crv="Ed25519")
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
    key = jwk.JWK.from_pem(pem.encode())
    if not key.has_private:
        raise ImproperlyConfigured("CERTIFICATE_SIGNING_KEY must be a private key.")
    return key


def signing_key():
    file_name = settings.CERTIFICATE_SIGNING_KEY_FILE
    return _key_from(settings.CERTIFICATE_SIGNING_KEY, str(file_name) if file_name else "")


def algorithm(key):
    return "EdDSA" if key.get("kty") == "OKP" else "RS256"


def key_id(key=None):
    return (key or signing_key()).thumbprint()


def public_jwks():
    key = signing_key()
    public = json.loads(key.export_public())
    public.update(kid=key_id(key), use="sig", alg=algorithm(key))
    return {"keys": [public]}


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


def _iso(moment):
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def credential(certificate):
    """The OpenBadgeCredential of `certificate`, as a dictionary."""
    from certificates.issuing import verification_url

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
        "validFrom": _iso(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": enrolment.name,
                }
            ],
            "activityStartDate": _iso_date(cohort.first_day),
            "activityEndDate": _iso_date(cohort.last_day),
            "achievement": achievement(),
        },
        "credentialStatus": {
            "id": absolute(reverse("certificates_status", kwargs={"code": certificate.code})),
            "type": "AiForCitiesCertificateStatus",
        },
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


def _iso_date(day):
    return f"{day.isoformat()}T00:00:00Z"


def sign(payload):
    """A compact JWS (VC-JWT) of `payload` with the site's key."""
    key = signing_key()
    token = jws.JWS(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    token.add_signature(
        key,
        alg=None,
        protected=json_encode({"alg": algorithm(key), "typ": "vc+jwt", "kid": key_id(key)}),
    )
    return token.serialize(compact=True)


def credential_jwt(certificate):
    body = credential(certificate)
    return sign(
        {
            **body,
            "iss": body["issuer"]["id"],
            "jti": body["id"],
            "nbf": int(certificate.issued_at.timestamp()),
        }
    )


class InvalidCredential(Exception):
    """The signature does not verify with the published key, or the token is malformed."""


def read_credential(token, jwks=None):
    """The credential in a VC-JWT, after checking its signature against `jwks` (by default
    the site's published keys); raises InvalidCredential."""
    keys = jwk.JWKSet.from_json(json.dumps(jwks or public_jwks()))
    try:
        parsed = jws.JWS()
        parsed.deserialize(token.strip())
        kid = parsed.jose_header.get("kid")
        key = keys.get_key(kid) if kid else None
        if key is None:
            raise InvalidCredential("unknown key")
        parsed.verify(key, alg=algorithm(key))
        return json.loads(parsed.payload)
    except (JWException, ValueError, TypeError, KeyError) as error:
        raise InvalidCredential(str(error)) from error
