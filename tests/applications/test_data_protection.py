"""Data protection: applications are anonymised once the retention period after their cohort is
over, an applicant can get everything stored about them and have it erased, and personal data
never reaches the logs."""

import datetime
import json
import logging
import smtplib
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db.models import Count
from django_tasks_db.models import DBTaskResult

from applications import data_protection
from applications.data_protection import (
    anonymise,
    erase,
    expired_applications,
    export_applicant_data,
)
from applications.decisions import change_status
from applications.models import (
    Application,
    ApplicationStatus,
    OpeningAlert,
    ProposedParticipant,
)
from applications.notifications import ALERT_CONFIRMATION, queue_alert_email
from mail.tasks import MAX_ATTEMPTS
from programme.factories import CohortFactory
from tests.applications.builders import pdf, run_queue, submit

pytestmark = pytest.mark.django_db

RETENTION_DAYS = 730
# The Italian cohort of the fixtures ends on 30 April 2026; its last session is on 1 April.
PLANNED_END = datetime.date(2026, 4, 30)


def moment(day, hour=12):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


EXPIRED_AT = moment(PLANNED_END + datetime.timedelta(days=RETENTION_DAYS + 1))
STILL_KEPT_AT = moment(PLANNED_END + datetime.timedelta(days=RETENTION_DAYS - 1))

PERSONAL = {
    "contact_name": "Giulia Rossi",
    "contact_position": "Comandante della Polizia locale",
    "contact_email": "giulia.rossi@example.it",
    "contact_phone": "+39 051 123456",
    "motivation": "Vogliamo usare l'IA in modo responsabile a Bologna, dice Giulia.",
}
PARTICIPANTS = [
    ("Giulia Rossi", "official", "Polizia locale", "female", "giulia.rossi@example.it"),
    ("Marco Bianchi", "elected", "Giunta comunale", "undisclosed", "marco.bianchi@example.it"),
    ("Anna Verdi", "official", "Protezione civile", "", "anna.verdi@example.it"),
]
PERSONAL_STRINGS = ["Giulia", "Rossi", "Marco", "Bianchi", "Anna", "Verdi", "@example.it",
                    "123456", "responsabile", "Comandante"]  # fmt: skip


def letter_storage():
    """Where letters are kept (private storage, outside MEDIA_ROOT)."""
    return Application._meta.get_field("letter").storage


@pytest.fixture(autouse=True)
def retention(settings):
    settings.APPLICATION_RETENTION_DAYS = RETENTION_DAYS


@pytest.fixture
def cohort():
    return CohortFactory(country="IT", slug="italy-2026", with_sessions__confirmed=True)


def make_application(cohort, city="Bologna", participants=PARTICIPANTS, letter=True, **fields):
    """An application stored directly (the form is tested elsewhere), with a letter file."""
    values = {
        "reference": f"AIC-2026-IT-{Application.objects.count() + 1:04d}",
        "cohort": cohort,
        "language": "it",
        "authority_name": city,
        "country": cohort.country,
        "region": "Emilia-Romagna",
        "population": 390_000,
        "service": "municipal_police",
        "commits_to_attend": True,
        "consent_version": "2026-01",
        "consented_at": moment(datetime.date(2026, 1, 20)),
        **PERSONAL,
        **fields,
    }
    application = Application(**values)
    if letter:
        application.letter.save("letter.pdf", ContentFile(pdf().read()), save=False)
    application.save()
    for name, position, service, gender, email in participants:
        application.participants.create(
            name=name, position=position, service=service, gender=gender, email=email
        )
    return application


def statistics():
    """What the selection summary is made of: nothing personal, and it must survive erasure."""
    applications = Application.objects.order_by("pk")
    participants = ProposedParticipant.objects.order_by("pk")
    return {
        "applications": list(
            applications.values_list(
                "reference",
                "cohort_id",
                "authority_name",
                "country",
                "region",
                "population",
                "service",
                "status",
                "language",
                "consent_version",
                "consented_at",
            )
        ),  # fmt: skip
        "participants": list(
            participants.values_list("application_id", "position", "service", "gender")
        ),
        "by_gender": dict(participants.values_list("gender").annotate(n=Count("pk"))),
        "by_position": dict(participants.values_list("position").annotate(n=Count("pk"))),
    }


