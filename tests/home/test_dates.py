"""Dates, times, intervals and time zones read as CLDR writes them, in the six languages.

The expected strings are written out literally: they are the forms of the Unicode CLDR data
that Babel 2.18 ships (full and long date patterns, the `Hm` and `yMMMM` interval patterns,
exemplar cities). CLDR separates the two ends of some intervals with a thin space (U+2009)
around the en dash, and German adds "Uhr" to a time interval.
"""

import datetime
import zoneinfo

import pytest
from babel import Locale
from django.template import Context, Template
from django.utils import translation

from home import dates

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
TUESDAY = datetime.date(2027, 1, 5)
START = datetime.datetime(2027, 1, 5, 14, 0, tzinfo=BRUSSELS)
END = datetime.datetime(2027, 1, 5, 16, 30, tzinfo=BRUSSELS)
NEXT_DAY = datetime.datetime(2027, 1, 6, 12, 0, tzinfo=BRUSSELS)
SUMMER_IN_AMSTERDAM = datetime.datetime(2026, 6, 10, 9, 30, tzinfo=AMSTERDAM)
THIN = "\u2009"

WEEKDAY_DATE = {
    "en": "Tuesday, 5 January 2027",
    "fr": "mardi 5 janvier 2027",
    "it": "martedì 5 gennaio 2027",
    "nl": "dinsdag 5 januari 2027",
    "de": "Dienstag, 5. Januar 2027",
    "es": "martes, 5 de enero de 2027",
}
LONG_DATE = {
    "en": "5 January 2027",
    "fr": "5 janvier 2027",
    "it": "5 gennaio 2027",
    "nl": "5 januari 2027",
    "de": "5. Januar 2027",
    "es": "5 de enero de 2027",
}
SESSION = {
    "en": "Tuesday, 5 January 2027, 14:00–16:30 Brussels time (UTC+1)",
    "fr": f"mardi 5 janvier 2027, 14:00{THIN}–{THIN}16:30 heure de Bruxelles (UTC+1)",
    "it": "martedì 5 gennaio 2027 14:00–16:30 ora di Bruxelles (UTC+1)",
    "nl": "dinsdag 5 januari 2027, 14:00–16:30 tijd in Brussel (UTC+1)",
    "de": "Dienstag, 5. Januar 2027, 14:00–16:30 Uhr Ortszeit Brüssel (UTC+1)",
    "es": "martes, 5 de enero de 2027, 14:00–16:30 hora de Bruselas (UTC+1)",
}
ACROSS_DAYS = {
    "en": f"Tuesday, 5 January 2027, 14:00{THIN}–{THIN}Wednesday, 6 January 2027, 12:00 "
    "Brussels time (UTC+1)",
    "fr": f"mardi 5 janvier 2027, 14:00{THIN}–{THIN}mercredi 6 janvier 2027, 12:00 "
    "heure de Bruxelles (UTC+1)",
    "it": f"martedì 5 gennaio 2027 14:00{THIN}–{THIN}mercoledì 6 gennaio 2027 12:00 "
    "ora di Bruxelles (UTC+1)",
    "nl": f"dinsdag 5 januari 2027, 14:00{THIN}–{THIN}woensdag 6 januari 2027, 12:00 "
    "tijd in Brussel (UTC+1)",
    "de": f"Dienstag, 5. Januar 2027, 14:00{THIN}–{THIN}Mittwoch, 6. Januar 2027, 12:00 "
    "Ortszeit Brüssel (UTC+1)",
    "es": f"martes, 5 de enero de 2027, 14:00{THIN}–{THIN}miércoles, 6 de enero de 2027, 12:00 "
    "hora de Bruselas (UTC+1)",
}
SUMMER_ZONE = {
    "en": "Amsterdam time (UTC+2)",
    "fr": "heure d’Amsterdam (UTC+2)",
    "it": "ora di Amsterdam (UTC+2)",
    "nl": "tijd in Amsterdam (UTC+2)",
    "de": "Ortszeit Amsterdam (UTC+2)",
    "es": "hora de Ámsterdam (UTC+2)",
}
PERIOD = {
    "en": f"October{THIN}–{THIN}November 2025",
    "fr": f"octobre{THIN}–{THIN}novembre 2025",
    "it": "ottobre–novembre 2025",
    "nl": "oktober–november 2025",
    "de": "Oktober–November 2025",
    "es": "octubre–noviembre de 2025",
}
PERIOD_ACROSS_YEARS = {
    "en": f"December 2026{THIN}–{THIN}January 2027",
    "fr": f"décembre 2026{THIN}–{THIN}janvier 2027",
    "it": f"dicembre 2026{THIN}–{THIN}gennaio 2027",
    "nl": f"december 2026{THIN}–{THIN}januari 2027",
    "de": f"Dezember 2026{THIN}–{THIN}Januar 2027",
    "es": f"diciembre de 2026{THIN}–{THIN}enero de 2027",
}
MONTH_YEAR = {
    "en": "December 2026",
    "fr": "décembre 2026",
    "it": "dicembre 2026",
    "nl": "december 2026",
    "de": "Dezember 2026",
    "es": "diciembre de 2026",
}
LANGUAGES = list(WEEKDAY_DATE)


