"""Issuing and revoking certificates: only for participants who completed their cohort, once
its course is over (certificates.calendar_rule)."""

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from certificates import pdf
from certificates.calendar_rule import require_course_ended
from certificates.completion import cohort_progress
from certificates.models import Certificate, Enrolment
from mail.tasks import queue_email
from web.links import absolute_url

CERTIFICATE_EMAIL = "certificates.certificate"


class NotCompleted(Exception):
    """A certificate is issued only to a participant who completed the cohort."""


class AlreadyIssued(Exception):
    """The participant already holds a valid certificate for this cohort."""


def verification_url(certificate):
    """The public page of the certificate, in the holder's language (the QR code's target)."""
    with translation.override(certificate.language):
        return absolute_url(reverse("certificates:verify_code", kwargs={"code": certificate.code}))


def pdf_bytes(certificate):
    """The stored PDF; made again if the file went missing."""
    if certificate.pdf:
        try:
            with certificate.pdf.open("rb") as handle:
                return handle.read()
        except FileNotFoundError:
            pass
    return pdf.render(certificate, verification_url(certificate))


def _enrolments_with_progress(cohort, enrolment_ids=None):
    enrolments = Enrolment.objects.filter(cohort=cohort).prefetch_related("attendances")
    if enrolment_ids is not None:
        enrolments = enrolments.filter(pk__in=enrolment_ids)
    enrolments = list(enrolments)
    return enrolments, cohort_progress(cohort, enrolments)


@transaction.atomic
def issue(enrolment, by=None, progress=None, notify=True, code=None, at=None):
    """Issue `enrolment` its certificate, store the PDF and queue the email.

    `code` and `at` fix the code and the date (demo content); `notify=False` sends no email.
    Raises CourseNotEnded before the cohort's last session has ended.
    """
    require_course_ended(enrolment.cohort, at=at)
    if progress is None:
        _enrolments, by_id = _enrolments_with_progress(enrolment.cohort, [enrolment.pk])
        progress = by_id[enrolment.pk]
    if not progress.completed:
        raise NotCompleted(enrolment.name)
    if Certificate.objects.valid().filter(enrolment=enrolment).exists():
        raise AlreadyIssued(enrolment.name)
    certificate = Certificate(
        enrolment=enrolment,
        language=enrolment.language,
        issued_at=at or timezone.now(),
        issued_by=by if by and by.is_authenticated else None,
    )
    if code:
        certificate.code = code
    _save_new(certificate)
    content = pdf.render(certificate, verification_url(certificate))
    certificate.pdf.save("certificate.pdf", ContentFile(content), save=True)
    if notify:
        queue_email(CERTIFICATE_EMAIL, certificate.pk)
    return certificate


def _save_new(certificate, attempts=3):
    """Save a new certificate. Another editor may have issued it at the same moment, or taken
    the same random position in the revocation list: the first is refused, the second drawn
    again."""
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                certificate.save()
            return
        except IntegrityError as error:
            issued = Certificate.objects.valid().filter(enrolment=certificate.enrolment_id)
            if issued.exists():
                raise AlreadyIssued(certificate.enrolment.name) from error
            if attempt == attempts - 1:
                raise
            certificate.status_index = None


def issue_for_cohort(cohort, by=None):
    """Issue a certificate to every participant of `cohort` who completed it and holds none.
    Raises CourseNotEnded before the cohort's last session has ended."""
    require_course_ended(cohort)
    enrolments, progress = _enrolments_with_progress(cohort)
    holders = set(
        Certificate.objects.valid()
        .filter(enrolment__cohort=cohort)
        .values_list("enrolment_id", flat=True)
    )
    issued = []
    for enrolment in enrolments:
        enrolment.cohort = cohort
        if enrolment.pk in holders or not progress[enrolment.pk].completed:
            continue
        issued.append(issue(enrolment, by=by, progress=progress[enrolment.pk]))
    return issued


@transaction.atomic
def revoke(certificate, reason, by=None, at=None):
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A revocation needs a reason.")
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        return certificate
    certificate.revoked_at = at or timezone.now()
    certificate.revoked_by = by if by and by.is_authenticated else None
    certificate.revocation_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return certificate


def record_override(enrolment, decision, reason, by=None):
    """Set (or clear, with decision "") the editor's completion override; a reason is needed."""
    reason = (reason or "").strip()
    if decision and not reason:
        raise ValueError("An override needs a reason.")
    enrolment.completion_override = decision
    enrolment.override_reason = reason if decision else ""
    enrolment.override_by = by if by and by.is_authenticated else None
    enrolment.override_at = timezone.now()
    enrolment.save(
        update_fields=["completion_override", "override_reason", "override_by", "override_at"]
    )
    return enrolment
