"""The certificate PDF: it opens, its text holds the name (any accents), the cohort and the
code in the participant's language, it is tagged with a title and a language, and its QR code
decodes to the public verification address. Read back by PDFium, every line lies inside the
border and clear of the logo and the QR code, whatever the name's length; the programme
manager signs it; it is PDF/UA-1 (PDF 1.7, XMP, tagged content or artifacts, the skills as a
list, the images as Figures with their alternative text in the structure and the content)."""

import io
from xml.etree import ElementTree

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
import zxingcpp
from django.utils import translation
from django.utils.translation import gettext
from pypdf.generic import ContentStream, DictionaryObject
from wagtail.models import Site

from certificates.enrolment import enrol_application
from certificates.issuing import issue
from home.models import ContactSettings
from tests.fixtures.certificates import attend, make_application

pytestmark = pytest.mark.django_db


def read(certificate):
    with certificate.pdf.open("rb") as handle:
        return pypdf.PdfReader(io.BytesIO(handle.read()))


def certificate_for(cohort, name, email, language):
    application = make_application(cohort, people=[(name, email)], language=language)
    (enrolment,) = enrol_application(application, notify=False)
    attend(enrolment)
    return issue(enrolment, notify=False)


@pytest.fixture
def programme_manager(db):
    site = Site.objects.get(is_default_site=True)
    ContactSettings.objects.update_or_create(
        site=site, defaults={"manager_name": "Claire Dumont", "manager_email": "c@efus.example"}
    )


@pytest.mark.parametrize(
    "name, language, words",
    [
        ("Jürgen Groß", "de", ["Abschlusszertifikat", "Deutschland", "Zertifikatscode"]),
        (
            "Françoise Ĳsselmuiden",
            "fr",
            ["Certificat de réussite", "Allemagne", "Code du certificat"],
        ),
        (
            "Núria Fàbregas",
            "es",
            ["Certificado de finalización", "Alemania", "Código del certificado"],
        ),
        ("Çağla Yılmaz", "nl", ["Certificaat van voltooiing", "Duitsland", "Certificaatcode"]),
    ],
)
def test_pdf_text_has_the_name_cohort_and_code_in_the_participants_language(
    cohort, groups, name, language, words
):
    certificate = certificate_for(cohort, name, "p@example.org", language)
    reader = read(certificate)
    text = reader.pages[0].extract_text()
    assert name in text
    assert certificate.code in text
    for word in words:
        assert word in text, (word, text)
    assert "Efus" in text
    assert reader.metadata.title.endswith(name)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == language
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])


def test_the_fonts_are_embedded(cohort, groups):
    reader = read(certificate_for(cohort, "Jürgen Groß", "j@example.org", "de"))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        assert "DejaVu" in descendant["/BaseFont"]
        assert "/FontFile2" in descendant["/FontDescriptor"]


def test_the_qr_code_decodes_to_the_verification_url(cohort, groups):
    certificate = certificate_for(cohort, "Núria Fàbregas", "n@example.org", "es")
    images = read(certificate).pages[0].images  # the logo and the QR code
    decoded = [barcode.text for image in images for barcode in zxingcpp.read_barcodes(image.image)]
    assert decoded == [f"http://testserver/es/certificates/verify/{certificate.code}/"]


def test_the_structure_tree_has_a_heading_paragraphs_and_a_described_qr_code(cohort, groups):
    certificate = certificate_for(cohort, "Çağla Yılmaz", "c@example.org", "fr")
    catalog = read(certificate).trailer["/Root"]
    document = catalog["/StructTreeRoot"]["/K"]
    document = (document[0] if isinstance(document, list) else document).get_object()
    assert document["/S"] == "/Document"
    kinds = [kid.get_object()["/S"] for kid in document["/K"]]
    assert kinds.count("/H1") == 1 and kinds.index("/H1") < kinds.index("/H2")
    assert kinds.count("/P") >= 10
    figures = [kid.get_object() for kid in document["/K"] if kid.get_object()["/S"] == "/Figure"]
    (figure,) = [f for f in figures if f["/Alt"].startswith("Code QR menant à la page")]
    assert certificate.code in figure["/Alt"]


# --- layout, read back by an independent renderer (PDFium) ----------------------------------

LONG_NAME = "Maximiliane Alexandra Wilhelmina von Hohenzollern-Sigmaringen"[:60]


def rendered_page(certificate):
    """The page as PDFium sees it: its text lines with their boxes, the drawn frames, the
    image's box and the page rendered to a picture (boxes in points, origin bottom left)."""
    with certificate.pdf.open("rb") as handle:
        document = pdfium.PdfDocument(handle.read())
    page = document[0]
    objects = list(page.get_objects())
    text_page = page.get_textpage()
    rects = [text_page.get_rect(i) for i in range(text_page.count_rects())]
    return {
        "size": page.get_size(),
        "lines": [(text_page.get_text_bounded(*rect), rect) for rect in rects],
        "frames": [o.get_bounds() for o in objects if o.type == pdfium_raw.FPDF_PAGEOBJ_PATH],
        "images": [o.get_bounds() for o in objects if o.type == pdfium_raw.FPDF_PAGEOBJ_IMAGE],
        "picture": page.render(scale=3).to_pil(),
    }


