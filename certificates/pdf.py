"""The certificate as a PDF: tagged (headings, paragraphs, a described QR code), titled, with
its language set, and the DejaVu fonts bundled here so every name of the six countries prints."""

from contextlib import contextmanager
from pathlib import Path

import qrcode
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.prefs import ViewerPreferences

from home.dates import long_date

FONTS = Path(__file__).resolve().parent / "fonts"
ISSUER_NAME = "European Forum for Urban Security (Efus)"
INK = (31, 41, 72)
ACCENT = (0, 102, 153)


def skills_covered():
    """The skills the cohort trains, in the active language."""
    return [
        _("What artificial intelligence is and what it can do for urban security"),
        _("Risks for fundamental rights, and the European AI Act"),
        _("Data protection and ethics in public-sector AI projects"),
        _("Choosing, procuring and evaluating AI tools for a city"),
        _("Involving residents and partners in AI projects"),
    ]


class TaggedPDF(FPDF):
    """FPDF writing a structure tree for its text too, not only for its images.

    fpdf2 tags images (Figure, with their alternative text) and links; the text here is
    wrapped in marked content the same way, so a screen reader reads headings and paragraphs
    in order, and decoration is marked as an artifact.
    """

    @contextmanager
    def tagged(self, struct_type):
        mcid = self.struct_builder.next_mcid_for_page(self.page)
        self._add_marked_content(struct_type=f"/{struct_type}", mcid=mcid)
        self._out(f"/{struct_type} <</MCID {mcid}>> BDC")
        yield
        self._out("EMC")

    @contextmanager
    def artifact(self):
        self._out("/Artifact BMC")
        yield
        self._out("EMC")

    def paragraph(self, text, size=12, style="", struct_type="P", colour=INK, gap=2, height=None):
        with self.tagged(struct_type):
            self.set_font("DejaVu", style, size)
            self.set_text_color(*colour)
            self.multi_cell(0, height or size * 0.5, text, align="C")
        self.ln(gap)


def qr_image(url):
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=4)
    code.add_data(url)
    code.make(fit=True)
    return code.make_image().get_image().convert("L")


def render(certificate, verification_url):
    """The certificate's PDF (bytes), in the certificate's language."""
    enrolment = certificate.enrolment
    cohort = enrolment.cohort
    with translation.override(certificate.language):
        title = _("Certificate of completion")
        pdf = TaggedPDF(orientation="landscape", format="A4")
        pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        pdf.set_title(f"{title} – {enrolment.name}")
        pdf.set_author(ISSUER_NAME)
        pdf.set_subject(_("AI for Cities"))
        pdf.set_creator("AI for Cities")
        pdf.set_lang(certificate.language)
        pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
        pdf.set_auto_page_break(False)
        pdf.set_margins(25, 18, 25)
        pdf.add_page()

        with pdf.artifact():
            pdf.set_draw_color(*ACCENT)
            pdf.set_line_width(1.2)
            pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)

        pdf.set_y(22)
        pdf.paragraph(
            _("AI for Cities – artificial intelligence for urban security"),
            size=13,
            style="B",
            colour=ACCENT,
            gap=4,
        )
        pdf.paragraph(title, size=28, style="B", struct_type="H1", gap=6)
        pdf.paragraph(_("This certifies that"), size=13)
        pdf.paragraph(enrolment.name, size=24, style="B", gap=4, height=12)
        pdf.paragraph(
            _(
                "has completed the training programme AI for Cities of the European Forum "
                "for Urban Security, attending its online sessions and its in-person session."
            ),
            size=12,
        )
        pdf.paragraph(
            _("Cohort: %(country)s, %(period)s")
            % {"country": cohort.get_country_display(), "period": cohort.period_label},
            size=13,
            style="B",
            gap=5,
        )
        pdf.paragraph(_("Skills covered"), size=13, style="B", struct_type="H2", gap=1)
        for skill in skills_covered():
            pdf.paragraph(f"• {skill}", size=11, gap=0.5)

        pdf.set_y(pdf.h - 58)
        left = pdf.w - 25 - 42
        with pdf.tagged("P"):
            pdf.set_font("DejaVu", "", 11)
            pdf.set_text_color(*INK)
            pdf.multi_cell(
                left - 30,
                6,
                _("Issued by the %(issuer)s on %(date)s.")
                % {"issuer": ISSUER_NAME, "date": long_date(certificate.issued_at.date())},
            )
        with pdf.tagged("P"):
            pdf.set_font("DejaVu", "B", 12)
            pdf.multi_cell(
                left - 30, 7, _("Certificate code: %(code)s") % {"code": certificate.code}
            )
        with pdf.tagged("P"):
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(
                left - 30, 5, _("Check this certificate at %(url)s") % {"url": verification_url}
            )
        pdf.image(
            qr_image(verification_url),
            x=left,
            y=pdf.h - 62,
            w=42,
            h=42,
            alt_text=_("QR code leading to the verification page %(url)s")
            % {"url": verification_url},
        )
        return bytes(pdf.output())
