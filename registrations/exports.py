"""An event's registrants as CSV (UTF-8 with a byte order mark, ";" between columns, as Excel
reads it in the six languages' locales) or XLSX, formulas never run (applications/exports.py)."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from applications.exports import (
    BYTE_ORDER_MARK,
    CONTENT_TYPES,
    CSV,
    CSV_DELIMITER,
    csv_safe,
    write_xlsx_sheet,
)
from home.dates import in_efus_zone

XLSX = "xlsx"
FORMATS = (CSV, XLSX)


def headings():
    return [
        _("Name"),
        _("Email"),
        _("Organisation"),
        _("Kind of organisation"),
        _("Country"),
        _("Role"),
        _("Language"),
        _("Status"),
        _("Registered at"),
        _("Attended"),
    ]


def rows(registrants):
    for registrant in registrants:
        yield [
            registrant.name,
            registrant.email,
            registrant.organisation,
            registrant.get_organisation_kind_display(),
            registrant.get_country_display(),
            registrant.role,
            registrant.language,
            registrant.get_status_display(),
            in_efus_zone(registrant.registered_at).replace(tzinfo=None, microsecond=0),
            _("yes") if registrant.attended else _("no"),
        ]


def csv_bytes(registrants):
    output = io.StringIO()
    output.write(BYTE_ORDER_MARK)
    writer = csv.writer(output, delimiter=CSV_DELIMITER)
    writer.writerow(headings())
    for row in rows(registrants):
        writer.writerow(csv_safe(value) for value in row)
    return output.getvalue().encode("utf-8")


def xlsx_bytes(registrants):
    output = io.BytesIO()
    write_xlsx_sheet(_("Registrants"), headings(), rows(registrants), output)
    return output.getvalue()


def response(registrants, export_format, name):
    content = csv_bytes(registrants) if export_format == CSV else xlsx_bytes(registrants)
    result = HttpResponse(content, content_type=CONTENT_TYPES[export_format])
    result["Content-Disposition"] = f'attachment; filename="{name}.{export_format}"'
    return result
