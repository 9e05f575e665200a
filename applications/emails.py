"""The emails of the application process, written in the applicant's language (staff's in
English); `applications.notifications` decides when each is queued."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from applications.models import Application, ApplicationPage, ApplicationStatus, OpeningAlert
from applications.notifications import (
    ALERT_CONFIRMATION,
    ALERT_OPENING,
    APPLICATION_KINDS,
    STAFF_DIGEST,
    STAFF_NOTIFICATION,
)
from applications.status_links import status_token
from home.site_cache import contact_for
from home.visibility import page_in_language
from mail.kinds import email_kind
from mail.messages import render_message
from mail.unsubscribe import unsubscribe_handler, unsubscribe_url
from programme.models import SessionDateChange
from web.links import absolute_url, page_url


def _template(kind):
    return f"applications/emails/{kind.removeprefix('applications.')}"


def status_url(application):
    page = page_in_language(ApplicationPage.objects.live(), application.language)
    if page is None:
        return ""
    base = page_url(page)
    return (
        f"{base}{page.reverse_subpage('status')}?{urlencode({'token': status_token(application)})}"
    )


def staff_address():
    site = Site.objects.filter(is_default_site=True).first()
    contact = contact_for(site) if site else None
    if contact and (contact.staff_notification_email or contact.manager_email):
        return contact.staff_notification_email or contact.manager_email
    return settings.DEFAULT_FROM_EMAIL


def date_change_context(date_change, language):
    """The moved session and the cohort's calendar, in the applicant's language.

    The change itself is described by the template, so that its words are written while the
    email is rendered in the applicant's language, not in whatever language is active here.
    """
    if date_change is None:
        return {}
    with translation.override(language):
        calendar_url = absolute_url(date_change.cohort.get_calendar_url())
    return {"date_change": date_change, "calendar_url": calendar_url}


def build_message(kind, application, date_change=None):
    """The email of `kind` about `application`, in the applicant's (or staff's) language."""
    context = {
        "application": application,
        "participants": list(application.participants.all()),
        "cohort": application.cohort,
        "status_url": status_url(application),
        **date_change_context(date_change, application.language),
    }
    if kind == STAFF_NOTIFICATION:
        context["admin_url"] = absolute_url(
            reverse("applications_application_modeladmin_inspect", args=[application.pk])
        )
        return render_message(
            _template(kind),
            context,
            language="en",
            to=[staff_address()],
            reply_to=[application.contact_email],
        )
    return render_message(
        _template(kind), context, language=application.language, to=[application.contact_email]
    )


def _application_email(kind):
    @email_kind(kind)
    def build(application_id, date_change_id=None):
        application = Application.objects.select_related("cohort").get(pk=application_id)
        if application.is_erased:
            return None  # Erased after the email was queued: nobody to write to.
        date_change = (
            SessionDateChange.objects.select_related("cohort", "session").get(pk=date_change_id)
            if date_change_id
            else None
        )
        return build_message(kind, application, date_change)

    return build


for _kind in APPLICATION_KINDS:
    _application_email(_kind)


@email_kind(STAFF_DIGEST)
def build_staff_digest(application_id):
    """The applications grouped in one digest (the first of them is its record), in the order
    they came; none erased since."""
    first = Application.objects.filter(pk=application_id).first()
    if first is None or first.staff_digest_id is None:
        return None
    applications = list(
        Application.objects.filter(staff_digest_id=first.staff_digest_id)
        .exclude(status=ApplicationStatus.ERASED)
        .select_related("cohort", "possible_duplicate_of")
        .order_by("submitted_at", "pk")
    )
    if not applications:
        return None
    context = {
        "applications": applications,
        "admin_url": absolute_url(reverse("applications_application_modeladmin_index")),
    }
    return render_message(_template(STAFF_DIGEST), context, language="en", to=[staff_address()])


# Opening alerts: a confirmation (double opt-in), then one opening email after which the
# address is forgotten.


def alert_links(alert):
    page = page_in_language(ApplicationPage.objects.live(), alert.language)
    if page is None:
        return {"apply_url": "", "confirm_url": ""}
    base = page_url(page)
    return {
        "apply_url": base,
        "confirm_url": f"{base}{page.reverse_subpage('confirm_alert')}?token={alert.token}",
    }


ALERT_UNSUBSCRIBE = "applications.alert"


@unsubscribe_handler(ALERT_UNSUBSCRIBE)
def forget_alert(alert_id):
    OpeningAlert.objects.filter(pk=alert_id).delete()


def build_alert_message(kind, alert):
    context = {"alert": alert, **alert_links(alert)}
    return render_message(
        _template(kind),
        context,
        language=alert.language,
        to=[alert.email],
        unsubscribe_url=unsubscribe_url(ALERT_UNSUBSCRIBE, alert.pk, alert.language),
    )


@email_kind(ALERT_CONFIRMATION)
def build_alert_confirmation(alert_id):
    alert = OpeningAlert.objects.filter(pk=alert_id).first()
    return build_alert_message(ALERT_CONFIRMATION, alert) if alert else None


@email_kind(ALERT_OPENING, after_sent=forget_alert)
def build_alert_opening(alert_id):
    alert = OpeningAlert.objects.filter(pk=alert_id).first()
    return build_alert_message(ALERT_OPENING, alert) if alert else None
