"""Opening alerts: a double opt-in list per country, emailed once when a window opens, then
forgotten."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from applications.notifications import ALERT_CONFIRMATION, ALERT_OPENING, queue_alert_email
from applications.records import OpeningAlert
from mail.limits import may_email
from programme.facts import COUNTRIES

UNCONFIRMED_LIFETIME = datetime.timedelta(days=7)


class OpeningAlertForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"))
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRIES)


def subscribe(email, country):
    """Create (or refresh) an unconfirmed alert and queue the confirmation email, unless this
    address already had its share of requested emails (`mail.limits`)."""
    alert, _created = OpeningAlert.objects.update_or_create(
        email=email.strip().lower(),
        country=country,
        defaults={"language": (get_language() or "en").split("-")[0], "confirmed_at": None},
    )
    if may_email(alert.email):
        queue_alert_email(ALERT_CONFIRMATION, alert)
    return alert


def confirm(token):
    alert = OpeningAlert.objects.filter(token=token).first()
    if alert is not None and alert.confirmed_at is None:
        alert.confirmed_at = timezone.now()
        alert.save(update_fields=["confirmed_at"])
    return alert


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
        queue_alert_email(ALERT_OPENING, alert)
        queued += 1
    return queued
