"""Emails go out from the task queue in the applicant's language and are retried on failure;
decisions keep the seat count within the cohort; the private status link works only signed."""

import datetime
import re
from unittest import mock
from urllib.parse import unquote

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django_tasks_db.models import DBTaskResult

from applications.decisions import NotEnoughSeats, change_status
from applications.models import Application, ApplicationStatus
from home.models import ContactSettings
from programme.models import Cohort
from tests.applications.builders import DURING_WINDOW, run_queue, submit
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

ACKNOWLEDGEMENT_SUBJECT = {
    "en": "application AIC-2026-IT",
    "fr": "candidature AIC-2026-IT",
    "it": "candidatura AIC-2026-IT",
    "de": "Bewerbung AIC-2026-IT",
    "nl": "aanmelding AIC-2026-IT",
    "es": "solicitud AIC-2026-IT",
}


@pytest.fixture
def staff_address(site_tree):
    ContactSettings.objects.create(
        site=site_tree.home.get_site(),
        manager_name="Claire Dumont",
        manager_email="manager@efus.example",
        staff_notification_email="applications@efus.example",
    )
    return "applications@efus.example"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_submission_queues_two_emails_that_go_out_when_the_worker_runs(
    apply_pages, italy, client, staff_address, code
):
    application = submit(client, apply_pages[code], italy)
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 2

    run_queue()

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"giulia.rossi@example.it", staff_address}
    acknowledgement = by_recipient["giulia.rossi@example.it"]
    assert ACKNOWLEDGEMENT_SUBJECT[code] in acknowledgement.subject
    assert application.reference in acknowledgement.body
    assert "Marco Bianchi" in acknowledgement.body
    staff = by_recipient[staff_address]
    assert application.reference in staff.subject
    assert staff.reply_to == ["giulia.rossi@example.it"]


def test_a_failing_mail_server_loses_nothing_and_the_email_is_retried(
    apply_pages, italy, client, staff_address
):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=ConnectionRefusedError("mail server down"),
    ):
        application = submit(client, apply_pages["en"], italy)
        run_queue()
    assert Application.objects.filter(pk=application.pk).exists()
    assert mail.outbox == []
    retries = DBTaskResult.objects.filter(status="READY")
    assert retries.count() == 2, "each failed email is queued again"
    assert all(result.run_after > DURING_WINDOW for result in retries)

    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)):
        run_queue()
    assert len(mail.outbox) == 2


def status_link(message):
    return re.search(r"https?://\S+/status/\?token=\S+", message.body).group(0)


def test_status_link_shows_the_application_and_allows_withdrawal(
    apply_pages, italy, client, staff_address
):
    application = submit(client, apply_pages["fr"], italy)
    run_queue()
    link = status_link(next(m for m in mail.outbox if m.to == ["giulia.rossi@example.it"]))
    path = link.removeprefix(settings.BASE_URL)
    page = client.get(path)
    assert page.status_code == 200
    assert application.reference in page.content.decode()
    assert application.cohort.get_calendar_url().replace("/en/", "/fr/") in page.content.decode()

    tampered = path[:-3] + ("abc" if not path.endswith("abc") else "xyz")
    assert client.get(tampered).status_code == 404
    assert client.get(path.split("?")[0]).status_code == 404

    token = unquote(path.split("token=")[1])
    response = client.post(path.split("?")[0], {"token": token, "withdraw": "1"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.status_changes.get().new_status == ApplicationStatus.WITHDRAWN


def test_accepting_counts_seats_and_withdrawal_frees_them(apply_pages, italy, client, admin_user):
    application = submit(client, apply_pages["en"], italy)
    change_status(application, ApplicationStatus.ACCEPTED, admin_user)
    assert Cohort.objects.get(pk=italy.pk).accepted_participants == 2
    history = application.status_changes.get()
    assert (history.old_status, history.new_status, history.changed_by) == (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.ACCEPTED,
        admin_user,
    )
    change_status(application, ApplicationStatus.WITHDRAWN)
    assert Cohort.objects.get(pk=italy.pk).accepted_participants == 0


def test_accepting_beyond_the_seats_is_refused_by_the_database(apply_pages, italy, client):
    Cohort.objects.filter(pk=italy.pk).update(seats=3)
    first = submit(client, apply_pages["en"], italy)
    second = submit(client, apply_pages["en"], italy, authority_name="Modena")
    change_status(first, ApplicationStatus.ACCEPTED)
    with pytest.raises(NotEnoughSeats):
        change_status(second, ApplicationStatus.ACCEPTED)
    second.refresh_from_db()
    assert second.status == ApplicationStatus.SUBMITTED
    assert Cohort.objects.get(pk=italy.pk).accepted_participants == 2


def test_decision_email_goes_out_in_the_applicants_language(apply_pages, italy, client):
    application = submit(client, apply_pages["it"], italy)
    run_queue()
    mail.outbox.clear()
    change_status(application, ApplicationStatus.ACCEPTED)
    run_queue()
    (message,) = mail.outbox
    assert message.to == ["giulia.rossi@example.it"]
    assert "accettata" in message.body


def test_applicants_hear_when_a_confirmed_date_moves(apply_pages, italy, client):
    application = submit(client, apply_pages["de"], italy)
    run_queue()
    mail.outbox.clear()
    session = italy.sessions.order_by("position")[0]
    before = session.snapshot()
    session.starts_at += datetime.timedelta(days=7)
    session.ends_at += datetime.timedelta(days=7)
    session.save()
    session.record_edit(before)
    run_queue()
    (message,) = mail.outbox
    assert message.to == [application.contact_email]
    assert "11. März 2026" in message.body


DECISION_SUBJECTS = {
    ("it", ApplicationStatus.ACCEPTED): "accettata",
    ("fr", ApplicationStatus.WAITLISTED): "liste d’attente",
    ("de", ApplicationStatus.DECLINED): "nicht angenommen",
    ("en", ApplicationStatus.UNDER_REVIEW): "under review",
}


@pytest.mark.parametrize("language, status", list(DECISION_SUBJECTS))
def test_a_decision_email_says_the_decision_in_its_subject(
    apply_pages, italy, client, language, status
):
    application = submit(client, apply_pages[language], italy)
    run_queue()
    mail.outbox.clear()
    change_status(application, status)
    run_queue()
    (message,) = mail.outbox
    assert DECISION_SUBJECTS[(language, status)] in message.subject
    assert application.reference in message.subject


def test_the_staff_notification_links_straight_to_the_application_in_the_admin(
    apply_pages, italy, client, staff_address, admin_user
):
    application = submit(client, apply_pages["en"], italy)
    run_queue()
    (staff,) = [message for message in mail.outbox if message.to == [staff_address]]
    link = re.search(r"https?://\S+/admin/\S+", staff.body).group(0)
    client.force_login(admin_user)
    page = client.get(link.removeprefix(settings.BASE_URL))
    assert page.status_code == 200
    assert application.reference in page.content.decode()
