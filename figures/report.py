"""The funder's report for staff, from the same counts as the public page: an XLSX with the
exact numbers, marked confidential, and a PDF with the small-number rule, for a period, in the
language active for the editor."""

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certificates.pdf import FONTS
from figures.charts import value_text
from figures.counts import count_figures, published, report_tables


def report_figures(since, until):
    return {**count_figures(since, until), **report_tables(since, until)}


def period_text(since, until):
    return _("Period: %(since)s – %(until)s") % {
        "since": since.date().isoformat() if since else "…",
        "until": until.date().isoformat(),
    }


def xlsx_report(since, until):
    # Imported here: openpyxl is large and only staff's reports use it.
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    confidential = _("CONFIDENTIAL – exact numbers, for the programme's staff and funder only")
    workbook = Workbook()
    workbook.properties.title = _("AI for Cities: report to the funder")
    workbook.properties.keywords = confidential
    cover = workbook.active
    cover.title = _("Report")[:31]
    cover.append([confidential])
    cover["A1"].font = Font(bold=True, color="C00000")
    cover.append([_("AI for Cities: report to the funder")])
    cover.append([period_text(since, until)])
    cover.append([_("Generated on %(date)s") % {"date": timezone.localdate().isoformat()}])
    for table in report_figures(since, until).values():
        sheet = workbook.create_sheet(table.key[:31])
        sheet.append([confidential])
        sheet["A1"].font = Font(bold=True, color="C00000")
        sheet.append([str(table.title)])
        sheet.append([str(table.row_heading), *map(str, table.columns)])
        for label, values in table.rows:
            sheet.append([str(label), *values])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def pdf_report(since, until):
    # Imported here: fpdf2 is large and only certificates and reports use it.
    from fpdf import FPDF  # noqa: PLC0415

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(_("AI for Cities: report to the funder"))
    pdf.set_lang(translation.get_language())
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 9, _("AI for Cities: report to the funder"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 6, period_text(since, until), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(
        0,
        6,
        _("No number of people below 5 is shown: it is merged or marked “fewer than 5”."),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    for table in published(report_figures(since, until)).values():
        pdf.ln(4)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(0, 7, str(table.title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 9)
        if not table.rows:
            pdf.multi_cell(0, 6, _("Nothing to count yet."), new_x="LMARGIN", new_y="NEXT")
            continue
        with pdf.table(first_row_as_headings=True) as grid:
            heading = grid.row()
            for text in [table.row_heading, *table.columns]:
                heading.cell(str(text))
            for label, values in table.rows:
                row = grid.row()
                row.cell(str(label))
                for value in values:
                    row.cell(value_text(value))
    return bytes(pdf.output())
