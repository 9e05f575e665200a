"""The programme's fixed vocabulary: countries, their time zones and delivery languages."""

from django.utils.translation import gettext_lazy as _

COUNTRIES = [
    ("FR", _("France")),
    ("IT", _("Italy")),
    ("NL", _("Netherlands")),
    ("DE", _("Germany")),
    ("ES", _("Spain")),
    ("BE", _("Belgium")),
]

COUNTRY_TIME_ZONES = {
    "FR": "Europe/Paris",
    "IT": "Europe/Rome",
    "NL": "Europe/Amsterdam",
    "DE": "Europe/Berlin",
    "ES": "Europe/Madrid",
    "BE": "Europe/Brussels",
}

TIME_ZONES = [(zone, zone) for zone in sorted(set(COUNTRY_TIME_ZONES.values()))]

# Names of the delivery languages as the public reads them (translated in each UI language).
DELIVERY_LANGUAGES = [
    ("fr", _("French")),
    ("it", _("Italian")),
    ("nl", _("Dutch")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("en", _("English")),
]
