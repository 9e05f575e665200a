"""The emails of the application process, written in the applicant's language."""

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Site

from applications.models import Application, ApplicationStatus

STATUS_SALT = "applications.status"
ACKNOWLEDGEMENT = "acknowledgement"
STAFF_NOTIFICATION = "staff_notification"
DATE_CHANGE = "date_change"
DECISION_EMAILS = {
    ApplicationStatus.UNDER_REVIEW: "under_review",
    ApplicationStatus.ACCEPTED: "accepted",
    ApplicationStatus.WAITLISTED: "waitlisted",
    ApplicationStatus.DECLINED: "declined",
    ApplicationStatus.WITHDRAWN: "withdrawn",
}
KINDS = {ACKNOWLEDGEMENT, STAFF_NOTIFICATION, DATE_CHANGE, *DECISION_EMAILS.values()}


def status_token(application):
    return signing.dumps(application.reference, salt=STATUS_SALT)


def reference_from_status_token(token):
    """The reference a status link was made for, or None when the link was tampered with."""
    try:
        return signing.loads(token, salt=STATUS_SALT)
    except signing.BadSignature:
        return None


def status_url(application):
    from applications.models import ApplicationPage

    page = (
        ApplicationPage.objects.live().filter(locale__language_code=application.language).first()
        or ApplicationPage.objects.live().first()
    )
    if page is None:
        return ""
    base = page.get_full_url()
    return (
        f"{base}{page.reverse_subpage('status')}?{urlencode({'token': status_token(application)})}"
    )


def staff_address():
    from home.models import ContactSettings

    site = Site.objects.filter(is_default_site=True).first()
    contact = ContactSettings.objects.filter(site=site).first() if site else None
    if contact and (contact.staff_notification_email or contact.manager_email):
        return contact.staff_notification_email or contact.manager_email
    return settings.DEFAULT_FROM_EMAIL


def build_message(kind, application, date_change=None):
    """The email of `kind` about `application`, in the applicant's (or staff's) language."""
    language = "en" if kind == STAFF_NOTIFICATION else application.language
    with translation.override(language):
        context = {
            "application": application,
            "participants": list(application.participants.all()),
            "cohort": application.cohort,
            "status_url": status_url(application),
            "change_description": date_change.describe() if date_change else "",
        }
        subject = render_to_string(f"applications/emails/{kind}_subject.txt", context)
        body = render_to_string(f"applications/emails/{kind}.txt", context)
    recipient = staff_address() if kind == STAFF_NOTIFICATION else application.contact_email
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
        reply_to=[application.contact_email] if kind == STAFF_NOTIFICATION else None,
    )


def send_now(kind, application_id, date_change_id=None):
    from programme.models import SessionDateChange

    application = Application.objects.select_related("cohort").get(pk=application_id)
    date_change = (
        SessionDateChange.objects.select_related("session__cohort").get(pk=date_change_id)
        if date_change_id
        else None
    )
    build_message(kind, application, date_change).send(fail_silently=False)


def queue_email(kind, application, date_change=None):
    from applications.tasks import send_application_email

    assert kind in KINDS, kind
    send_application_email.enqueue(
        kind, application.pk, date_change_id=date_change.pk if date_change else None
    )


def queue_date_change_emails(change):
    """Tell every applicant still in the running for a cohort that one of its dates changed."""
    still_concerned = Application.objects.filter(cohort_id=change.cohort_id).exclude(
        status__in=[ApplicationStatus.WITHDRAWN, ApplicationStatus.DECLINED]
    )
    for application in still_concerned:
        queue_email(DATE_CHANGE, application, date_change=change)


def queue_submission_emails(application):
    queue_email(ACKNOWLEDGEMENT, application)
    queue_email(STAFF_NOTIFICATION, application)


def queue_status_email(application, status):
    kind = DECISION_EMAILS.get(status)
    if kind:
        queue_email(kind, application)
