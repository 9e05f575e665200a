"""The programme's close: from the day named in the contact settings (Brussels time, Efus's
seat), every page says the programme has ended, and the forms that start something close."""

from django.conf import settings
from django.utils import timezone

from home.dates import in_efus_zone
from home.site_cache import contact_of_request


def programme_ended_on(request):
    """The day the programme ended, once that day has come; None while it runs. A static
    archive is made when the site stops: it says the programme ended, by that day at the latest."""
    contact = contact_of_request(request)
    ended_on = contact.programme_ended_on if contact else None
    today = settings.SITE_ARCHIVE_MADE_ON or in_efus_zone(timezone.now()).date()
    if settings.SITE_ARCHIVE_MADE_ON and (ended_on is None or ended_on > today):
        return today
    if ended_on is None or today < ended_on:
        return None
    return ended_on
