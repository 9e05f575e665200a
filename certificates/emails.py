"""The participants' emails (invitation, certificate), written in the participant's language;
enrolment and issuing queue them."""

from django.utils import translation

from certificates.enrolment import INVITATION_EMAIL
from certificates.issuing import CERTIFICATE_EMAIL, pdf_bytes, verification_url
from certificates.models import Certificate, Enrolment
from mail.kinds import email_kind
from mail.messages import render_message
from members.accounts import password_reset_path
from web.links import absolute_url


@email_kind(INVITATION_EMAIL)
def build_invitation(enrolment_id):
    enrolment = Enrolment.objects.select_related("cohort", "user").get(pk=enrolment_id)
    with translation.override(enrolment.language):
        set_password_url = absolute_url(password_reset_path(enrolment.user))
    context = {
        "enrolment": enrolment,
        "cohort": enrolment.cohort,
        "set_password_url": set_password_url,
        "username": enrolment.user.get_username(),
    }
    return render_message(
        "certificates/emails/invitation",
        context,
        language=enrolment.language,
        to=[enrolment.email],
    )


@email_kind(CERTIFICATE_EMAIL)
def build_certificate_email(certificate_id):
    certificate = Certificate.objects.select_related("enrolment__cohort").get(pk=certificate_id)
    if certificate.is_revoked:
        return None  # Revoked before the email went out: nothing to send.
    enrolment = certificate.enrolment
    context = {
        "enrolment": enrolment,
        "cohort": enrolment.cohort,
        "certificate": certificate,
        "verification_url": verification_url(certificate),
    }
    message = render_message(
        "certificates/emails/certificate",
        context,
        language=certificate.language,
        to=[enrolment.email],
    )
    message.attach(f"certificate-{certificate.code}.pdf", pdf_bytes(certificate), "application/pdf")
    return message
