"""The certificate as a PDF/UA-1 document (PDF 1.7, as PDF/UA-1 requires), in the
certificate's language.

Every piece of content is tagged (headings, paragraphs, the list of skills as L > LI > Lbl,
LBody, the logo and the QR code as described Figures, in the structure tree and in the page's
content alike) or marked as an artifact (the borders, the signature line). XMP metadata
declares PDF/UA-1 with the title and the language. The page has two parts that never meet:
the logo and the text flow from the top, and a band anchored to the bottom holds the issue
line, the certificate code in large monospace letters and the verification address, the
signatory (the programme manager of the contact settings, above their role) and the QR code.
The DejaVu fonts bundled here print every name of the six countries.
"""

import functools
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from home.dates import long_date
from home.identity import logo_file
from home.site_cache import contact_for

FONTS = Path(__file__).resolve().parent / "fonts"
# The issuer's name in machine-readable documents (credentials); the PDF translates it.
ISSUER_NAME = "European Forum for Urban Security (Efus)"
INK = (31, 41, 72)
ACCENT = (0, 102, 153)

# Geometry of the A4 landscape page, in millimetres.
BORDER_INSET = 10
BORDER_WIDTH = 1.2
INNER_BORDER_INSET = 13
MARGIN = 25
TOP = 20
BOTTOM = 192
QR_SIZE = 40
QR_GAP = 10
LOGO_SIZE = 22
SIGNATURE_WIDTH = 66
BAND_GAP = 4
NAME_SIZE = 24
NAME_MIN_SIZE = 12
CODE_SIZE = 20
CODE_SPACING = 1.5
PT = 25.4 / 72


def skills_covered():
    """The skills the cohort trains, in the active language."""
    return [
        _("What artificial intelligence is and what it can do for urban security"),
        _("Risks for fundamental rights, and the European AI Act"),
        _("Data protection and ethics in public-sector AI projects"),
        _("Choosing, procuring and evaluating AI tools for a city"),
        _("Involving residents and partners in AI projects"),
    ]


def issuer_name():
    """The issuer, named in the active language."""
    return _("European Forum for Urban Security (Efus)")


def signatory_name():
    """The programme manager named in the default site's contact settings ("" if none)."""
    site = Site.objects.filter(is_default_site=True).first()
    contact = contact_for(site) if site else None
    return contact.manager_name.strip() if contact else ""


