"""The certificate PDF: it opens, its text holds the name (any accents), the cohort and the
code in the participant's language, it is tagged with a title and a language, and its QR code
decodes to the public verification address."""

import io

import pypdf
import pytest
import zxingcpp

from certificates.enrolment import enrol_application
from certificates.issuing import issue
from tests.certificates.conftest import attend, make_application

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