def in_language(language, function, *args):
    with translation.override(language):
        return function(*args)


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_follow_cldr(language):
    assert in_language(language, dates.weekday_date, TUESDAY) == WEEKDAY_DATE[language]
    assert in_language(language, dates.long_date, TUESDAY) == LONG_DATE[language]
    assert (
        in_language(language, dates.month_year, TUESDAY.replace(2026, 12)) == MONTH_YEAR[language]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_session_reads_with_its_hours_and_its_zone(language):
    assert in_language(language, dates.time_range, START, END) == SESSION[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_interval_across_days_names_both_days(language):
    assert in_language(language, dates.time_range, START, NEXT_DAY) == ACROSS_DAYS[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_zone_names_its_city_and_the_offset_of_that_day(language):
    assert in_language(language, dates.zone_name, SUMMER_IN_AMSTERDAM) == SUMMER_ZONE[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_planned_periods_are_cldr_month_intervals(language):
    autumn = (datetime.date(2025, 10, 1), datetime.date(2025, 11, 30))
    new_year = (datetime.date(2026, 12, 1), datetime.date(2027, 1, 31))
    assert in_language(language, dates.month_period, *autumn) == PERIOD[language]
    assert in_language(language, dates.month_period, *new_year) == PERIOD_ACROSS_YEARS[language]
    one_month = (datetime.date(2026, 12, 1), datetime.date(2026, 12, 20))
    assert in_language(language, dates.month_period, *one_month) == MONTH_YEAR[language]


def test_the_patterns_are_cldr_s_own():
    """The forms above are the locale data's patterns, not patterns of our own."""
    assert Locale.parse("de").date_formats["full"].pattern == "EEEE, d. MMMM y"
    assert Locale.parse("es").date_formats["full"].pattern == "EEEE, d 'de' MMMM 'de' y"
    assert Locale.parse("it").date_formats["full"].pattern == "EEEE d MMMM y"
    assert Locale.parse("fr").date_formats["long"].pattern == "d MMMM y"
    assert Locale.parse("en_GB").date_formats["long"].pattern == "d MMMM y"
    assert Locale.parse("fr").time_zones["Europe/Brussels"]["city"] == "Bruxelles"


def test_offsets_are_written_the_short_way():
    paris_summer = datetime.datetime(2026, 7, 1, 12, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    kolkata = datetime.datetime(2026, 7, 1, 12, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Kolkata"))
    noon_utc = datetime.datetime(2026, 7, 1, 12, 0, tzinfo=datetime.UTC)
    assert dates.utc_offset(START) == "UTC+1"
    assert dates.utc_offset(paris_summer) == "UTC+2"
    assert dates.utc_offset(kolkata) == "UTC+5:30"
    assert dates.utc_offset(noon_utc) == "UTC"
    assert (
        in_language("fr", dates.time_range, noon_utc, None) == "mercredi 1 juillet 2026, 12:00 UTC"
    )


def test_a_moment_is_dated_in_the_site_s_time_zone():
    """23:30 UTC on 4 January is already 5 January in Brussels."""
    late = datetime.datetime(2027, 1, 4, 23, 30, tzinfo=datetime.UTC)
    assert in_language("de", dates.long_date, late) == "5. Januar 2027"
    assert dates.long_date(None) == "" and dates.weekday_date("") == ""


@pytest.mark.parametrize("language", ["de", "it", "es"])
def test_templates_use_the_same_formatter(language):
    template = Template(
        "{% load site_tags programme_tags %}{{ day|weekday_date }}|{{ day|long_date }}|"
        "{% time_range start end %}"
    )
    with translation.override(language):
        text = template.render(Context({"day": TUESDAY, "start": START, "end": END}))
    assert text == f"{WEEKDAY_DATE[language]}|{LONG_DATE[language]}|{SESSION[language]}"
