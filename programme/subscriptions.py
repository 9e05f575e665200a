"""Ways to follow a calendar feed, each named for what it does: a subscription that keeps
itself up to date (the `webcal:` scheme that calendar applications open, Google Calendar's
"add by URL", Outlook.com and Outlook for Microsoft 365), or a one-off download."""

from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _

from web.links import absolute_url

GOOGLE = "https://calendar.google.com/calendar/r"
OUTLOOK_COM = "https://outlook.live.com/calendar/0/addfromweb"
OUTLOOK_365 = "https://outlook.office.com/calendar/0/addfromweb"

LABELS = {
    "webcal": _("Subscribe in your calendar app (Apple Calendar, Thunderbird…)"),
    "google": _("Subscribe in Google Calendar"),
    "outlook": _("Subscribe in Outlook.com"),
    "office": _("Subscribe in Outlook for Microsoft 365"),
    "download": _("Download the file (.ics): a copy that does not update"),
}


def webcal(url):
    return "webcal://" + url.split("://", 1)[1]


def subscription_links(path, name):
    """(kind, label, address) for each way to follow the feed at `path` (root-relative or
    absolute), named `name` in calendars that show one."""
    url = path if "://" in path else absolute_url(path)
    outlook_query = urlencode({"url": url, "name": str(name)}, quote_via=quote)
    addresses = {
        "webcal": webcal(url),
        "google": f"{GOOGLE}?{urlencode({'cid': webcal(url)}, quote_via=quote)}",
        "outlook": f"{OUTLOOK_COM}?{outlook_query}",
        "office": f"{OUTLOOK_365}?{outlook_query}",
        "download": url,
    }
    return [(kind, LABELS[kind], address) for kind, address in addresses.items()]
