"""Dates, times, intervals and time zones written the way each language writes them, from CLDR.

The one place where the site turns a date or a moment into words, for pages, emails, calendars
and PDFs. Babel supplies the Unicode CLDR patterns and names ("Dienstag, 5. Januar 2027",
"martes, 5 de enero de 2027", "14:00–16:30 Uhr"), so no language needs a pattern of its own here.

English follows British usage (CLDR's `en_GB`): the programme is European, and its readers
write "5 January 2027" and "14:00", not "January 5, 2027" and "2:00 PM".

A time zone reads as people say it: the zone's city in the reader's language (CLDR's exemplar
city) and the offset from UTC on that day, e.g. "Brussels time (UTC+1)", "heure de Bruxelles
(UTC+1)", "Ortszeit Brüssel (UTC+2)".

Which zone a moment is shown in is stated once, here: a moment shows in the zone it carries
(a session's, in its cohort's zone: `Session.local_start`), and a moment stored as it is in
the database (UTC) shows in Efus's zone, Brussels, the seat of the programme's issuer: the day
a certificate was issued or revoked is the same day on its PDF, its verification page, its
email and its credential.
"""

import datetime
import functools
import unicodedata
import zoneinfo

from babel import Locale
from babel import dates as cldr
from django.utils import timezone
from django.utils.translation import get_language, gettext, pgettext

# The CLDR locale each site language is written in, where it is not the language itself.
CLDR_LOCALES = {"en": "en_GB"}
# Efus's seat: the zone of what the programme itself dates (certificates, their revocation).
EFUS_TIME_ZONE = zoneinfo.ZoneInfo("Europe/Brussels")
VOWELS = frozenset("aeiouy")


@functools.lru_cache(maxsize=16)
def _cldr_locale(language):
    return Locale.parse(CLDR_LOCALES.get(language, language))


def cldr_locale(language=None):
    """The Babel locale for a site language (by default the active one)."""
    language = (language or get_language() or "en").split("-")[0].lower()
    return _cldr_locale(language)


def in_efus_zone(moment):
    """An aware moment in Efus's zone (Brussels)."""
    return moment.astimezone(EFUS_TIME_ZONE)


def _carries_a_zone_of_its_own(moment):
    """Placed in a named zone (a cohort's), rather than stored in UTC or at a bare offset."""
    return getattr(moment.tzinfo, "key", "UTC") not in ("UTC", "Etc/UTC")


def _local(value):
    """An aware datetime in the zone it carries, or, stored in UTC, in Efus's zone; dates and
    naive values are left as they are."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return value if _carries_a_zone_of_its_own(value) else in_efus_zone(value)
    return value


def local_day(value):
    """The day of `value` (see _local): the one date every page, PDF and email shows for it."""
    value = _local(value)
    return value.date() if isinstance(value, datetime.datetime) else value


def iso_moment(moment):
    """ISO 8601 to the second, with the offset of the zone the moment is shown in (see _local):
    "2026-12-07T00:30:00+01:00", whose date is the one the pages show."""
    return _local(moment).replace(microsecond=0).isoformat()


# --- dates --------------------------------------------------------------------------------


def long_date(value):
    """ "5 January 2027", "5. Januar 2027", "5 de enero de 2027"."""
    if not value:
        return ""
    return cldr.format_date(local_day(value), "long", locale=cldr_locale())


def weekday_date(value):
    """ "Tuesday, 5 January 2027", "martedì 5 gennaio 2027", "Dienstag, 5. Januar 2027"."""
    if not value:
        return ""
    return cldr.format_date(local_day(value), "full", locale=cldr_locale())


def month_year(value):
    """ "January 2027", "enero de 2027"."""
    if not value:
        return ""
    return cldr.format_skeleton("yMMMM", local_day(value), locale=cldr_locale())


def month_name(value):
    """The month on its own, as a heading would name it: "January", "gennaio"."""
    if not value:
        return ""
    return cldr.format_date(local_day(value), "LLLL", locale=cldr_locale())


def month_period(start, end):
    """Months from `start` to `end`: "March – April 2025", "janvier 2027 – mars 2028"."""
    return cldr.format_interval(local_day(start), local_day(end), "yMMMM", locale=cldr_locale())


# --- times and time zones -------------------------------------------------------------------


def clock_time(moment):
    """ "14:00" in the moment's own zone (24-hour clock in every language of the site)."""
    return cldr.format_skeleton("Hm", moment, tzinfo=moment.tzinfo, locale=cldr_locale())