STATUS_COLUMN = 7  # of statistics()["applications"]


def left_the_selection(before, *applications):
    """The statistics expected once `applications`, which still waited, are erased: the same,
    but their status is "Personal data erased", so they leave every queue and count."""
    references = {application.reference for application in applications}
    rows = [
        (*row[:STATUS_COLUMN], ApplicationStatus.ERASED.value, *row[STATUS_COLUMN + 1 :])
        if row[0] in references
        else row
        for row in before["applications"]
    ]
    return {**before, "applications": rows}


def stored_text(application):
    """Every stored value of the application and its participants, as one string."""
    application = Application.objects.get(pk=application.pk)
    rows = [
        Application.objects.filter(pk=application.pk).values().get(),
        *ProposedParticipant.objects.filter(application=application).values(),
    ]
    return json.dumps(rows, default=str)


# --- retention ----------------------------------------------------------------------------------


def test_applications_expire_the_retention_period_after_the_cohorts_planned_end(cohort):
    application = make_application(cohort)
    recent = make_application(
        CohortFactory(country="IT", year=2027, planned_start=datetime.date(2027, 3, 1),
                      planned_end=datetime.date(2027, 4, 30)),
    )  # fmt: skip
    assert list(expired_applications(STILL_KEPT_AT)) == []
    assert list(expired_applications(EXPIRED_AT)) == [application]
    assert recent not in expired_applications(EXPIRED_AT)


def test_a_session_after_the_planned_end_keeps_the_application_longer(cohort):
    application = make_application(cohort)
    late = cohort.sessions.order_by("position").last()
    late.starts_at = moment(datetime.date(2026, 6, 10), 9)
    late.ends_at = moment(datetime.date(2026, 6, 10), 11)
    late.save()
    assert list(expired_applications(EXPIRED_AT)) == []
    after_the_session = moment(datetime.date(2026, 6, 10) + datetime.timedelta(RETENTION_DAYS + 1))
    assert list(expired_applications(after_the_session)) == [application]


def test_the_retention_period_comes_from_the_settings(cohort, settings):
    make_application(cohort)
    settings.APPLICATION_RETENTION_DAYS = 10
    assert expired_applications(moment(PLANNED_END + datetime.timedelta(days=11))).count() == 1
    settings.APPLICATION_RETENTION_DAYS = 3650
    assert not expired_applications(EXPIRED_AT).exists()


# --- anonymisation ------------------------------------------------------------------------------


def test_anonymising_removes_personal_data_and_the_letter_but_keeps_the_statistics(
    cohort, django_capture_on_commit_callbacks
):
    application = make_application(cohort)
    other = make_application(cohort, city="Modena")
    change_status(application, ApplicationStatus.ACCEPTED)
    letter = application.letter.name
    assert letter_storage().exists(letter)
    before = statistics()

    with django_capture_on_commit_callbacks(execute=True):
        anonymise(application)

    application.refresh_from_db()
    assert application.contact_name == "erased"
    assert application.contact_email == f"erased-{application.pk}@invalid.example"
    assert application.motivation == "erased"
    assert not application.letter
    assert not letter_storage().exists(letter), "the letter's file is deleted from storage"
    text = stored_text(application)
    leaks = [value for value in PERSONAL_STRINGS if value in text]
    assert leaks == [], f"personal data left after anonymising: {leaks}"
    assert statistics() == before, "country, size, service, status and make-up are unchanged"
    assert application.status_changes.get().new_status == ApplicationStatus.ACCEPTED
    assert cohort.__class__.objects.get(pk=cohort.pk).accepted_participants == 3
    assert "Giulia Rossi" in stored_text(other), "other applications are untouched"
    assert letter_storage().exists(other.letter.name)


def test_anonymising_is_all_or_nothing(cohort, django_capture_on_commit_callbacks):
    application = make_application(cohort)
    with (
        django_capture_on_commit_callbacks(execute=True),
        mock.patch.object(
            data_protection, "_anonymise_participant", side_effect=RuntimeError("disk full")
        ),
        pytest.raises(RuntimeError),
    ):
        anonymise(application)
    application.refresh_from_db()
    assert application.contact_email == PERSONAL["contact_email"]
    assert application.motivation == PERSONAL["motivation"]
    assert letter_storage().exists(application.letter.name), "the letter is kept on rollback"


