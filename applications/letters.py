"""Is an uploaded letter of commitment a real, harmless PDF, and what staff get to open.

The letter is read with pypdf (a maintained, pure-Python PDF parser), not judged by its name or
first bytes. It must start with its PDF header and end with its end-of-file marker (nothing
hidden before or after: no image, page or archive sharing the file), parse without repairs, not
be encrypted, stay within the page and size limits, and carry nothing a reader would run or
open: no JavaScript, no automatic actions (/AA, an /OpenAction that is an action of any kind rather
than the page to open at), no actions that launch
a program, open another file (/GoToR, /GoToE, a `file:` or network-path link) or send data, no
XFA forms, no embedded files or media. Every object of the file is inspected, reachable or not.

Staff never open the uploaded file itself: `sanitised_copy` writes its pages again with pypdf,
without the document's catalogue (names, actions, forms, attachments) and without any annotation
that acts, and that copy is what is stored and downloaded.
"""

import io
import logging
import re

logger = logging.getLogger(__name__)

LETTER_MAX_BYTES = 5 * 1024 * 1024
LETTER_MAX_PAGES = 20
# Objects inspected at most: a letter has a few hundred; a crafted file may have millions.
MAX_OBJECTS = 50_000
# Keys whose mere presence means something runs, opens or is carried along.
FORBIDDEN_KEYS = {
    "/JS",
    "/JavaScript",
    "/AA",
    "/XFA",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/EF",
    "/RichMedia",
    "/RichMediaContent",
    "/3DD",
}
# Actions (/S) a reader would run: programs, other files, forms sent, media, scripts.
FORBIDDEN_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/GoToR",
    "/GoToE",
    "/GoTo3DView",
    "/ImportData",
    "/SubmitForm",
    "/ResetForm",
    "/Rendition",
    "/Sound",
    "/Movie",
    "/RichMediaExecute",
}
# Annotations that play, attach or run something.
FORBIDDEN_ANNOTATIONS = {
    "/FileAttachment",
    "/Sound",
    "/Movie",
    "/Screen",
    "/RichMedia",
    "/3D",
}
# The only addresses a link may open: web pages and email.
SAFE_URI = re.compile(r"^(https?://|mailto:)[^\\]*$", re.IGNORECASE)
# A file starts with its header; after its last end marker only whitespace may follow.
HEADER = re.compile(rb"^%PDF-[12]\.\d")
END_MARKER = b"%%EOF"
WHITESPACE = rb"[\x00\t\n\x0c\r ]"
TRAILING = re.compile(WHITESPACE + b"*")


class UnsafeLetter(ValueError):
    """Why a letter is refused: one of `REASONS`."""


REASONS = (
    "unreadable",  # not a PDF at all
    "damaged",  # a PDF that cannot be read without repairs
    "pages",  # no page, or too many
    "encrypted",
    "hidden content",  # something before the header or after the end
    "active content",  # scripts, actions, forms, embedded files
    "links",  # a link to a program, another file or a network path
)


def _pypdf():
    # Imported here: pypdf loads fontTools (tens of MiB per worker) and only the application
    # form's letter check uses it, so web workers do not hold it from the start.
    import pypdf
    import pypdf.generic

    return pypdf, pypdf.generic


def check_framing(data):
    """The header at the very start, the end marker at the very end (whitespace aside)."""
    if not HEADER.match(data):
        raise UnsafeLetter("hidden content" if b"%PDF-" in data[:2048] else "unreadable")
    end = data.rfind(END_MARKER)
    if end < 0:
        raise UnsafeLetter("damaged")
    if TRAILING.fullmatch(data, end + len(END_MARKER)) is None:
        raise UnsafeLetter("hidden content")


def _children(obj):
    generic = _pypdf()[1]
    if isinstance(obj, generic.DictionaryObject):
        return list(obj.values())
    if isinstance(obj, generic.ArrayObject):
        return list(obj)
    return []


def _unsafe_uri(obj):
    uri = obj.get("/URI")
    uri = uri.get_object() if uri is not None else None
    if isinstance(uri, bytes):
        uri = uri.decode("latin-1")
    if not isinstance(uri, str):  # absent, or the catalogue's base-address dictionary
        return False
    return SAFE_URI.match(uri.strip()) is None


def _acting_open_action(obj):
    """An /OpenAction that is an action (of any kind). A bare destination, "open at page 1", is
    what LibreOffice and most word processors write, and it can do nothing else."""
    if "/OpenAction" not in obj:
        return False
    destination = obj["/OpenAction"].get_object()
    # A page and a view ([3 0 R /Fit]), or the name of a destination in the document.
    return not isinstance(destination, (_pypdf()[1].ArrayObject, str, bytes))


