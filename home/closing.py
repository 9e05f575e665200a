"""The programme's close: from the day named in the contact settings (Brussels time, Efus's
seat), every page says the programme has ended, and the forms that start something close."""

from django.utils import timezone
from wagtail.models import Site

from home.dates import in_efus_zone
from home.site_cache import contact_for


def programme_ended_on(request):
    """The day the programme ended, once that day has come; None while it runs."""
    site = Site.find_for_request(request)
    contact = contact_for(site) if site else None
    ended_on = contact.programme_ended_on if contact else None
    if ended_on is None or in_efus_zone(timezone.now()).date() < ended_on:
        return None
    return ended_on
