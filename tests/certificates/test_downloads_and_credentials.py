"""Only the holder and staff download a certificate; the Open Badges credential is signed
with the published key, breaks when tampered with, and shows a revocation."""

import base64
import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from jwcrypto import jwk, jws

from certificates import credentials
from certificates.issuing import issue, revoke
from tests.fixtures.certificates import attend

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(enrolments, editor):
    attend(enrolments["Jürgen Groß"])
    return issue(enrolments["Jürgen Groß"], by=editor, notify=False)


def urls(certificate):
    return [
        f"/de/certificates/{certificate.code}/certificate.pdf",
        f"/en/certificates/{certificate.code}/open-badge.jwt",
    ]


def test_the_holder_downloads_their_pdf_and_credential(client, certificate):
    client.force_login(certificate.enrolment.user)
    pdf, badge = (client.get(url) for url in urls(certificate))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "private" in pdf["Cache-Control"]
    assert badge.status_code == 200
    assert credentials.read_credential(badge.content.decode())["id"].startswith("urn:uuid:")


def test_anonymous_visitors_are_sent_to_log_in(client, certificate):
    for url in urls(certificate):
        response = client.get(url)
        assert response.status_code == 302
        with translation.override(url.split("/")[1]):
            assert response["Location"].startswith(f"{reverse('members:login')}?next="), url


def test_another_participant_and_a_committee_member_get_not_found(
    client, certificate, enrolments, outsider_participant, committee_member
):
    for user in (enrolments["Núria Fàbregas"].user, outsider_participant, committee_member):
        client.force_login(user)
        for url in urls(certificate):
            assert client.get(url).status_code == 404, (user, url)


def test_editors_and_superusers_may_download(client, certificate, editor):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x-pass-123")
    for user in (editor, admin):
        client.force_login(user)
        assert client.get(urls(certificate)[0]).status_code == 200


def test_a_revoked_certificate_is_no_longer_offered_to_its_holder(client, certificate, editor):
    revoke(certificate, "Name misspelt", by=editor)
    client.force_login(certificate.enrolment.user)
    assert client.get(urls(certificate)[0]).status_code == 404


def test_my_space_lists_the_holders_certificates_and_calendar(
    client, certificate, outsider_participant
):
    client.force_login(certificate.enrolment.user)
    html = client.get("/de/mitglieder/").content.decode()
    assert f"/certificates/{certificate.code}/certificate.pdf" in html
    assert "/certificates/calendar/" in html
    client.force_login(outsider_participant)
    html = client.get("/de/mitglieder/").content.decode()
    assert "certificate.pdf" not in html and "/certificates/calendar/" not in html


# --- Open Badges 3.0 ------------------------------------------------------------------------


def test_the_credential_is_an_open_badge_credential(certificate):
    body = credentials.credential(certificate)
    assert body["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert any("purl.imsglobal.org/spec/ob/v3p0/context" in c for c in body["@context"])
    assert body["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert body["issuer"]["type"] == ["Profile"] and "Efus" in body["issuer"]["name"]
    valid_from = datetime.datetime.fromisoformat(body["validFrom"])  # in Brussels, with its offset
    assert valid_from == certificate.issued_at.replace(microsecond=0)
    assert body["validFrom"][-6:] in ("+01:00", "+02:00")
    subject = body["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["achievement"]["type"] == ["Achievement"]
    assert subject["identifier"][0]["identityHash"] == "Jürgen Groß"
    assert subject["id"] == f"urn:uuid:{certificate.enrolment.subject_id}"
    assert body["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert body["credentialStatus"]["statusListIndex"] == str(certificate.status_index)
    assert body["evidence"][0]["id"].endswith(f"/certificates/verify/{certificate.code}/")


def test_the_signature_verifies_with_the_published_key(client, certificate):
    token = credentials.credential_jwt(certificate)
    published = client.get("/certificates/jwks.json").json()
    assert published["keys"][0]["kty"] == "RSA" and "d" not in published["keys"][0]
    key = jwk.JWKSet.from_json(json.dumps(published)).get_key(published["keys"][0]["kid"])
    parsed = jws.JWS()
    parsed.deserialize(token)
    parsed.verify(key)  # raises if the signature is wrong
    payload = json.loads(parsed.payload)
    assert payload["credentialSubject"]["identifier"][0]["identityHash"] == "Jürgen Groß"
    assert payload["iss"] == client.get("/certificates/issuer.json").json()["id"]


def _tampered(token):
    header, payload, signature = token.split(".")
    body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    body["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    forged = base64.urlsafe_b64encode(json.dumps(body).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def test_a_tampered_credential_fails(client, certificate):
    token = credentials.credential_jwt(certificate)
    with pytest.raises(credentials.InvalidCredential):
        credentials.read_credential(_tampered(token))
    response = client.post(
        "/certificates/credentials/verify", _tampered(token), content_type="text/plain"
    )
    assert response.status_code == 400 and response.json()["signature"] == "invalid"
    other_key = jwk.JWK.generate(kty="RSA", size=2048)
    with pytest.raises(credentials.InvalidCredential):
        credentials.read_credential(token, jwks={"keys": [json.loads(other_key.export_public())]})


def test_a_revoked_certificates_credential_verifies_as_revoked(client, certificate, editor):
    token = credentials.credential_jwt(certificate)
    check = client.post("/certificates/credentials/verify", token, content_type="text/plain")
    assert check.json() == {**check.json(), "signature": "valid", "status": "valid"}
    revoke(certificate, "Issued by mistake", by=editor)
    check = client.post("/certificates/credentials/verify", token, content_type="text/plain")
    assert check.json()["signature"] == "valid" and check.json()["status"] == "revoked"
    status = client.get(f"/certificates/status/{certificate.code}.json").json()
    assert status["status"] == "revoked"