def refusal_for(obj):
    """Why `obj` makes a letter unsafe ("active content", "links"), or None."""
    if not isinstance(obj, _pypdf()[1].DictionaryObject):
        return None
    keys = set(obj.keys())
    if keys & FORBIDDEN_KEYS or _acting_open_action(obj):
        return "active content"
    action = obj.get("/S")
    if action in {"/Launch", "/GoToR", "/GoToE"}:
        return "links"
    if action in FORBIDDEN_ACTIONS:
        return "active content"
    if obj.get("/Subtype") in FORBIDDEN_ANNOTATIONS:
        return "active content"
    if _unsafe_uri(obj):
        return "links"
    return None


def _every_object(reader):
    """The trailer, everything reachable from it, and every object the cross-reference tables
    list (an unreachable object is still in the file a reader may be tricked into using)."""
    generic = _pypdf()[1]
    yield reader.trailer
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield generic.IndirectObject(number, generation, reader)
    for number in reader.xref_objStm:
        yield generic.IndirectObject(number, 0, reader)


def find_unsafe_content(reader):
    """The first reason (see `refusal_for`) found in any object of the document, or None."""
    generic = _pypdf()[1]
    seen = set()
    stack = list(_every_object(reader))
    inspected = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, generic.IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        inspected += 1
        if inspected > MAX_OBJECTS:
            return "active content"
        reason = refusal_for(obj)
        if reason:
            return reason
        stack.extend(_children(obj))
    return None


def check_cross_references(reader, data):
    """Each object the cross-reference tables place at an offset starts there. pypdf (even
    strict) repairs wrong offsets by searching the file, and so do readers, each its own way."""
    for generation, offsets in reader.xref.items():
        for number, offset in offsets.items():
            if number in reader.xref_objStm or not isinstance(offset, int):
                continue
            header = rb"%(space)s*%(number)d%(space)s+%(generation)d%(space)s+obj" % {
                b"space": WHITESPACE,
                b"number": number,
                b"generation": generation,
            }
            if re.compile(header).match(data, offset) is None:
                raise UnsafeLetter("damaged")


def _read(data):
    try:
        # strict: a damaged cross-reference table is refused, not silently rebuilt (two
        # readers repairing one file differently is how a file shows each reader its own pages).
        reader = _pypdf()[0].PdfReader(io.BytesIO(data), strict=True)
        if reader.is_encrypted:
            raise UnsafeLetter("encrypted")
        check_cross_references(reader, data)
        return reader, len(reader.pages)
    except UnsafeLetter:
        raise
    except Exception as error:  # pypdf raises many kinds of errors on broken files.
        logger.info("Letter refused: a damaged PDF (%s)", type(error).__name__)
        raise UnsafeLetter("damaged") from error


def _contents(upload):
    upload.seek(0)
    try:
        return upload.read(LETTER_MAX_BYTES + 1)
    finally:
        upload.seek(0)


def check_pdf(data):
    """Raise UnsafeLetter unless `data` is a plain, readable PDF; return its reader."""
    if len(data) > LETTER_MAX_BYTES:
        raise UnsafeLetter("damaged")  # the form refuses a larger file before reading it
    check_framing(data)
    reader, pages = _read(data)
    if not 1 <= pages <= LETTER_MAX_PAGES:
        raise UnsafeLetter("pages")
    try:
        reason = find_unsafe_content(reader)
    except Exception as error:  # A broken object deep inside the file.
        raise UnsafeLetter("damaged") from error
    if reason:
        logger.info("Letter refused: %s", reason)
        raise UnsafeLetter(reason)
    return reader


def check_letter(upload):
    """Raise UnsafeLetter unless `upload` is a readable PDF with nothing active in it."""
    check_pdf(_contents(upload))


# Annotations kept in the copy: those that only show something (comments, highlights, stamps,
# the appearance of a filled-in field), never one with an action.
SHOWN_ANNOTATIONS = {
    "/Text",
    "/FreeText",
    "/Line",
    "/Square",
    "/Circle",
    "/Polygon",
    "/PolyLine",
    "/Highlight",
    "/Underline",
    "/Squiggly",
    "/StrikeOut",
    "/Stamp",
    "/Caret",
    "/Ink",
    "/Widget",
}


def _harmless_annotation(annotation):
    annotation = annotation.get_object()
    return (
        annotation.get("/Subtype") in SHOWN_ANNOTATIONS
        and "/A" not in annotation
        and "/AA" not in annotation
    )


def sanitised_copy(upload):
    """The letter's pages written again by pypdf, with nothing but what they show: no document
    catalogue (names, scripts, forms, attachments, outlines), no page actions, no links.

    `upload` must have passed `check_letter`; the copy is checked again before it is returned.
    """
    pypdf, generic = _pypdf()
    reader = check_pdf(_contents(upload))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        # Trimmed before copying: pypdf copies whatever the page refers to.
        page.pop("/AA", None)
        if "/Annots" in page:
            kept = [a for a in page["/Annots"].get_object() if _harmless_annotation(a)]
            if kept:
                page[generic.NameObject("/Annots")] = generic.ArrayObject(kept)
            else:
                del page["/Annots"]
        writer.add_page(page)
    writer.add_metadata({"/Producer": "AI for Cities (sanitised copy)"})
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    check_pdf(data)
    return data