@functools.cache
def tagged_pdf_class():
    """The FPDF subclass that tags its text (built once, on the first certificate).

    Imported here: fpdf2 brings fontTools and Pillow's PDF paths (tens of MiB per worker), and
    only certificates use it, so web workers do not hold it from the start.
    """
    from fpdf import FPDF
    from fpdf.structure_tree import StructElem, StructureTreeBuilder
    from fpdf.syntax import PDFString

    class NestedStructElem(StructElem):
        """A structure element below another one: it lies on its parent's page.

        fpdf2 sets the page (/Pg) of the Document's children only; a list item's label and body
        take theirs from the list.
        """

        __slots__ = ("_own_page",)

        @property
        def pg(self):
            return self._own_page or getattr(self.p, "pg", None)

        @pg.setter
        def pg(self, page):
            self._own_page = page

    class NestedStructureTree(StructureTreeBuilder):
        """fpdf2's structure tree, with grouping elements (a list and its items) that nest."""

        def __init__(self):
            super().__init__()
            self.parents = [self.doc_struct_elem]
            self.marked = {}

        def add_marked_content(
            self, page_number, struct_type, mcid=None, title=None, alt_text=None
        ):
            """A new element under the current parent; with an MCID, it owns marked content."""
            spid = self.spid_per_page_number.setdefault(page_number, len(self.spid_per_page_number))
            element = self.element(page_number, struct_type, title=title, alt_text=alt_text)
            if mcid is not None:
                element.k.append(mcid)
                self.marked.setdefault(page_number, []).append(element)
                self.struct_tree_root.parent_tree.nums[spid] = self.marked[page_number]
            return element, spid

        def element(self, page_number, struct_type, title=None, alt_text=None):
            parent = self.parents[-1]
            kind = StructElem if parent is self.doc_struct_elem else NestedStructElem
            element = kind(
                struct_type=struct_type,
                parent=parent,
                kids=[],
                page_number=page_number,
                title=title,
                alt=alt_text,
            )
            parent.k.append(element)
            return element

        @contextmanager
        def group(self, page_number, struct_type):
            """Elements added inside the block are children of a new `struct_type` element."""
            self.parents.append(self.element(page_number, struct_type))
            try:
                yield
            finally:
                self.parents.pop()

        def next_mcid_for_page(self, page_number):
            return len(self.marked.get(page_number, []))

        def __iter__(self):
            yield self.struct_tree_root
            yield self.doc_struct_elem
            yield self.struct_tree_root.parent_tree
            yield from descendants(self.doc_struct_elem)

    def descendants(element):
        for kid in element.k:
            if isinstance(kid, StructElem):
                yield kid
                yield from descendants(kid)

    class TaggedPDF(FPDF):
        """FPDF writing a structure tree for its text too, not only for its images.

        fpdf2 tags images (Figure, with their alternative text); the text here is wrapped in
        marked content the same way, so a screen reader reads headings, paragraphs and the list
        in order, and decoration is marked as an artifact.
        """

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.struct_builder = NestedStructureTree()

        @contextmanager
        def tagged(self, struct_type):
            mcid = self.struct_builder.next_mcid_for_page(self.page)
            self._add_marked_content(struct_type=f"/{struct_type}", mcid=mcid)
            self._out(f"/{struct_type} <</MCID {mcid}>> BDC")
            yield
            self._out("EMC")

        @contextmanager
        def group(self, struct_type):
            with self.struct_builder.group(self.page, f"/{struct_type}"):
                yield

        @contextmanager
        def _marked_sequence(self, **kwargs):
            """An image's marked content: fpdf2 makes it a Figure in the structure tree but
            writes /P in the page; here it is a Figure in both, with its alternative text."""
            mcid = self.struct_builder.next_mcid_for_page(self.page)
            element = self._add_marked_content(struct_type="/Figure", mcid=mcid, **kwargs)
            alt = kwargs.get("alt_text")
            alt = f" /Alt {PDFString(alt).serialize()}" if alt else ""
            self._out(f"/Figure <</MCID {mcid}{alt}>> BDC")
            yield element
            self._out("EMC")

        @contextmanager
        def artifact(self):
            self._out("/Artifact BMC")
            yield
            self._out("EMC")

        def paragraph(
            self, text, size=12, style="", struct_type="P", colour=INK, gap=2, height=None, **cell
        ):
            with self.tagged(struct_type):
                self.set_font("DejaVu", style, size)
                self.set_text_color(*colour)
                self.multi_cell(cell.pop("w", 0), height or size * 0.5, text, **cell)
            self.ln(gap)

        def line_count(self, text, width, size, style="", **cell):
            self.set_font("DejaVu", style, size)
            return len(self.multi_cell(width, 1, text, dry_run=True, output="LINES", **cell))

        def bulleted_list(self, items, size=11):
            """A list (L) of items (LI), each with its bullet (Lbl) and its text (LBody)."""
            indent = 6
            with self.group("L"):
                for item in items:
                    with self.group("LI"):
                        top = self.get_y()
                        self.set_x(self.l_margin + indent)
                        with self.tagged("Lbl"):
                            self.set_font("DejaVu", "", size)
                            self.set_text_color(*INK)
                            self.cell(indent, size * 0.5, "•")
                        with self.tagged("LBody"):
                            self.set_xy(self.l_margin + 2 * indent, top)
                            self.multi_cell(self.epw - 3 * indent, size * 0.5, item)

    return TaggedPDF


def qr_image(url):
    # Imported here: qrcode (and the Pillow image it makes) is needed only for certificates.
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=4)
    code.add_data(url)
    code.make(fit=True)
    return code.make_image().get_image().convert("L")


