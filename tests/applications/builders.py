"""Builders for application tests: valid form data, a PDF, a submission, the email queue."""

import datetime
from unittest import mock

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from applications.models import Application
from applications.spam_check import new_started_token
from demo.pdf import simple_pdf

DURING_WINDOW = datetime.datetime(2026, 1, 20, 10, 0, tzinfo=datetime.UTC)
AFTER_WINDOW = datetime.datetime(2026, 2, 20, 10, 0, tzinfo=datetime.UTC)
# Forms are "opened" a few minutes before the tests' clock (DURING_WINDOW): never sent too fast,
# not yet expired.
FORM_OPENED_AT = DURING_WINDOW - datetime.timedelta(minutes=10)


def opened_form_stamp(opened_at=FORM_OPENED_AT):
    """The stamp of a newly opened form: its own key, so each one can store one application."""
    return new_started_token(opened_at=opened_at.timestamp())


APPLY_TITLES = {"en": "Apply", "fr": "Candidater", "it": "Candidatura", "nl": "Aanmelden",
                "de": "Bewerbung", "es": "Solicitud"}  # fmt: skip


def valid_data(cohort, **overrides):
    data = {
        "cohort": str(cohort.pk),
        "authority_kind": "municipality",
        "authority_name": "Bologna",
        "country": cohort.country,
        "region": "Emilia-Romagna",
        "population": "390000",
        "efus_member": "yes",
        "service": "municipal_police",
        "service_other": "",
        "contact_name": "Giulia Rossi",
        "contact_position": "Comandante",
        "contact_email": "giulia.rossi@example.it",
        "contact_phone": "+39 051 000000",
        "motivation": "Vogliamo usare l'IA in modo responsabile.",
        "commits_to_attend": "on",
        "consent": "on",
        "website": "",
        "started": opened_form_stamp(),
        "captcha": "ready",
        "g-recaptcha-response": "token",
        "participants-TOTAL_FORMS": "2",
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "1",
        "participants-MAX_NUM_FORMS": "10",
        "participants-0-name": "Giulia Rossi",
        "participants-0-position": "official",
        "participants-0-service": "Polizia locale",
        "participants-0-gender": "female",
        "participants-0-email": "giulia.rossi@example.it",
        "participants-1-name": "Marco Bianchi",
        "participants-1-position": "elected",
        "participants-1-service": "Giunta comunale",
        "participants-1-gender": "undisclosed",
        "participants-1-email": "marco.bianchi@example.it",
    }
    data.update(overrides)
    return data


LETTER = simple_pdf("Letter of commitment", ["We commit to attend every session."])


def pdf(content=LETTER, name="letter.pdf"):
    """A letter of commitment: a real one-page PDF unless `content` says otherwise."""
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def submit(client, page, cohort, **overrides):
    """Post a valid application (with `overrides`) during the window; return it."""
    with time_machine.travel(DURING_WINDOW):
        response = client.post(page.url, valid_data(cohort, **overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Application.objects.order_by("-pk").first()


def run_queue():
    """Run the email queue's worker until the queue is empty, as `db_worker --batch` does.

    The worker closes stale connections between tasks; inside a test that would close the
    test's own transaction on PostgreSQL, so that housekeeping is switched off here.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker", "--backend", "queue", "--batch", "--no-startup-delay", verbosity=0
        )
