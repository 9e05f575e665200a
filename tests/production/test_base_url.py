"""One base address for every absolute link: with the site on an unusual port, every link in
every kind of email, in the sitemap, a calendar, a certificate PDF and a credential uses it."""

import datetime
import io
import json
import re

import pypdf
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from applications.decisions import change_status
from applications.models import ApplicationStatus
from certificates import credentials
from certificates.enrolment import enrol_application
from certificates.issuing import issue, pdf_bytes
from programme.models import Session
from tests.applications.builders import run_queue, submit
from tests.conftest import LANGUAGE_CODES
from tests.fixtures.certificates import attend

BASE = "http://aicities.example:8123"
URL = re.compile(r"https?://[^\s\"'<>)]+")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def unusual_base(settings):
    settings.BASE_URL = BASE
    settings.ALLOWED_HOSTS = ["testserver", "aicities.example"]


def urls_in(text):
    return [url for url in URL.findall(text) if "example.it" not in url]


def is_schema(url):
    """Addresses that are not this site's: standards (XML namespaces, JSON-LD contexts) and
    Efus's own website (the issuing organisation)."""
    return any(
        host in url for host in ("sitemaps.org", "w3.org", "imsglobal.org", "1edtech", "efus.eu")
    )


def assert_on_base(urls, where):
    assert urls, f"no link found in {where}"
    wrong = [url for url in urls if not url.startswith(f"{BASE}/")]
    assert wrong == [], f"{where}: {wrong}"


def test_every_email_kind_links_to_the_base_address(
    client,
    apply_pages,
    italy,
    editor,
):
    application = submit(client, apply_pages["fr"], italy)
    change_status(application, ApplicationStatus.ACCEPTED, user=editor)
    session = Session.objects.filter(cohort=italy).first()
    before = session.snapshot()
    session.starts_at += datetime.timedelta(days=1)
    session.ends_at += datetime.timedelta(days=1)
    session.save()
    session.record_edit(before, editor)
    enrol_application(application)
    client.post(reverse("members:password_reset"), {"email": "giulia.rossi@example.it"})
    run_queue()
    kinds = {message.subject for message in mail.outbox}
    assert len(mail.outbox) >= 6, kinds
    for message in mail.outbox:
        links = [url for url in urls_in(message.body) if "efus.eu" not in url]
        if links:
            assert_on_base(links, message.subject)
    bodies = " ".join(message.body for message in mail.outbox)
    resets = set()
    for code in LANGUAGE_CODES:
        with translation.override(code):
            resets.add(reverse("members:password_reset"))
    assert "/status/?token=" in bodies and any(address in bodies for address in resets)


def test_sitemap_calendar_pdf_qr_and_credential_use_the_base_address(
    client,
    apply_pages,
    italy,
    editor,
):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert_on_base([url for url in urls_in(sitemap) if not is_schema(url)], "sitemap")
    calendar = client.get(italy.get_calendar_url()).content.decode()
    assert_on_base(re.findall(r"^URL[^:]*:(\S+)", calendar, re.M), "calendar")

    application = submit(client, apply_pages["it"], italy)
    change_status(application, ApplicationStatus.ACCEPTED, user=editor)
    enrolment = enrol_application(application, notify=False)[0]
    attend(enrolment)
    certificate = issue(enrolment, notify=False)
    pdf = pdf_bytes(certificate)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert BASE.removeprefix("http://") in text.replace("\n", "")
    credential = client.get(
        reverse("certificates:download_credential", kwargs={"code": certificate.code}),
    )
    assert credential.status_code in (200, 302)
    body = json.dumps(credentials.credential(certificate))
    assert_on_base([url for url in urls_in(body) if not is_schema(url)], "credential")