def inside(box, frame):
    left, bottom, right, top = box
    return left >= frame[0] and bottom >= frame[1] and right <= frame[2] and top <= frame[3]


def overlaps(box, other):
    return not (
        box[2] <= other[0] or other[2] <= box[0] or box[3] <= other[1] or other[3] <= box[1]
    )


@pytest.mark.parametrize("name", ["Jürgen Groß", LONG_NAME])
@pytest.mark.parametrize("language", ["fr", "de"])
def test_every_line_lies_inside_the_border_and_clear_of_the_images(
    cohort, groups, programme_manager, name, language
):
    assert len(LONG_NAME) == 60
    certificate = certificate_for(cohort, name, "p@example.org", language)
    page = rendered_page(certificate)
    borders = [frame for frame in page["frames"] if frame[3] - frame[1] > 100]
    inner_frame = min(borders, key=lambda frame: frame[2] - frame[0])
    logo_box, qr_box = sorted(page["images"], key=lambda box: box[0])
    assert inside(qr_box, inner_frame) and inside(logo_box, inner_frame)
    texts = [text for text, _box in page["lines"]]
    assert name in texts and certificate.code in texts
    url = f"http://testserver/{language}/certificates/verify/{certificate.code}/"
    assert url in texts
    for text, box in page["lines"]:
        assert inside(box, inner_frame), (text, box, inner_frame)
        assert not overlaps(box, qr_box), (text, box, qr_box)
        assert not overlaps(box, logo_box), (text, box, logo_box)
    boxes = [box for _text, box in page["lines"]]
    for i, box in enumerate(boxes):
        for other in boxes[i + 1 :]:
            assert not overlaps(box, other), (box, other)


def test_the_code_is_printed_large_enough_to_copy_by_hand(cohort, groups):
    certificate = certificate_for(cohort, LONG_NAME, "p@example.org", "it")
    lines = dict(rendered_page(certificate)["lines"])
    code_height = lines[certificate.code][3] - lines[certificate.code][1]
    assert code_height >= 14  # points: capitals of a 20 pt font


@pytest.mark.parametrize("name", ["Núria Fàbregas", LONG_NAME])
def test_the_rendered_qr_code_decodes_to_the_verification_url(cohort, groups, name):
    certificate = certificate_for(cohort, name, "n@example.org", "es")
    picture = rendered_page(certificate)["picture"]
    decoded = [barcode.text for barcode in zxingcpp.read_barcodes(picture)]
    assert decoded == [f"http://testserver/es/certificates/verify/{certificate.code}/"]


# --- PDF/UA-1 -----------------------------------------------------------------------------

