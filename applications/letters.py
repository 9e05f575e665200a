"""Is an uploaded letter of commitment a real, harmless PDF?

The letter is read with pypdf, not judged by its name or first bytes: it must parse, must not be
encrypted, must stay within the page and size limits, and must carry no active content —
no JavaScript (/JS, /JavaScript), no automatic actions (/AA, an /OpenAction that runs
JavaScript or launches a program), no embedded files. Staff open these letters; they must be
documents, nothing more.
"""

import logging

logger = logging.getLogger(__name__)

LETTER_MAX_BYTES = 5 * 1024 * 1024
LETTER_MAX_PAGES = 20
# Objects inspected at most: a letter has a few hundred; a crafted file may have millions.
MAX_OBJECTS = 50_000
FORBIDDEN_KEYS = {"/JS", "/JavaScript", "/AA", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia"}
FORBIDDEN_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm"}


class UnsafeLetter(ValueError):
    """Why a letter is refused: "unreadable", "pages", "active content" or "encrypted"."""


def _pypdf():
    # Imported here: pypdf loads fontTools (tens of MiB per worker) and only the application
    # form's letter check uses it, so web workers do not hold it from the start.
    import pypdf
    import pypdf.generic

    return pypdf, pypdf.generic


def _children(obj):
    generic = _pypdf()[1]
    if isinstance(obj, generic.DictionaryObject):
        return list(obj.values())
    if isinstance(obj, generic.ArrayObject):
        return list(obj)
    return []


def _is_active(obj):
    if not isinstance(obj, _pypdf()[1].DictionaryObject):
        return False
    return bool(FORBIDDEN_KEYS & set(obj.keys())) or obj.get("/S") in FORBIDDEN_ACTIONS


def find_active_content(reader):
    """True when any object reachable from the document's trailer is active content."""
    seen = set()
    stack = [reader.trailer]
    inspected = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, _pypdf()[1].IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        inspected += 1
        if inspected > MAX_OBJECTS or _is_active(obj):
            return True
        stack.extend(_children(obj))
    return False


def _read(upload):
    upload.seek(0)
    try:
        reader = _pypdf()[0].PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise UnsafeLetter("encrypted")
        return reader, len(reader.pages)
    except UnsafeLetter:
        raise
    except Exception as error:  # pypdf raises many kinds of errors on broken files.
        logger.info("Letter refused: not a readable PDF (%s)", type(error).__name__)
        raise UnsafeLetter("unreadable") from error
    finally:
        upload.seek(0)


def check_letter(upload):
    """Raise UnsafeLetter unless `upload` is a readable PDF without active content."""
    reader, pages = _read(upload)
    if not 1 <= pages <= LETTER_MAX_PAGES:
        raise UnsafeLetter("pages")
    try:
        active = find_active_content(reader)
    except Exception as error:  # A broken object deep inside the file.
        raise UnsafeLetter("unreadable") from error
    finally:
        upload.seek(0)
    if active:
        raise UnsafeLetter("active content")