def utc_offset(moment):
    """The offset from UTC on that day: "UTC+1", "UTC+2", "UTC+5:30", "UTC"."""
    offset = moment.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}:{minutes:02d}" if minutes else f"UTC{sign}{hours}"


def zone_city(moment):
    """The zone's city in the active language (CLDR exemplar city): "Bruxelles", "Brüssel"."""
    key = getattr(moment.tzinfo, "key", None)
    if not key or key in ("UTC", "Etc/UTC"):
        return ""
    return cldr.get_timezone_location(moment.tzinfo, locale=cldr_locale(), return_city=True)


def zone_title(zone):
    """A zone by its CLDR name in the active language, and its city: "Mitteleuropäische Zeit
    (Berlin)", "heure d’Europe centrale (Bruxelles)", never "Europe/Berlin"."""
    locale = cldr_locale()
    name = cldr.get_timezone_name(zone, "long", zone_variant="generic", locale=locale)
    city = cldr.get_timezone_location(zone, locale=locale, return_city=True)
    return f"{name} ({city})"


def _starts_with_vowel(word):
    first = unicodedata.normalize("NFD", word[:1]).lower()[:1]
    return first in VOWELS


def zone_name(moment):
    """The zone as people say it, with its offset that day: "Brussels time (UTC+1)"."""
    offset, city = utc_offset(moment), zone_city(moment)
    if not city:
        return offset
    if _starts_with_vowel(city):
        # French elides before a vowel: "heure d’Amsterdam", not "heure de Amsterdam".
        # (Literal strings, so that makemessages finds them.)
        pattern = pgettext(
            "time zone, city name starting with a vowel", "%(city)s time (%(offset)s)"
        )
    else:
        pattern = gettext("%(city)s time (%(offset)s)")
    return pattern % {"city": city, "offset": offset}


# --- moments and intervals ------------------------------------------------------------------


def _date_and_time(locale, day_text, time_text):
    """Join a date and a time with the language's own glue ("{date}, {time}" or "{date} {time}")."""
    glue = str(locale.datetime_formats["full"])
    return glue.replace("'", "").replace("{1}", day_text).replace("{0}", time_text)


def _weekday_date_time(locale, moment):
    day_text = cldr.format_date(moment.date(), "full", locale=locale)
    return _date_and_time(locale, day_text, clock_time(moment))


def time_range(start, end=None):
    """When something happens, in the zone of `start`, with that zone named.

    "Tuesday, 5 January 2027, 14:00–16:30 Brussels time (UTC+1)"; an end on another day gives
    "Tuesday, 5 January 2027, 14:00 – Wednesday, 6 January 2027, 12:00 Brussels time (UTC+1)".
    """
    if not start:
        return ""
    locale = cldr_locale()
    if end is not None:
        end = end.astimezone(start.tzinfo)
    if end is None:
        when = _weekday_date_time(locale, start)
    elif end.date() == start.date():
        hours = cldr.format_interval(start, end, "Hm", tzinfo=start.tzinfo, locale=locale)
        day_text = cldr.format_date(start.date(), "full", locale=locale)
        when = _date_and_time(locale, day_text, hours)
    else:
        fallback = str(locale.interval_formats[None])
        when = fallback.replace("{0}", _weekday_date_time(locale, start)).replace(
            "{1}", _weekday_date_time(locale, end)
        )
    return f"{when} {zone_name(start)}"