XMP = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}
PAINTING = {"Tj", "TJ", "'", '"', "Do", "re", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"}


def test_xmp_metadata_declares_pdf_ua_with_title_and_language(cohort, groups):
    certificate = certificate_for(cohort, "Françoise Ĳsselmuiden", "f@example.org", "fr")
    reader = read(certificate)
    xmp = ElementTree.fromstring(reader.trailer["/Root"]["/Metadata"].get_object().get_data())
    description = xmp.find(".//rdf:Description", XMP)
    assert description.findtext("pdfuaid:part", namespaces=XMP) == "1"
    titles = [li.text for li in description.findall("dc:title/rdf:Alt/rdf:li", XMP)]
    assert titles and all(
        title == "Certificat de réussite – Françoise Ĳsselmuiden" for title in titles
    )
    languages = [li.text for li in description.findall("dc:language/rdf:Bag/rdf:li", XMP)]
    assert languages == ["fr"]
    assert reader.metadata.title == titles[0]


def test_every_painting_operator_is_tagged_or_an_artifact(cohort, groups):
    certificate = certificate_for(cohort, LONG_NAME, "l@example.org", "nl")
    reader = read(certificate)
    operations = ContentStream(reader.pages[0].get_contents(), reader).operations
    depth, untagged, artifacts = 0, [], 0
    for operands, operator in operations:
        operator = operator.decode()
        if operator in ("BDC", "BMC"):
            depth += 1
            artifacts += operands[0] == "/Artifact"
        elif operator == "EMC":
            depth -= 1
        elif operator in PAINTING and depth == 0:
            untagged.append(operator)
    assert untagged == [] and depth == 0
    assert artifacts >= 1


def structure(element):
    """(type, [children]) of a structure element, down the tree."""
    element = element.get_object()
    kids = element.get("/K", [])
    kids = kids if isinstance(kids, list) else [kids]
    return (
        element["/S"],
        [structure(kid) for kid in kids if isinstance(kid.get_object(), DictionaryObject)],
    )


def test_the_skills_are_a_list_of_labelled_items(cohort, groups):
    certificate = certificate_for(cohort, "Jürgen Groß", "j@example.org", "de")
    root = read(certificate).trailer["/Root"]["/StructTreeRoot"]["/K"]
    document = structure(root[0] if isinstance(root, list) else root)
    (skills,) = [kids for kind, kids in document[1] if kind == "/L"]
    assert len(skills) == 5
    assert all(item == ("/LI", [("/Lbl", []), ("/LBody", [])]) for item in skills)


def test_the_issuer_is_named_in_the_certificates_language(cohort, groups):
    certificate = certificate_for(cohort, "Françoise Ĳsselmuiden", "f@example.org", "fr")
    reader = read(certificate)
    text = reader.pages[0].extract_text()
    assert "Délivré par le Forum européen pour la sécurité urbaine (Efus) le" in text
    assert "European Forum" not in text
    assert reader.metadata.author == "Forum européen pour la sécurité urbaine (Efus)"


def test_the_header_says_pdf_1_7_as_pdf_ua_1_requires(cohort, groups):
    certificate = certificate_for(cohort, "Jürgen Groß", "j@example.org", "de")
    with certificate.pdf.open("rb") as handle:
        assert handle.read(8) == b"%PDF-1.7"
    assert read(certificate).pdf_header == "%PDF-1.7"


def marked_images(reader):
    """The tag and properties of the marked content around each image drawn (Do)."""
    operations = ContentStream(reader.pages[0].get_contents(), reader).operations
    open_tags, images = [], []
    for operands, operator in operations:
        if operator == b"BDC":
            open_tags.append((operands[0], operands[1]))
        elif operator == b"BMC":
            open_tags.append((operands[0], {}))
        elif operator == b"EMC":
            open_tags.pop()
        elif operator == b"Do":
            images.append(open_tags[-1])
    return images


def test_the_logo_and_the_qr_code_are_figures_in_the_structure_and_in_the_content(cohort, groups):
    certificate = certificate_for(cohort, "Núria Fàbregas", "n@example.org", "es")
    reader = read(certificate)
    root = reader.trailer["/Root"]["/StructTreeRoot"]["/K"]
    document = (root[0] if isinstance(root, list) else root).get_object()
    figures = {
        kid["/K"][0] if isinstance(kid["/K"], list) else kid["/K"]: kid["/Alt"]
        for kid in (k.get_object() for k in document["/K"])
        if kid["/S"] == "/Figure"
    }
    images = marked_images(reader)
    assert len(images) == 2 and len(figures) == 2
    for tag, properties in images:
        assert tag == "/Figure"
        assert properties["/Alt"] == figures[properties["/MCID"]]
    with translation.override("es"):
        logo_alt = gettext("AI for Cities, a training programme of Efus")
    assert logo_alt != "AI for Cities, a training programme of Efus"
    assert logo_alt in figures.values()


def test_the_logo_is_printed_in_the_top_corner(cohort, groups):
    certificate = certificate_for(cohort, "Jürgen Groß", "j@example.org", "de")
    page = rendered_page(certificate)
    logo_box, _qr_box = sorted(page["images"], key=lambda box: box[0])
    width, height = page["size"]
    assert logo_box[0] < width / 4 and logo_box[3] > height * 3 / 4
    assert logo_box[2] - logo_box[0] >= 50  # points: about 2 cm
    # It is the site's logo, drawn in its colours (the dark blue of the mark).
    scale = 3
    x, y = (logo_box[0] + 3) * scale, (height - logo_box[3] + 3) * scale
    colour = page["picture"].convert("RGB").getpixel((int(x), int(y)))
    assert all(abs(a - b) <= 3 for a, b in zip(colour, (11, 74, 111), strict=True)), colour


@pytest.mark.parametrize("language", ["de", "it"])
def test_the_programme_manager_signs_with_name_and_role(
    cohort, groups, programme_manager, language
):
    certificate = certificate_for(cohort, LONG_NAME, "p@example.org", language)
    page = rendered_page(certificate)
    lines = dict(page["lines"])
    with translation.override(language):
        role = gettext("Senior programme manager")
    assert role != "Senior programme manager"
    name_box = lines["Claire Dumont"]
    # The role under the name, in the same column (on one line or two).
    below = [
        text
        for text, box in page["lines"]
        if abs(box[0] - name_box[0]) < 1 and box[3] <= name_box[1]
    ]
    assert " ".join(below) == role
    # A line to sign on, just above the name and as wide as the block.
    signature_lines = [
        frame
        for frame in page["frames"]
        if abs(frame[1] - frame[3]) < 2 and 0 < frame[1] - name_box[3] < 12
    ]
    assert len(signature_lines) == 1
    (line,) = signature_lines
    assert line[0] <= name_box[0] and line[2] - line[0] >= 150
