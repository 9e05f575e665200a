"""The static archive outlives the site: built once for the module from a six-language site with
a valid and a revoked certificate and a members-only page, then served by Python's http.server
alone, with no Django behind it."""

import http.server
import io
import json
import threading
from functools import partial
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest
from django.core.management import call_command
from joserfc import jwt as joserfc_jwt
from joserfc.jwk import KeySet
from wagtail.models import PageViewRestriction

from archive.builder import links_in_html
from certificates import credentials
from certificates.enrolment import enrol_application
from certificates.issuing import issue, revoke, verification_url
from home.bootstrap import ensure_locales
from members.groups import ensure_groups
from programme.factories import CohortFactory, ProgrammePageFactory
from tests.conftest import build_site_tree, kept_for_the_module
from tests.fixtures.certificates import attend, make_application

# The module's tests read files and a static server, but pytest-django creates the test
# database only for a session with tests that ask for it.
pytestmark = pytest.mark.django_db

BASE = "http://testserver"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def world(tmp_path_factory, django_db_setup, django_db_blocker):
    """The archive on disk, what it was built from, and a static server in front of it. The
    rows are rolled back once the archive is written: the tests see only files."""
    folder = tmp_path_factory.mktemp("archive") / "site"
    with kept_for_the_module(django_db_blocker):
        tree = build_site_tree(ensure_locales())
        ensure_groups()
        members_only = ProgrammePageFactory(parent=tree.home, slug="members-corner")
        PageViewRestriction.objects.create(page=members_only, restriction_type="login")
        cohort = CohortFactory(
            country="DE",
            delivery_languages=["de"],
            slug="germany-2026",
            with_sessions__confirmed=True,
        )
        enrolments = enrol_application(make_application(cohort), notify=False)
        for enrolment in enrolments[:2]:
            attend(enrolment)
        valid = issue(enrolments[0], notify=False)
        revoked = revoke(issue(enrolments[1], notify=False), "Attendance was recorded by mistake.")
        facts = {
            "valid": valid,
            "revoked": revoked,
            "token": credentials.credential_jwt(valid),
            "holders": {valid.code: valid.enrolment.name, revoked.code: revoked.enrolment.name},
            "qr_addresses": {
                valid.code: verification_url(valid),
                revoked.code: verification_url(revoked),
            },
        }
        call_command("build_archive", str(folder), stdout=io.StringIO())
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(QuietHandler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    served_at = f"http://127.0.0.1:{server.server_address[1]}"
    yield {"folder": folder, "served_at": served_at, **facts}
    server.shutdown()


def get(world, path):
    with urlopen(world["served_at"] + path, timeout=10) as response:
        return response.status, response.read()


def archived_html(world):
    return list(world["folder"].rglob("*.html"))


def test_every_page_is_there_in_six_languages_and_every_link_answers(world):
    for language in ["en", "fr", "it", "nl", "de", "es"]:
        status, body = get(world, f"/{language}/")
        assert status == 200 and f'lang="{language}"'.encode() in body
        assert b"This is an archive of the AI for Cities website" in body or language != "en"
    for extra in ["/sitemap.xml", "/robots.txt", "/en/cohorts/", "/de/"]:
        assert get(world, extra)[0] == 200
    broken = []
    checked = set()
    for page in archived_html(world):
        page_path = "/" + page.relative_to(world["folder"]).as_posix().removesuffix("index.html")
        for address in links_in_html(page.read_bytes()):
            parts = urlsplit(urljoin(BASE + page_path, address))
            if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
                continue
            if parts.path in checked:
                continue
            checked.add(parts.path)
            try:
                get(world, parts.path)
            except HTTPError as error:
                broken.append((page_path, parts.path, error.code))
    assert len(checked) > 50
    assert not broken


def test_a_cohort_is_at_its_address_in_each_language_and_its_older_address_leads_there(world):
    status, body = get(world, "/de/cohorts/deutschland-2026/")
    assert status == 200 and b"Deutschland" in body
    # The address in emails sent before addresses were translated.
    status, body = get(world, "/de/cohorts/germany-2026/")
    assert status == 200
    assert b'http-equiv="refresh" content="0;URL=/de/cohorts/deutschland-2026/"' in body
    assert get(world, "/en/cohorts/germany-2026/")[0] == 200
    assert get(world, "/nl/cohorts/duitsland-2026/")[0] == 200


def test_certificates_verify_through_their_qr_addresses(world):
    # The QR code leads to the page in the holder's language (German here).
    for certificate, verdict in [
        (world["valid"], b"verification-result--valid"),
        (world["revoked"], b"verification-result--revoked"),
    ]:
        address = urlsplit(world["qr_addresses"][certificate.code])
        assert address.netloc == "testserver"  # the archive is served at the site's address
        status, body = get(world, address.path)
        assert status == 200
        assert verdict in body
        assert world["holders"][certificate.code].encode() in body
    status, body = get(world, f"/en/certificates/verify/{world['valid'].code}/")
    assert status == 200 and b"This certificate is valid" in body
    status, body = get(world, f"/en/certificates/verify/{world['revoked'].code}/")
    assert status == 200 and b"This certificate has been revoked" in body


def test_a_credential_verifies_with_an_independent_library_against_the_archived_keys(world):
    token = world["token"]
    keys = KeySet.import_key_set(json.loads(get(world, "/certificates/jwks.json")[1]))
    claims = joserfc_jwt.decode(token, keys, algorithms=["RS256"]).claims
    assert claims["credentialSubject"]["id"].startswith("urn:uuid:")
    status_list = joserfc_jwt.decode(
        get(world, "/certificates/status/revocation-list.jwt")[1].decode(),
        keys,
        algorithms=["RS256"],
    ).claims
    bits = credentials.decode_bitstring(status_list["credentialSubject"]["encodedList"])
    assert not credentials.is_set(bits, world["valid"].status_index)
    assert credentials.is_set(bits, world["revoked"].status_index)


def test_nothing_private_is_archived(world):
    files = [p for p in world["folder"].rglob("*") if p.is_file()]
    assert not any(b"PRIVATE KEY" in p.read_bytes() for p in files)
    assert not (world["folder"] / "en" / "members-corner").exists()
    assert not (world["folder"] / "admin").exists()
    with pytest.raises(HTTPError):
        get(world, "/en/members-corner/")
    for page in archived_html(world):
        assert b"members-corner" not in page.read_bytes()