def xmp_metadata(title, language, author, subject, created):
    """XMP declaring PDF/UA-1, with the document's title, language, author and date."""
    title, author, subject = escape(title), escape(author), escape(subject)
    return f"""<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <pdfuaid:part>1</pdfuaid:part>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt>
    <rdf:li xml:lang="x-default">{title}</rdf:li>
    <rdf:li xml:lang="{language}">{title}</rdf:li>
   </rdf:Alt></dc:title>
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="x-default">{subject}</rdf:li>
   </rdf:Alt></dc:description>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>AI for Cities</xmp:CreatorTool>
   <xmp:CreateDate>{created.isoformat(timespec="seconds")}</xmp:CreateDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>"""


def new_document(certificate, title):
    # Imported here, as in tagged_pdf_class: fpdf2 is loaded by the first certificate only.
    from fpdf.prefs import ViewerPreferences

    pdf = tagged_pdf_class()(orientation="landscape", format="A4")
    pdf.pdf_version = "1.7"  # PDF/UA-1 is built on PDF 1.7 (ISO 32000-1); fpdf2 writes 1.4
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVuMono", "B", str(FONTS / "DejaVuSansMono-Bold.ttf"))
    author, subject = issuer_name(), _("AI for Cities")
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_subject(subject)
    pdf.set_creator("AI for Cities")
    pdf.set_lang(certificate.language)
    pdf.set_creation_date(certificate.issued_at)
    pdf.set_xmp_metadata(
        xmp_metadata(title, certificate.language, author, subject, certificate.issued_at)
    )
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, TOP, MARGIN)
    pdf.add_page()
    return pdf


def draw_borders(pdf):
    with pdf.artifact():
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(BORDER_WIDTH)
        pdf.rect(BORDER_INSET, BORDER_INSET, pdf.w - 2 * BORDER_INSET, pdf.h - 2 * BORDER_INSET)
        pdf.set_line_width(0.3)
        inner = INNER_BORDER_INSET
        pdf.rect(inner, inner, pdf.w - 2 * inner, pdf.h - 2 * inner)


def name_size(pdf, name):
    """The largest size, down to a floor, at which the name fits on one line."""
    pdf.set_font("DejaVu", "B", NAME_SIZE)
    width, room = pdf.get_string_width(name), pdf.epw - 2 * pdf.c_margin
    if width <= room:
        return NAME_SIZE
    return max(NAME_MIN_SIZE, int(NAME_SIZE * room / width))


