"""The completion rule, the editor's override (with a reason), and certificates issued only
to participants who completed, each emailed with the PDF attached."""

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError

from certificates.completion import has_completed, parse_rule
from certificates.issuing import NotCompleted, issue, issue_for_cohort, record_override
from certificates.models import Certificate, Enrolment
from tests.applications.builders import run_queue
from tests.fixtures.certificates import attend

pytestmark = pytest.mark.django_db


def sessions_of(cohort):
    return list(cohort.sessions.order_by("position"))


def test_all_five_sessions_complete_the_cohort_by_default(cohort, enrolments):
    full, partial = enrolments["Jürgen Groß"], enrolments["Núria Fàbregas"]
    attend(full)
    attend(partial, sessions_of(cohort)[:4])  # missed the in-person session
    attend(partial, sessions_of(cohort)[4:], present=False)
    assert has_completed(full)
    assert not has_completed(partial)
    assert not has_completed(enrolments["Çağla Yılmaz"])  # nothing recorded


def test_a_cancelled_session_is_not_required(cohort, enrolments):
    session = sessions_of(cohort)[1]
    session.is_cancelled = True
    session.save()
    enrolment = enrolments["Jürgen Groß"]
    attend(enrolment, [s for s in sessions_of(cohort) if s != session])
    assert has_completed(enrolment)


def test_the_rule_is_a_setting(cohort, enrolments, settings):
    enrolment = enrolments["Jürgen Groß"]
    sessions = sessions_of(cohort)
    attend(enrolment, sessions[:3] + sessions[4:])  # 3 online + in person
    assert not has_completed(enrolment)
    settings.CERTIFICATE_COMPLETION_RULE = "online=3,in_person=1"
    assert has_completed(enrolment)
    settings.CERTIFICATE_COMPLETION_RULE = "online=4,in_person=1"
    assert not has_completed(enrolment)
    with pytest.raises(ImproperlyConfigured):
        parse_rule("most")


def test_an_override_decides_completion_and_needs_a_reason(enrolments, editor):
    enrolment = enrolments["Çağla Yılmaz"]
    with pytest.raises(ValueError):
        record_override(enrolment, "completed", "  ", by=editor)
    record_override(enrolment, "completed", "Attended the replay with the trainer.", by=editor)
    enrolment.refresh_from_db()
    assert has_completed(enrolment)
    assert (enrolment.override_by, enrolment.override_reason) == (
        editor,
        "Attended the replay with the trainer.",
    )
    assert enrolment.override_at is not None

    attend(enrolments["Jürgen Groß"])
    record_override(enrolments["Jürgen Groß"], "not_completed", "Left every session early.")
    assert not has_completed(enrolments["Jürgen Groß"])
    # The database refuses an override without a reason, whatever the code path.
    with pytest.raises(IntegrityError):
        Enrolment.objects.filter(pk=enrolment.pk).update(override_reason="")


def test_the_override_form_in_the_admin_refuses_a_missing_reason(enrolments, editor, client):
    enrolment = enrolments["Çağla Yılmaz"]
    client.force_login(editor)
    url = f"/admin/certificates/enrolment/{enrolment.pk}/completion/"
    response = client.post(url, {"decision": "completed", "reason": ""})
    assert response.status_code == 200
    assert "Give the reason for the override." in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.completion_override == ""

    client.post(url, {"decision": "completed", "reason": "Medical certificate for session 2."})
    enrolment.refresh_from_db()
    assert enrolment.completion_override == "completed"
    screen = client.get(f"/admin/certificates/cohort/{enrolment.cohort_id}/").content.decode()
    assert "Medical certificate for session 2." in screen


def test_certificates_only_for_those_who_completed(cohort, enrolments, editor):
    attend(enrolments["Jürgen Groß"])
    attend(enrolments["Françoise Ĳsselmuiden"])
    with pytest.raises(NotCompleted):
        issue(enrolments["Núria Fàbregas"], by=editor)

    issued = issue_for_cohort(cohort, by=editor)

    assert sorted(c.enrolment.name for c in issued) == ["Françoise Ĳsselmuiden", "Jürgen Groß"]
    assert issue_for_cohort(cohort, by=editor) == []  # nobody gets two
    assert Certificate.objects.count() == 2
    assert all(c.issued_by == editor and c.language == "de" and c.pdf for c in issued)


def test_issuing_emails_the_participant_the_pdf_in_their_language(cohort, enrolments, editor):
    attend(enrolments["Jürgen Groß"])
    certificate = issue(enrolments["Jürgen Groß"], by=editor)
    assert mail.outbox == []
    run_queue()
    (message,) = mail.outbox
    assert message.to == ["juergen.gross@example.de"]
    assert "Zertifikat" in message.subject
    assert certificate.code in message.body
    assert f"http://testserver/de/certificates/verify/{certificate.code}/" in message.body
    (attachment,) = message.attachments
    assert attachment[2] == "application/pdf" and attachment[1].startswith(b"%PDF")


def test_editors_issue_and_revoke_from_the_cohort_screen(cohort, enrolments, editor, client):
    attend(enrolments["Jürgen Groß"])
    client.force_login(editor)
    screen = f"/admin/certificates/cohort/{cohort.pk}/"
    client.post(f"/admin/certificates/enrolment/{enrolments['Núria Fàbregas'].pk}/issue/")
    assert not Certificate.objects.exists()
    client.post(f"/admin/certificates/cohort/{cohort.pk}/issue/")
    certificate = Certificate.objects.get()
    assert certificate.enrolment.name == "Jürgen Groß"
    assert certificate.code in client.get(screen).content.decode()

    revoke_url = f"/admin/certificates/certificate/{certificate.pk}/revoke/"
    response = client.post(revoke_url, {"reason": " "})
    assert "Give the reason for the revocation." in response.content.decode()
    client.post(revoke_url, {"reason": "Attendance was recorded by mistake."})
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_by == editor
    assert "Attendance was recorded by mistake." in client.get(screen).content.decode()


def test_the_override_and_revocation_screens_say_what_they_decide(
    cohort, enrolments, editor, client
):
    """One decision template: each screen explains its decision and names its button."""
    enrolment = enrolments["Jürgen Groß"]
    client.force_login(editor)
    override_url = f"/admin/certificates/enrolment/{enrolment.pk}/completion/"
    page = client.get(override_url).content.decode()
    assert "An override decides completion whatever the attendance says" in page
    assert "Current override recorded by" not in page
    assert '<button type="submit" class="button">Save</button>' in page

    record_override(enrolment, "completed", "Attended the replay.", by=editor)
    page = client.get(override_url).content.decode()
    assert f"Current override recorded by {editor.get_username()} on " in page

    attend(enrolment)
    certificate = issue(enrolment, by=editor)
    page = client.get(f"/admin/certificates/certificate/{certificate.pk}/revoke/").content.decode()
    assert f"Revoke certificate {certificate.code} of Jürgen Groß." in page
    assert "An override decides" not in page
    assert '<button type="submit" class="button no">Revoke the certificate</button>' in page
