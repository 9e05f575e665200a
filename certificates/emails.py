"""The participants' emails (invitation, calendar invitations, certificate), written in the
participant's language; enrolment, date changes and issuing queue them."""

from urllib.parse import urlencode

from django.utils import translation

from certificates.enrolment import INVITATION_EMAIL
from certificates.invitations import SESSION_INVITATION
from certificates.issuing import CERTIFICATE_EMAIL, pdf_bytes, verification_url
from certificates.models import Certificate, Enrolment, SessionReminder
from certificates.reminders import SESSION_REMINDER, still_due
from home.dates import time_range
from mail.invitations import Person, attach_invitation
from mail.kinds import email_kind
from mail.messages import render_message
from members.accounts import password_reset_path
from programme.calendars import PageLinks, session_invitation
from programme.models import Session, SessionDateChange
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


@email_kind(SESSION_INVITATION)
def build_session_invitation(enrolment_id, session_id, change_id=None):
    """The session as it stands now, as a calendar invitation (or its cancellation), with the
    change that prompted it."""
    enrolment = Enrolment.objects.select_related("cohort").filter(pk=enrolment_id).first()
    session = (
        Session.objects.select_related("cohort").filter(pk=session_id).first()
        if enrolment
        else None
    )
    if session is None or session.cohort_id != enrolment.cohort_id or session.starts_at is None:
        return None
    change = SessionDateChange.objects.filter(pk=change_id).first() if change_id else None
    with translation.override(enrolment.language):
        page_url = PageLinks().cohort(session.cohort) or ""
        invitation = session_invitation(session, page_url)
        when = time_range(session.local_start, session.local_end)
    context = {
        "enrolment": enrolment,
        "cohort": session.cohort,
        "session": session,
        "change": change,
        "cancelled": invitation.cancelled,
        "when": when,
        "page_url": page_url,
    }
    message = render_message(
        "certificates/emails/session_invitation",
        context,
        language=enrolment.language,
        to=[enrolment.email],
    )
    return attach_invitation(message, invitation, attendee=Person(enrolment.email, enrolment.name))


MAP_SEARCH = "https://www.openstreetmap.org/search"


def map_url(venue):
    return f"{MAP_SEARCH}?{urlencode({'query': venue})}" if venue else ""


@email_kind(SESSION_REMINDER)
def build_session_reminder(reminder_id):
    """The reminder, unless the session was moved, cancelled or has started meanwhile."""
    reminder = (
        SessionReminder.objects.select_related("enrolment", "session__cohort")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None or not still_due(reminder):
        return None
    enrolment, session = reminder.enrolment, reminder.session
    with translation.override(enrolment.language):
        page_url = PageLinks().cohort(session.cohort) or ""
        when = time_range(session.local_start, session.local_end)
    context = {
        "enrolment": enrolment,
        "cohort": session.cohort,
        "session": session,
        "days_before": reminder.days_before,
        "when": when,
        "page_url": page_url,
        "map_url": map_url(session.venue),
    }
    return render_message(
        "certificates/emails/session_reminder",
        context,
        language=enrolment.language,
        to=[enrolment.email],
    )