class Band:
    """The bottom band: the issue line across, then the code and the verification address on
    the left, the signatory in the middle and the QR code on the right, bottom-aligned so they
    never cross the border."""

    def __init__(self, pdf, certificate, verification_url):
        self.issued = _("Issued by the European Forum for Urban Security (Efus) on %(date)s.") % {
            "date": long_date(certificate.issued_on)
        }
        self.code = certificate.code
        self.url = verification_url
        self.qr_x = pdf.w - MARGIN - QR_SIZE
        self.qr_y = BOTTOM - QR_SIZE
        self.width = self.qr_x - QR_GAP - MARGIN
        self.signature_x = self.qr_x - QR_GAP - SIGNATURE_WIDTH
        self.column = self.signature_x - QR_GAP - MARGIN
        self.issued_lines = pdf.line_count(self.issued, self.width, 11)
        self.url_lines = pdf.line_count(self.url, self.column, 10, wrapmode="CHAR")
        self.text_top = BOTTOM - self.text_height()
        self.top = min(self.text_top, self.qr_y)
        self.signatory = signatory_name()
        self.role = _("Senior programme manager")

    def text_height(self):
        return self.issued_lines * 5.5 + 2 + 5 + 10 + 2 + 5 + self.url_lines * 5

    def draw(self, pdf):
        pdf.set_xy(MARGIN, self.text_top)
        pdf.paragraph(self.issued, size=11, w=self.width, height=5.5, align="L")
        pdf.paragraph(_("Certificate code"), size=10, w=self.column, height=5, align="L", gap=0)
        self.draw_code(pdf)
        pdf.paragraph(
            _("Check this certificate at"), size=10, w=self.column, height=5, align="L", gap=0
        )
        pdf.paragraph(
            self.url,
            size=10,
            colour=ACCENT,
            w=self.column,
            height=5,
            align="L",
            gap=0,
            wrapmode="CHAR",
        )
        if self.signatory:
            self.draw_signature(pdf)
        pdf.image(
            qr_image(self.url),
            x=self.qr_x,
            y=self.qr_y,
            w=QR_SIZE,
            h=QR_SIZE,
            alt_text=_("QR code leading to the verification page %(url)s") % {"url": self.url},
        )

    def draw_signature(self, pdf):
        """A line to sign on, the programme manager's name and role below it."""
        width = SIGNATURE_WIDTH
        name_lines = pdf.line_count(self.signatory, width, 11, "B")
        role_lines = pdf.line_count(self.role, width, 10)
        top = BOTTOM - (2 + name_lines * 5.5 + role_lines * 5)
        with pdf.artifact():
            pdf.set_draw_color(*INK)
            pdf.set_line_width(0.3)
            pdf.line(self.signature_x, top, self.signature_x + width, top)
        pdf.set_xy(self.signature_x, top + 2)
        pdf.paragraph(self.signatory, size=11, style="B", w=width, height=5.5, align="L", gap=0)
        pdf.set_x(self.signature_x)
        pdf.paragraph(self.role, size=10, w=width, height=5, align="L", gap=0)

    def draw_code(self, pdf):
        """The code in large monospace letters, spaced so a reader copies it by hand."""
        with pdf.tagged("P"):
            pdf.set_font("DejaVuMono", "B", CODE_SIZE)
            pdf.set_text_color(*INK)
            pdf.set_char_spacing(CODE_SPACING)
            pdf.cell(self.column, 10, self.code, new_x="LMARGIN", new_y="NEXT")
            pdf.set_char_spacing(0)
        pdf.ln(2)


def draw_logo(pdf):
    """The programme's logo in the top left corner, above the text's first lines."""
    pdf.image(
        logo_file(),
        x=MARGIN,
        y=TOP,
        w=LOGO_SIZE,
        h=LOGO_SIZE,
        alt_text=_("AI for Cities, a training programme of Efus"),
    )


def draw_text(pdf, certificate, title):
    """The statement, from the top: programme, title, holder, cohort and skills."""
    enrolment = certificate.enrolment
    cohort = enrolment.cohort
    pdf.set_y(TOP + 2)
    pdf.paragraph(
        _("AI for Cities – artificial intelligence for urban security"),
        size=13,
        style="B",
        colour=ACCENT,
        gap=3,
        align="C",
    )
    pdf.paragraph(title, size=28, style="B", struct_type="H1", gap=4, height=12, align="C")
    pdf.paragraph(_("This certifies that"), size=13, align="C")
    size = name_size(pdf, enrolment.name)
    pdf.paragraph(enrolment.name, size=size, style="B", gap=3, height=size * 0.45, align="C")
    pdf.paragraph(
        _(
            "has completed the training programme AI for Cities of the European Forum "
            "for Urban Security, attending its online sessions and its in-person session."
        ),
        size=12,
        align="C",
    )
    pdf.paragraph(
        _("Cohort: %(country)s, %(period)s")
        % {"country": cohort.get_country_display(), "period": cohort.period_label},
        size=13,
        style="B",
        gap=4,
        align="C",
    )
    pdf.paragraph(_("Skills covered"), size=13, style="B", struct_type="H2", gap=1)
    pdf.bulleted_list(skills_covered())


def render(certificate, verification_url):
    """The certificate's PDF (bytes), in the certificate's language."""
    with translation.override(certificate.language):
        title = f"{_('Certificate of completion')} – {certificate.enrolment.name}"
        pdf = new_document(certificate, title)
        draw_borders(pdf)
        draw_logo(pdf)
        band = Band(pdf, certificate, verification_url)
        draw_text(pdf, certificate, _("Certificate of completion"))
        band.draw(pdf)
        return bytes(pdf.output())
