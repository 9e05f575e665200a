"""Opening alerts: a double opt-in list per country, emailed once when a window opens, then
forgotten."""

import datetime

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from applications.models import OpeningAlert
from programme.facts import COUNTRIES

CONFIRMATION = "alert_confirmation"
OPENING = "alert_opening"
UNCONFIRMED_LIFETIME = datetime.timedelta(days=7)


class OpeningAlertForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"))
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRIES)


def subscribe(email, country):
    """Create (or refresh) an unconfirmed alert and queue the confirmation email."""
    alert, _created = OpeningAlert.objects.update_or_create(
        email=email.strip().lower(),
        country=country,
        defaults={"language": (get_language() or "en").split("-")[0], "confirmed_at": None},
    )
    queue_alert_email(CONFIRMATION, alert)
    return alert


def confirm(token):
    alert = OpeningAlert.objects.filter(token=token).first()
    if alert is not None and alert.confirmed_at is None:
        alert.confirmed_at = timezone.now()
        alert.save(update_fields=["confirmed_at"])
    return alert


def queue_alert_email(kind, alert):
    from applications.tasks import send_alert_email

    send_alert_email.enqueue(kind, alert.pk)


def build_alert_message(kind, alert, links):
    with translation.override(alert.language):
        context = {"alert": alert, **links}
        subject = render_to_string(f"applications/emails/{kind}_subject.txt", context)
        body = render_to_string(f"applications/emails/{kind}.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[alert.email],
    )


def alert_links(alert):
    from applications.models import ApplicationPage

    page = (
        ApplicationPage.objects.live().filter(locale__language_code=alert.language).first()
        or ApplicationPage.objects.live().first()
    )
    if page is None:
        return {"apply_url": "", "confirm_url": ""}
    base = page.get_full_url()
    return {
        "apply_url": base,
        "confirm_url": f"{base}{page.reverse_subpage('confirm_alert')}?token={alert.token}",
    }


def send_alert_now(kind, alert_id):
    """Send one alert email; the opening email is the last: the address is then deleted."""
    alert = OpeningAlert.objects.filter(pk=alert_id).first()
    if alert is None:
        return
    build_alert_message(kind, alert, alert_links(alert)).send(fail_silently=False)
    if kind == OPENING:
        alert.delete()


def send_opening_alerts(open_countries, now=None):
    """Queue one email per confirmed alert of each country whose window is open; forget stale
    unconfirmed requests. Returns the number of emails queued."""
    now = now or timezone.now()
    OpeningAlert.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - UNCONFIRMED_LIFETIME
    ).delete()
    alerts = OpeningAlert.objects.filter(confirmed_at__isnull=False, country__in=open_countries)
    queued = 0
    for alert in alerts:
        queue_alert_email(OPENING, alert)
        queued += 1
    return queued
