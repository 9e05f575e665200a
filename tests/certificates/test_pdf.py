"""The certificate PDF: it opens, its text holds the name (any accents), the cohort and the
code in the participant's language, it is tagged with a title and a language, and its QR code
decodes to the public verification address. Read back by PDFium, every line lies inside the
border and clear of the QR code, whatever the name's length; it is PDF/UA-1 (XMP, tagged
content or artifacts, the skills as a list)."""

import io
from xml.etree import ElementTree

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
import zxingcpp
from pypdf.generic import ContentStream, DictionaryObject

from certificates.enrolment import enrol_application
from certificates.issuing import issue
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
    (image,) = read(certificate).pages[0].images
    decoded = [barcode.text for barcode in zxingcpp.read_barcodes(image.image)]
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
    (figure,) = [kid.get_object() for kid in document["/K"] if kid.get_object()["/S"] == "/Figure"]
    assert figure["/Alt"].startswith("Code QR menant à la page de vérification")
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
def test_every_line_lies_inside_the_border_and_clear_of_the_qr_code(cohort, groups, name, language):
    assert len(LONG_NAME) == 60
    certificate = certificate_for(cohort, name, "p@example.org", language)
    page = rendered_page(certificate)
    inner_frame = min(page["frames"], key=lambda frame: frame[2] - frame[0])
    (qr_box,) = page["images"]
    assert inside(qr_box, inner_frame)
    texts = [text for text, _box in page["lines"]]
    assert name in texts and certificate.code in texts
    url = f"http://testserver/{language}/certificates/verify/{certificate.code}/"
    assert url in texts
    for text, box in page["lines"]:
        assert inside(box, inner_frame), (text, box, inner_frame)
        assert not overlaps(box, qr_box), (text, box, qr_box)
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