def test_the_purge_command_anonymises_expired_applications_only_and_prints_no_personal_data(
    cohort, django_capture_on_commit_callbacks
):
    old = make_application(cohort)
    modena = make_application(cohort, city="Modena", letter=False)
    kept = make_application(
        CohortFactory(country="IT", year=2028, planned_start=datetime.date(2028, 3, 1),
                      planned_end=datetime.date(2028, 4, 30)),
        city="Parma",
    )  # fmt: skip
    before = statistics()
    output = []

    with time_machine.travel(EXPIRED_AT), django_capture_on_commit_callbacks(execute=True):
        output.append(call_command_output("purge_expired_applications", "--dry-run"))
        assert Application.objects.filter(contact_name="Giulia Rossi").count() == 3
        assert letter_storage().exists(old.letter.name)
        output.append(call_command_output("purge_expired_applications"))
        output.append(call_command_output("purge_expired_applications"))

    assert "2 application(s) with 6 participant(s) would be anonymised" in output[0]
    assert "Anonymised 2 application(s) with 6 participant(s)" in output[1]
    assert "Anonymised 0 application(s)" in output[2], "a second run has nothing left to do"
    assert "2 already anonymised" in output[2]
    for text in output:
        for value in [*PERSONAL_STRINGS, "Bologna", "Modena", "Parma", "AIC-"]:
            assert value not in text, f"{value!r} printed by the purge"
    assert Application.objects.filter(contact_name="erased").count() == 2
    assert "Giulia Rossi" in stored_text(kept)
    assert not letter_storage().exists(old.letter.name)
    assert statistics() == left_the_selection(before, old, modena)


