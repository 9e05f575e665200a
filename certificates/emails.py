"""The participants' emails (invitation, certificate), written in the participant's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from certificates.models import Certificate, Enrolment
from committee.emails import password_reset_path

INVITATION = "invitation"
CERTIFICATE = "certificate"


def absolute(path):
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def set_password_url(user, language):
    """A one-time link to choose a password, in `language`, on the members' area's page."""
    with translation.override(language):
        return absolute(password_reset_path(user))


def build_invitation(enrolment):
    with translation.override(enrolment.language):
        context = {
            "enrolment": enrolment,
            "cohort": enrolment.cohort,
            "set_password_url": set_password_url(enrolment.user, enrolment.language),
            "username": enrolment.user.get_username(),
        }
        subject = render_to_string("certificates/emails/invitation_subject.txt", context)
        body = render_to_string("certificates/emails/invitation.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[enrolment.email],
    )


def build_certificate_email(certificate):
    from certificates.issuing import pdf_bytes, verification_url

    enrolment = certificate.enrolment
    with translation.override(certificate.language):
        context = {
            "enrolment": enrolment,
            "cohort": enrolment.cohort,
            "certificate": certificate,
            "verification_url": verification_url(certificate),
        }
        subject = render_to_string("certificates/emails/certificate_subject.txt", context)
        body = render_to_string("certificates/emails/certificate.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[enrolment.email],
    )
    message.attach(f"certificate-{certificate.code}.pdf", pdf_bytes(certificate), "application/pdf")
    return message


def send_now(kind, record_id):
    if kind == INVITATION:
        enrolment = Enrolment.objects.select_related("cohort", "user").get(pk=record_id)
        build_invitation(enrolment).send(fail_silently=False)
    elif kind == CERTIFICATE:
        certificate = Certificate.objects.select_related("enrolment__cohort").get(pk=record_id)
        if certificate.is_revoked:
            return  # Revoked before the email went out: nothing to send.
        build_certificate_email(certificate).send(fail_silently=False)
    else:
        raise ValueError(kind)


def queue_invitation(enrolment):
    from certificates.tasks import send_certificate_email

    send_certificate_email.enqueue(INVITATION, enrolment.pk)


def queue_certificate(certificate):
    from certificates.tasks import send_certificate_email

    send_certificate_email.enqueue(CERTIFICATE, certificate.pk)
