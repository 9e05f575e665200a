"""Dates written the way each language writes them ("26. März 2026", "26 de marzo de 2026").

Django's own DATE_FORMAT is American in English and capitalises Italian months, so the site
keeps its own small table of patterns per language.
"""

from django.utils.formats import date_format
from django.utils.translation import get_language

PATTERNS = {
    "day": {"de": r"j. F Y", "es": r"j \d\e F \d\e Y"},
    "weekday_day": {"de": r"l, j. F Y", "es": r"l j \d\e F \d\e Y"},
    "month_year": {"es": r"F \d\e Y"},
    "month": {},
}
DEFAULTS = {"day": "j F Y", "weekday_day": "l j F Y", "month_year": "F Y", "month": "F"}
# Languages that write month and weekday names in lower case inside a sentence.
LOWER_CASE_NAMES = {"it"}


def format_date(value, kind):
    if not value:
        return ""
    language = (get_language() or "en").split("-")[0]
    pattern = PATTERNS[kind].get(language, DEFAULTS[kind])
    text = date_format(value, pattern)
    return text.lower() if language in LOWER_CASE_NAMES else text


def long_date(value):
    return format_date(value, "day")


def weekday_date(value):
    return format_date(value, "weekday_day")


def month_year(value):
    return format_date(value, "month_year")


def month_name(value):
    return format_date(value, "month")
