"""The (filtered) list of applications as CSV or XLSX, one row per proposed participant."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from home.dates import in_efus_zone, local_day

CSV = "csv"
XLSX = "xlsx"
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Excel in the six languages' locales splits a CSV line on semicolons (their list separator is
# ";", the comma being the decimal mark), and reads UTF-8 only after a byte order mark.
CSV_DELIMITER = ";"
BYTE_ORDER_MARK = "\ufeff"
# A spreadsheet would run a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def headings():
    return [
        _("Reference"),
        _("Cohort"),
        _("Kind of authority"),
        _("Authority"),
        _("Country"),
        _("Region"),
        _("Population"),
        _("Member of Efus"),
        _("Applying service"),
        _("Contact person"),
        _("Contact email"),
        _("Status"),
        pgettext("application submitted at", "Submitted"),
        _("Participant"),
        _("Position"),
        _("Participant's service"),
        _("Gender"),
        _("Participant's email"),
    ]


def service_label(application):
    if application.service_other:
        return f"{application.get_service_display()}: {application.service_other}"
    return application.get_service_display()


def rows(queryset):
    for application in queryset.select_related("cohort").prefetch_related("participants"):
        columns = [
            application.reference,
            str(application.cohort),
            application.get_authority_kind_display(),
            application.authority_name,
            application.get_country_display(),
            application.region,
            application.population,
            application.get_efus_member_display(),
            service_label(application),
            application.contact_name,
            application.contact_email,
            application.get_status_display(),
            in_efus_zone(application.submitted_at).replace(tzinfo=None, microsecond=0),
        ]
        participants = [
            [p.name, p.get_position_display(), p.service, p.get_gender_display(), p.email]
            for p in application.participants.all()
        ]
        for participant in participants or [[""] * 5]:
            yield columns + participant


def csv_safe(value):
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_csv(queryset, output):
    output.write(BYTE_ORDER_MARK)
    writer = csv.writer(output, delimiter=CSV_DELIMITER)
    writer.writerow(headings())
    for row in rows(queryset):
        writer.writerow(csv_safe(value) for value in row)


def write_xlsx(queryset, output):
    write_xlsx_sheet(_("Applications"), headings(), rows(queryset), output)


def write_xlsx_sheet(title, heading_row, rows_of_values, output):
    """One sheet of values under a heading row, for staff's XLSX exports: characters Excel
    refuses dropped, text that looks like a formula kept as text, dates to the minute."""
    # Imported here: openpyxl is large and only staff's XLSX exports use it, so web workers
    # do not hold it from the start.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(heading_row)
    for row in rows_of_values:
        cells = []
        for value in row:
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = WriteOnlyCell(sheet, value)
            if cell.data_type == "f":
                cell.data_type = "s"  # Text that looks like a formula stays text.
            elif cell.is_date:
                cell.number_format = "yyyy-mm-dd hh:mm"
            cells.append(cell)
        sheet.append(cells)
    workbook.save(output)


def response(queryset, export_format):
    if export_format == CSV:
        output = io.StringIO()
        write_csv(queryset, output)
        content = output.getvalue()
    else:
        output = io.BytesIO()
        write_xlsx(queryset, output)
        content = output.getvalue()
    response = HttpResponse(content, content_type=CONTENT_TYPES[export_format])
    filename = f"applications-{local_day(timezone.now()):%Y-%m-%d}.{export_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
