"""The funder's report: one click in the admin gives the XLSX (exact numbers, marked
confidential) or the PDF (the small-number rule), for a period, in the editor's language."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from applications.decisions import change_status
from applications.factories import ApplicationFactory
from applications.models import ApplicationStatus

pytestmark = pytest.mark.django_db


def sheet_rows(workbook, key):
    return [tuple(row) for row in workbook[key].iter_rows(values_only=True)]


def test_the_xlsx_has_the_exact_numbers_and_says_it_is_confidential(client, editor, programme):
    client.force_login(editor)
    response = client.get(reverse("figures_report"), {"format": "xlsx"})
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    workbook = load_workbook(io.BytesIO(response.content))
    assert "CONFIDENTIAL" in workbook["by_country"]["A1"].value
    assert ("France", 3, 2) in sheet_rows(workbook, "by_country")  # exact, under 5
    assert ("Accepted", 1) in sheet_rows(workbook, "applications")
    assert sheet_rows(workbook, "self_assessment")[3:] == [
        ("Explain AI", 9, 2.3, 3.9),
        ("Buy AI", 9, 1.7, 3.0),
    ]


def test_the_pdf_follows_the_small_number_rule(client, editor, programme):
    client.force_login(editor)
    response = client.get(reverse("figures_report"), {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "France fewer than 5 fewer than 5" in " ".join(text.split())
    assert "Italy 7 5" in " ".join(text.split())
    assert "Explain AI 9 2.3 3.9" in " ".join(text.split())


def test_a_period_in_the_wrong_order_is_refused_next_to_the_field(client, editor, programme):
    client.force_login(editor)
    page = client.get(
        reverse("figures_report"), {"since": "2026-05-01", "until": "2026-01-01", "format": "pdf"}
    )
    assert page.status_code == 200
    assert "cannot be before its start" in page.content.decode()


def test_a_period_counts_only_its_facts(client, editor, programme):
    client.force_login(editor)
    response = client.get(
        reverse("figures_report"), {"since": "2025-01-01", "until": "2025-12-31", "format": "xlsx"}
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert ("France", 0, 0) in sheet_rows(workbook, "by_country")


def test_participants_cannot_download_the_report(client, programme):
    participant = programme[0].enrolments.first().user
    client.force_login(participant)
    assert client.get(reverse("figures_report"), {"format": "xlsx"}).status_code in (302, 403)


def test_declined_applications_are_counted_by_their_reason(client, editor, programme):
    italy, _france = programme
    declined = [("cohort_full", 2), ("outside_target", 1), ("", 1)]
    for reason, count in declined:
        for _i in range(count):
            application = ApplicationFactory(cohort=italy)
            change_status(application, ApplicationStatus.DECLINED, editor, decline_reason=reason)
    reconsidered = ApplicationFactory(cohort=italy)
    change_status(reconsidered, ApplicationStatus.DECLINED, editor, decline_reason="duplicate")
    change_status(reconsidered, ApplicationStatus.WAITLISTED, editor)
    client.force_login(editor)
    response = client.get(reverse("figures_report"), {"format": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    rows = sheet_rows(workbook, "decline_reasons")
    assert rows[2] == ("Reason", "Applications")
    assert rows[3:] == [
        ("Outside the target group", 1),
        ("Cohort full", 2),
        ("Application incomplete", 0),
        ("Duplicate application", 0),
        ("Withdrawn by the authority (not through the site)", 0),
        ("Other reason", 0),
        ("No reason recorded", 1),
    ]
    assert ("Declined", 4) in sheet_rows(workbook, "applications")
    pdf = client.get(reverse("figures_report"), {"format": "pdf"})
    text = " ".join(
        "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split()
    )
    assert "Applications declined, by reason" in text and "Cohort full 2" in text
