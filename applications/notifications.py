"""Which emails the application process sends, and when they are queued.

The emails themselves are built in `applications.emails`; queuing needs only a kind's name, so
the views and the decisions never import the builders (which need the application page).
"""

import datetime

from django.conf import settings
from django.utils import timezone
from wagtail import hooks

from applications.records import Application, ApplicationStatus
from mail.limits import may_email
from mail.models import EmailStatus, OutgoingEmail
from mail.tasks import queue_email

# Apps that tell people of a date change in their own email (certificates: the participants'
# calendar invitations) return the addresses they told, `fn(change) -> set`, so that the
# applicants' email skips them.
DATE_CHANGE_TOLD_HOOK = "applications_date_change_told"

ACKNOWLEDGEMENT = "applications.acknowledgement"
STAFF_NOTIFICATION = "applications.staff_notification"
# The applications beyond STAFF_NOTIFICATIONS_PER_HOUR, in one email an hour later.
STAFF_DIGEST = "applications.staff_digest"
STAFF_DIGEST_DELAY = datetime.timedelta(hours=1)
DATE_CHANGE = "applications.date_change"
DECISION_EMAILS = {
    ApplicationStatus.UNDER_REVIEW: "applications.under_review",
    ApplicationStatus.ACCEPTED: "applications.accepted",
    ApplicationStatus.WAITLISTED: "applications.waitlisted",
    ApplicationStatus.DECLINED: "applications.declined",
    ApplicationStatus.WITHDRAWN: "applications.withdrawn",
}
ALERT_CONFIRMATION = "applications.alert_confirmation"
ALERT_OPENING = "applications.alert_opening"
# The kinds about one application, and those about one opening alert (data protection forgets
# their queued emails with the record).
APPLICATION_KINDS = {ACKNOWLEDGEMENT, STAFF_NOTIFICATION, DATE_CHANGE, *DECISION_EMAILS.values()}
ALERT_KINDS = {ALERT_CONFIRMATION, ALERT_OPENING}


def queue_application_email(kind, application, date_change=None):
    """Queue the email of `kind` about `application`; none about an erased one (the address is
    gone, and whoever asked for the erasure is not written to again)."""
    assert kind in APPLICATION_KINDS, kind
    if application.is_erased:
        return
    queue_email(kind, application.pk, date_change_id=date_change.pk if date_change else None)


def queue_submission_emails(application):
    """The acknowledgement, unless its address had its share of emails (the application is
    stored all the same, flagged for staff), and staff's notification or digest."""
    if may_email(application.contact_email):
        queue_application_email(ACKNOWLEDGEMENT, application)
    else:
        application.acknowledgement_withheld = True
        application.save(update_fields=["acknowledgement_withheld"])
    notify_staff(application)


def notify_staff(application):
    """Staff hear of each new application alone, up to STAFF_NOTIFICATIONS_PER_HOUR in the
    last hour; beyond, it joins the digest waiting to go out (one is queued, to go an hour
    later, when none waits). Counted in the outbox, so a flood of forms sends staff at most
    that many emails and a digest an hour, whatever the cache does."""
    since = timezone.now() - STAFF_DIGEST_DELAY
    told_alone = OutgoingEmail.objects.filter(kind=STAFF_NOTIFICATION, created_at__gte=since)
    if told_alone.count() < settings.STAFF_NOTIFICATIONS_PER_HOUR:
        queue_application_email(STAFF_NOTIFICATION, application)
        return
    # Locked: a worker claiming the digest waits, so this application is in what it sends.
    waiting = OutgoingEmail.objects.select_for_update().filter(
        kind=STAFF_DIGEST, status=EmailStatus.QUEUED
    )
    digest = waiting.order_by("pk").first() or queue_email(
        STAFF_DIGEST, application.pk, send_after=timezone.now() + STAFF_DIGEST_DELAY
    )
    application.staff_digest = digest
    application.save(update_fields=["staff_digest"])


def queue_status_email(application, status):
    kind = DECISION_EMAILS.get(status)
    if kind:
        queue_application_email(kind, application)


def queue_date_change_emails(change):
    """Tell every applicant still in the running for a cohort that one of its dates changed,
    each address once, unless another email already told them (`DATE_CHANGE_TOLD_HOOK`)."""
    still_concerned = Application.objects.filter(cohort_id=change.cohort_id).exclude(
        status__in=[ApplicationStatus.WITHDRAWN, ApplicationStatus.DECLINED]
    )
    told = {
        address.casefold()
        for told_elsewhere in hooks.get_hooks(DATE_CHANGE_TOLD_HOOK)
        for address in told_elsewhere(change)
    }
    for application in still_concerned.order_by("pk"):
        address = application.contact_email.casefold()
        if address in told:
            continue
        told.add(address)
        queue_application_email(DATE_CHANGE, application, date_change=change)


def queue_alert_email(kind, alert):
    assert kind in ALERT_KINDS, kind
    queue_email(kind, alert.pk)
