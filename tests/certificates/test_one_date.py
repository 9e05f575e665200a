"""One date everywhere: a certificate issued at 00:30 in Brussels (23:30 the day before in UTC)
says the same day on its PDF, its verification page, the participant's space, its email and
its credential, all computed in Efus's zone through home.dates."""

import datetime
import zoneinfo

import pypdfium2 as pdfium
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import translation

from certificates import credentials
from certificates.issuing import issue, revoke
from home.dates import EFUS_TIME_ZONE, local_day
from tests.applications.builders import run_queue
from tests.fixtures.certificates import attend

pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
HALF_PAST_MIDNIGHT = datetime.datetime(2026, 12, 7, 0, 30, tzinfo=BRUSSELS)
THE_DAY = "7. Dezember 2026"  # the holder writes German
THE_DAY_BEFORE = "6. Dezember 2026"


@pytest.fixture
def certificate(enrolments):
    enrolment = enrolments["Jürgen Groß"]
    attend(enrolment)
    with time_machine.travel(HALF_PAST_MIDNIGHT, tick=False):
        certificate = issue(enrolment)
    assert certificate.issued_at.astimezone(datetime.UTC).day == 6  # stored in UTC: the 6th
    return certificate


def pdf_text(content):
    document = pdfium.PdfDocument(content)
    return " ".join(page.get_textpage().get_text_range() for page in document)


def squeezed(text):
    return " ".join(text.split())


def test_the_day_of_issue_is_the_same_everywhere(client, certificate):
    assert EFUS_TIME_ZONE.key == "Europe/Brussels"
    assert certificate.issued_on == datetime.date(2026, 12, 7)

    run_queue()
    (email,) = [m for m in mail.outbox if certificate.code in m.body]
    (attachment,) = email.attachments
    on_pdf = squeezed(pdf_text(attachment[1]))
    assert THE_DAY in on_pdf and THE_DAY_BEFORE not in on_pdf
    assert THE_DAY in squeezed(email.body) and THE_DAY_BEFORE not in email.body

    page = client.get(f"/de/certificates/verify/{certificate.code}/").content.decode()
    facts = squeezed(BeautifulSoup(page, "html.parser").select_one("dl.facts").get_text(" "))
    assert f"Ausgestellt am {THE_DAY}" in facts

    client.force_login(certificate.enrolment.user)
    downloaded = client.get(f"/de/certificates/{certificate.code}/certificate.pdf").content
    assert THE_DAY in squeezed(pdf_text(downloaded))
    with translation.override("de"):
        my_space = reverse("members:my_space")
    space = squeezed(client.get(my_space).content.decode())
    assert THE_DAY in space and THE_DAY_BEFORE not in space

    credential = credentials.credential(certificate)
    assert credential["validFrom"] == "2026-12-07T00:30:00+01:00"
    payload = credentials.read_credential(credentials.credential_jwt(certificate))
    assert payload["validFrom"].startswith("2026-12-07")
    assert payload["nbf"] == int(HALF_PAST_MIDNIGHT.timestamp())


def test_the_day_of_revocation_too(client, certificate):
    with time_machine.travel(datetime.datetime(2026, 12, 9, 0, 15, tzinfo=BRUSSELS), tick=False):
        revoke(certificate, "Issued by mistake")
    certificate.refresh_from_db()
    assert certificate.revoked_on == datetime.date(2026, 12, 9)
    page = client.get(f"/de/certificates/verify/{certificate.code}/").content.decode()
    facts = squeezed(BeautifulSoup(page, "html.parser").select_one("dl.facts").get_text(" "))
    assert "9. Dezember 2026" in facts and "8. Dezember 2026" not in facts


def test_the_activity_dates_are_the_cohorts_days_with_their_offset(certificate):
    subject = credentials.credential(certificate)["credentialSubject"]
    cohort = certificate.enrolment.cohort
    assert subject["activityStartDate"] == f"{cohort.first_day.isoformat()}T00:00:00+01:00"
    assert subject["activityEndDate"] == f"{cohort.last_day.isoformat()}T00:00:00+02:00"


def test_a_moment_in_a_cohorts_zone_keeps_it_and_one_in_utc_shows_in_brussels():
    lisbon = zoneinfo.ZoneInfo("Europe/Lisbon")  # an hour behind Brussels
    late = datetime.datetime(2026, 12, 6, 23, 30, tzinfo=lisbon)
    assert local_day(late) == datetime.date(2026, 12, 6)
    assert local_day(late.astimezone(datetime.UTC)) == datetime.date(2026, 12, 7)