def call_command_output(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


# --- export -------------------------------------------------------------------------------------


def test_export_by_reference_holds_everything_about_that_application_and_nothing_else(cohort):
    application = make_application(cohort)
    make_application(cohort, city="Modena", contact_email="sindaco@modena.example",
                     contact_name="Paolo Neri",
                     participants=[("Paolo Neri", "elected", "Giunta", "male",
                                    "paolo.neri@modena.example")])  # fmt: skip
    change_status(application, ApplicationStatus.UNDER_REVIEW)

    data = export_applicant_data(reference=application.reference.lower())
    json.dumps(data)  # plain data only

    (exported,) = data["applications"]
    assert exported["reference"] == application.reference
    assert exported["contact"] == {
        "name": "Giulia Rossi",
        "position": PERSONAL["contact_position"],
        "email": "giulia.rossi@example.it",
        "phone": PERSONAL["contact_phone"],
    }
    assert exported["motivation"] == PERSONAL["motivation"]
    assert exported["authority"]["name"] == "Bologna"
    assert [p["name"] for p in exported["participants"]] == [p[0] for p in PARTICIPANTS]
    assert exported["participants"][1]["email"] == "marco.bianchi@example.it"
    assert exported["consent"]["text_version"] == "2026-01"
    assert exported["consent"]["given_at"].startswith("2026-01-20")
    assert exported["letter"]["file_name"].endswith(".pdf")
    assert [(c["from"], c["to"]) for c in exported["status_history"]] == [
        ("submitted", "under_review")
    ]
    assert exported["status"] == "under_review"
    assert "Paolo" not in json.dumps(data), "another applicant's data is not exported"


def test_export_by_email_finds_applications_participations_and_opening_alerts(cohort):
    own = make_application(cohort)
    proposed_elsewhere = make_application(
        cohort, city="Modena", contact_email="sindaco@modena.example", contact_name="Paolo Neri",
        motivation="Modena vuole partecipare.",
        participants=[("Giulia Rossi", "official", "Staff", "female", "Giulia.Rossi@example.it"),
                      ("Paolo Neri", "elected", "Giunta", "male", "paolo.neri@modena.example")],
    )  # fmt: skip
    OpeningAlert.objects.create(email="giulia.rossi@example.it", country="FR", language="it")
    OpeningAlert.objects.create(email="someone@else.example", country="FR", language="fr")

    output = call_command_output("export_applicant_data", "--email", "GIULIA.ROSSI@example.it")
    data = json.loads(output)

    assert [a["reference"] for a in data["applications"]] == [own.reference]
    (participation,) = data["proposed_as_participant"]
    assert participation["application"] == proposed_elsewhere.reference
    assert participation["name"] == "Giulia Rossi"
    assert [a["country"] for a in data["opening_alerts"]] == ["FR"]
    assert "Paolo" not in output and "someone@else" not in output


def test_export_of_an_unknown_applicant_is_empty_and_says_so(cohort):
    make_application(cohort)
    output = call_command_output("export_applicant_data", "--reference", "AIC-2026-IT-9999")
    assert "Nothing is stored" in output
    assert json.loads(output.split("\nNothing")[0])["applications"] == []


@pytest.mark.parametrize("command", ["export_applicant_data", "erase_applicant_data"])
def test_the_commands_need_a_reference_or_an_email(command):
    with pytest.raises(CommandError):
        call_command(command)
    with pytest.raises(CommandError):
        call_command(command, "--reference", "AIC-2026-IT-0001", "--email", "a@b.example")


# --- erasure ------------------------------------------------------------------------------------


def test_erasure_asks_for_confirmation_unless_told_yes(cohort, django_capture_on_commit_callbacks):
    application = make_application(cohort)
    with mock.patch("builtins.input", return_value="no"), pytest.raises(CommandError):
        call_command_output("erase_applicant_data", "--reference", application.reference)
    assert "Giulia Rossi" in stored_text(application)

    with (
        mock.patch("builtins.input", return_value="yes") as asked,
        django_capture_on_commit_callbacks(execute=True),
    ):
        output = call_command_output("erase_applicant_data", "--reference", application.reference)
    asked.assert_called_once()
    assert "Erased: 1 application(s)" in output
    assert [value for value in PERSONAL_STRINGS if value in stored_text(application)] == []


def test_erasure_by_email_reaches_every_trace_of_the_person(
    cohort, django_capture_on_commit_callbacks
):
    own = make_application(cohort)
    elsewhere = make_application(
        cohort, city="Modena", contact_email="sindaco@modena.example", contact_name="Paolo Neri",
        motivation="Modena vuole partecipare.",
        participants=[("Giulia Rossi", "official", "Staff", "female", "giulia.rossi@example.it"),
                      ("Paolo Neri", "elected", "Giunta", "male", "paolo.neri@modena.example")],
    )  # fmt: skip
    OpeningAlert.objects.create(email="giulia.rossi@example.it", country="FR", language="it")
    before = statistics()

    with django_capture_on_commit_callbacks(execute=True):
        output = call_command_output(
            "erase_applicant_data", "--email", "giulia.rossi@example.it", "--yes"
        )

    assert "Erased: 1 application(s), 1 participant row(s) in other applications, 1 opening" in (
        output
    )
    assert [value for value in PERSONAL_STRINGS if value in stored_text(own)] == []
    text = stored_text(elsewhere)
    assert "Giulia" not in text and "giulia.rossi" not in text
    assert "Paolo Neri" in text, "the other city's own data stays"
    assert not OpeningAlert.objects.exists()
    assert statistics() == left_the_selection(before, own)
    empty = export_applicant_data(email="giulia.rossi@example.it")
    assert empty["applications"] == empty["proposed_as_participant"] == []
    assert empty["opening_alerts"] == []


def test_erasure_cancels_the_emails_still_waiting_to_go_out(apply_pages, italy, client):
    application = submit(client, apply_pages["en"], italy, letter=pdf())
    OpeningAlert.objects.create(email="giulia.rossi@example.it", country="FR", language="it")
    queue_alert_email(ALERT_CONFIRMATION, OpeningAlert.objects.get())
    other = submit(client, apply_pages["en"], italy, authority_name="Modena",
                   contact_email="sindaco@modena.example")  # fmt: skip
    assert DBTaskResult.objects.filter(status="READY").count() == 5

    erase(email="giulia.rossi@example.it")

    run_queue()
    recipients = [address for message in mail.outbox for address in message.to]
    assert len(recipients) == 2, "the other city's acknowledgement and staff notification"
    assert "sindaco@modena.example" in recipients
    assert "giulia.rossi@example.it" not in recipients
    assert not DBTaskResult.objects.filter(status="FAILED").exists()
    application.refresh_from_db()
    assert application.contact_email.endswith("@invalid.example")
    assert other.contact_email == "sindaco@modena.example"


def test_erasing_nothing_is_harmless(cohort):
    make_application(cohort)
    output = call_command_output("erase_applicant_data", "--email", "nobody@example.org", "--yes")
    assert "Nothing to erase" in output
    assert Application.objects.filter(contact_name="Giulia Rossi").exists()


# --- logs ---------------------------------------------------------------------------------------

ALL_LOGS = ["", "applications", "django", "django_tasks", "django_tasks_db"]


@pytest.fixture
def every_log(caplog):
    """Capture every log record, at every level, including the task worker's."""
    levels = {name: logging.getLogger(name).level for name in ALL_LOGS}
    caplog.set_level(logging.DEBUG)
    for name in ALL_LOGS:
        caplog.set_level(logging.DEBUG, logger=name)
    yield caplog
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def run_worker():
    """Run the queue's worker as builders.run_queue does, but at a verbosity that keeps the
    worker's own logging switched on."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker", "--backend", "queue", "--batch", "--no-startup-delay", verbosity=2
        )


def assert_no_personal_data(caplog):
    text = caplog.text + "\n".join(str(record.args) for record in caplog.records)
    found = [value for value in ["giulia.rossi", "Giulia", "Rossi", "Marco", "Bianchi"]
             if value in text]  # fmt: skip
    assert found == [], f"personal data in the logs: {found}\n{caplog.text}"


def test_no_personal_data_is_logged_through_submission_failing_email_and_purge(
    apply_pages, italy, client, every_log, django_capture_on_commit_callbacks
):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=ConnectionRefusedError("mail server down"),
    ):
        submit(client, apply_pages["fr"], italy, letter=pdf())
        run_worker()
    assert DBTaskResult.objects.filter(status="READY").count() == 2, "retries are queued"
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)):
        run_worker()
    assert len(mail.outbox) == 2
    with time_machine.travel(EXPIRED_AT), django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired_applications", verbosity=0)
        erase(email="giulia.rossi@example.it")

    assert any("failed" in record.getMessage() for record in every_log.records), (
        "the failing send was logged (so this test does look at the logs)"
    )
    assert_no_personal_data(every_log)


def refuse_every_email_for_good():
    """Run the worker through every retry while the mail server refuses the recipient, naming
    them as real servers do."""
    refusal = smtplib.SMTPRecipientsRefused(
        {"giulia.rossi@example.it": (550, b"5.1.1 <giulia.rossi@example.it>: no such user")}
    )
    later = datetime.datetime.now(datetime.UTC)
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=refusal
    ):
        for _attempt in range(MAX_ATTEMPTS):
            later += datetime.timedelta(hours=1)
            with time_machine.travel(later):
                run_worker()
    assert DBTaskResult.objects.filter(status="FAILED").count() == 2, "it failed for good"


def test_an_email_refused_for_good_is_logged_without_the_address(
    apply_pages, italy, client, every_log
):
    """A mail server's refusal names the recipient; no log may repeat it — neither ours nor
    the task framework's report of the failed task (which logs the exception's traceback)."""
    submit(client, apply_pages["en"], italy)
    refuse_every_email_for_good()
    assert any("for good" in record.getMessage() for record in every_log.records)
    assert_no_personal_data(every_log)


def test_erasure_also_drops_failed_sends_that_quote_the_address(
    apply_pages, italy, client, django_capture_on_commit_callbacks
):
    application = submit(client, apply_pages["en"], italy)
    refuse_every_email_for_good()
    with django_capture_on_commit_callbacks(execute=True):
        erase(reference=application.reference)
    stored = json.dumps(list(DBTaskResult.objects.values()), default=str)
    assert "giulia.rossi" not in stored
