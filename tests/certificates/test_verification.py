"""The public verification page: valid, revoked and unknown codes in several languages; an
unknown code reveals nothing; guessing is slowed down per client address."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from certificates.issuing import issue, revoke
from certificates.models import Certificate
from members.groups import EDITORS, ensure_groups
from tests.accounts import make_user
from tests.conftest import kept_for_the_module, queries_on_second_visit
from tests.fixtures.certificates import attend, enrolled, german_cohort

pytestmark = pytest.mark.django_db

VALID = {"en": "This certificate is valid", "fr": "Ce certificat est valide",
         "de": "Dieses Zertifikat ist gültig", "es": "Este certificado es válido",
         "it": "Questo certificato è valido", "nl": "Dit certificaat is geldig"}  # fmt: skip
REVOKED = {"en": "This certificate has been revoked", "fr": "Ce certificat a été révoqué",
           "de": "Dieses Zertifikat wurde widerrufen", "nl": "Dit certificaat is ingetrokken",
           "es": "Este certificado ha sido revocado",
           "it": "Questo certificato è stato revocato"}  # fmt: skip
NOT_FOUND = {"en": "No certificate found", "fr": "Aucun certificat trouvé",
             "de": "Kein Zertifikat gefunden", "es": "No se ha encontrado ningún certificado",
             "it": "Nessun certificato trovato", "nl": "Geen certificaat gevonden"}  # fmt: skip
TOO_MANY = {"en": "Too many look-ups", "fr": "Trop de vérifications", "de": "Zu viele Abfragen"}


@pytest.fixture(scope="module")
def issued(django_db_setup, django_db_blocker):
    """A valid and a revoked certificate, issued once for the module: its tests only read them."""
    with kept_for_the_module(django_db_blocker):
        editor = make_user("vera", ensure_groups()[EDITORS])
        enrolments = enrolled(german_cohort(slug="germany-2026-verified"))
        for name in ("Jürgen Groß", "Françoise Ĳsselmuiden"):
            attend(enrolments[name])
        valid = issue(enrolments["Jürgen Groß"], by=editor, notify=False)
        revoked = issue(enrolments["Françoise Ĳsselmuiden"], by=editor, notify=False)
        revoke(revoked, "Issued by mistake", by=editor)
        yield {"valid": valid.pk, "revoked": revoked.pk}


@pytest.fixture
def certificates(issued, db):
    return {key: Certificate.objects.get(pk=pk) for key, pk in issued.items()}


@pytest.mark.parametrize("code", list(VALID))
def test_a_valid_code_shows_the_holder_cohort_and_date_only(client, certificates, code):
    certificate = certificates["valid"]
    response = client.get(f"/{code}/certificates/verify/{certificate.code}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert VALID[code] in page
    assert "Jürgen Groß" in page
    assert certificate.code in page
    assert f'<html lang="{code}"' in page
    for private in ("juergen.gross@example.de", "Ordnungsamt", "Köln", "Issued by mistake"):
        assert private not in page


MACHINE_LINKS = {
    "en": ("Machine-readable status of this credential", "The issuer's public keys"),
    "fr": ("Statut de cette attestation numérique, lisible par machine",
           "Les clés publiques de l'émetteur"),
    "de": ("Maschinenlesbarer Status dieses digitalen Nachweises",
           "Die öffentlichen Schlüssel der ausstellenden Stelle"),
}  # fmt: skip


@pytest.mark.parametrize("code", list(MACHINE_LINKS))
def test_the_links_for_software_are_described_in_plain_words(client, certificates, code):
    certificate = certificates["valid"]
    response = client.get(f"/{code}/certificates/verify/{certificate.code}/")
    soup = BeautifulSoup(response.content, "html.parser")
    text = soup.select_one("main").get_text(" ")
    assert "JSON" not in text and "JWKS" not in text
    links = {link.get_text(" ", strip=True): link["href"] for link in soup.select("main a")}
    status_words, keys_words = MACHINE_LINKS[code]
    assert links[status_words].endswith(f"/certificates/status/{certificate.code}.json")
    keys_links = [href for words, href in links.items() if words.startswith(keys_words)]
    assert keys_links and keys_links[0].endswith("/certificates/jwks.json")


@pytest.mark.parametrize("code", ["en", "fr", "de", "it"])
def test_a_revoked_code_says_revoked(client, certificates, code):
    certificate = certificates["revoked"]
    page = client.get(f"/{code}/certificates/verify/{certificate.code}/").content.decode()
    assert REVOKED[code] in page
    assert VALID[code] not in page
    assert "Issued by mistake" not in page  # the reason stays internal


@pytest.mark.parametrize("code", ["en", "nl", "es"])
def test_an_unknown_code_says_not_found_and_nothing_else(client, certificates, code):
    near = certificates["valid"].code[:-1] + ("A" if certificates["valid"].code[-1] != "A" else "B")
    response = client.get(f"/{code}/certificates/verify/{near}/")
    assert response.status_code == 404
    page = response.content.decode()
    assert NOT_FOUND[code] in page
    for leak in ("Jürgen", "Françoise", certificates["valid"].code, certificates["revoked"].code):
        assert leak not in page
    other = client.get(f"/{code}/certificates/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ/").content.decode()
    # The same page whatever the code: no hint of how close a guess came.
    assert other.replace("ZZZZ-ZZZZ-ZZZZ-ZZZZ", near) == page


def test_the_form_takes_a_typed_code_in_any_case_with_spaces(client, certificates):
    typed = certificates["valid"].code.lower().replace("-", " ")
    page = client.get("/de/certificates/verify/", {"code": typed}).content.decode()
    assert VALID["de"] in page


def test_a_malformed_code_gets_an_error_next_to_the_field(client, certificates):
    page = client.get("/fr/certificates/verify/", {"code": "abc"}).content.decode()
    assert 'aria-invalid="true"' in page
    assert "id_code_error" in page
    assert "16 lettres et chiffres" in page
    empty = client.get("/en/certificates/verify/", {"code": ""}).content.decode()
    assert "Enter the certificate code." in empty


def test_guessing_is_rate_limited_per_client_and_the_limit_resets(client, certificates, settings):
    settings.CERTIFICATE_LOOKUP_RATE = (20, 600)
    start = datetime.datetime(2026, 5, 1, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        for attempt in range(20):
            response = client.get(f"/en/certificates/verify/AAAA-AAAA-AAAA-{attempt:04d}/")
            assert response.status_code == 404
        blocked = client.get(f"/fr/certificates/verify/{certificates['valid'].code}/")
        assert blocked.status_code == 429
        assert TOO_MANY["fr"] in blocked.content.decode()
        assert "Jürgen" not in blocked.content.decode()
        assert (
            client.get("/de/certificates/verify/", {"code": "AAAA-AAAA-AAAA-AAAA"}).status_code
            == 429
        )
        # Another client is not affected.
        other = client.get(
            f"/en/certificates/verify/{certificates['valid'].code}/", REMOTE_ADDR="10.1.2.3"
        )
        assert other.status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=11), tick=False):
        again = client.get(f"/en/certificates/verify/{certificates['valid'].code}/")
        assert again.status_code == 200


def test_the_blank_form_does_not_count_as_a_lookup(client, certificates, settings):
    settings.CERTIFICATE_LOOKUP_RATE = (1, 600)
    for _ in range(3):
        assert client.get("/en/certificates/verify/").status_code == 200
    assert client.get(f"/en/certificates/verify/{certificates['valid'].code}/").status_code == 200


def test_verification_page_queries_are_flat_from_10_to_30_participants(
    client, cohort, groups, settings
):
    settings.CERTIFICATE_LOOKUP_RATE = (1000, 600)

    def add(count, start):
        people = [(f"Teilnehmerin {i}", f"t{i}@example.de") for i in range(start, start + count)]
        for enrolment in enrolled(cohort, people=people).values():
            attend(enrolment)
            issue(enrolment, notify=False)

    add(10, 0)
    url = f"/de/certificates/verify/{Certificate.objects.first().code}/"
    small = queries_on_second_visit(client, url)
    add(20, 10)
    assert queries_on_second_visit(client, url) == small <= 12
