"""The admin's dates for European staff: day before month and a 24-hour clock, in every
language the admin speaks (WAGTAIL_DATE_FORMAT and friends, aicities/settings/base.py).

Wagtail shows dates in its date pickers in these formats, and a form reads them back only if
they are among the active language's input formats. Django's English ones are month-first
("05/03/2026" would be read as 3 May), and the French, Italian, Dutch and Spanish ones have no
dotted form, so each language's format module here puts the admin's formats first and keeps
Django's own after them (FORMAT_MODULE_PATH). Only input formats change: nothing the public
site displays does.
"""

from importlib import import_module

ADMIN_DATE_FORMAT = "%d.%m.%Y"
ADMIN_TIME_FORMAT = "%H:%M"
ADMIN_DATETIME_FORMAT = f"{ADMIN_DATE_FORMAT} {ADMIN_TIME_FORMAT}"


def input_formats(language_code):
    """(DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS) of a language, the admin's first."""
    django = import_module(f"django.conf.locale.{language_code}.formats")
    dates = [ADMIN_DATE_FORMAT, *django.DATE_INPUT_FORMATS]
    datetimes = [ADMIN_DATETIME_FORMAT, *django.DATETIME_INPUT_FORMATS]
    return list(dict.fromkeys(dates)), list(dict.fromkeys(datetimes))
