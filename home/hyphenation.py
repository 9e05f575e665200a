"""Soft hyphens in the long words of every page, by the page's language.

CSS `hyphens: auto` breaks a word only where the browser holds a hyphenation dictionary for the
language, and Chromium on Linux and Windows often holds none: a German or Dutch word longer than
its line ("Toegankelijkheidsverklaring" in a footer column, "Lenkungsausschuss" in a phone's
heading) was then cut anywhere, without a hyphen (`overflow-wrap`). So every long word in the
text of a page gets a soft hyphen (U+00AD, invisible unless the line breaks there) at each of its
hyphenation points, from pyphen's dictionaries (LibreOffice's): every browser breaks it as a
typesetter would, with a hyphen. Markup, attributes and the text of scripts, styles, form
fields and the <title> are left alone. `SOFT_HYPHENS = False` turns it off (the unit tests do,
so that they read words whole; the browser tests turn it on).
"""

import functools
import re

import pyphen
from django.conf import settings

SOFT_HYPHEN = "\u00ad"
# Shorter words fit on any line of the site, down to a 320 px phone's headings.
MIN_LETTERS = 10
# A run of letters, not part of an entity name, an e-mail address or a web address.
LONG_WORD = re.compile(rf"(?<![\w&@./:])[^\W\d_]{{{MIN_LETTERS},}}(?![\w@])")
UNTOUCHED = "script|style|textarea|title|pre|code|option|select|svg|template"
# A part of a page kept already hyphenated (web/fragments.py) is passed over in one match.
DONE, DONE_END = "<!--hyphenated-->", "<!--/hyphenated-->"
PARTS = re.compile(
    rf"{DONE}.*?{DONE_END}|<(?P<untouched>{UNTOUCHED})\b.*?</(?P=untouched)\s*>|<!--.*?-->"
    r"|<[^>]*>|(?P<text>[^<]+)",
    re.DOTALL | re.IGNORECASE,
)


@functools.cache
def dictionary(language):
    """pyphen's dictionary for a language code ("de" → de_DE), or None without one."""
    name = pyphen.language_fallback(language.replace("-", "_"))
    return pyphen.Pyphen(lang=name, left=3, right=3) if name else None


@functools.lru_cache(maxsize=50_000)
def hyphenated_word(word, language):
    return dictionary(language).inserted(word, hyphen=SOFT_HYPHEN)


def hyphenate_text(text, language):
    """`text` (no markup) with soft hyphens in its long words."""
    if SOFT_HYPHEN in text:  # hyphenated by hand already
        return text
    return LONG_WORD.sub(lambda word: hyphenated_word(word[0], language), text)


def hyphenate_html(html, language):
    """`html` with soft hyphens in the long words of its text, markup untouched."""
    if dictionary(language) is None:
        return html
    return PARTS.sub(
        lambda part: hyphenate_text(part["text"], language) if part["text"] else part[0], html
    )


def applies(request):
    """The language of a page this middleware hyphenates, or ""."""
    language = getattr(request, "LANGUAGE_CODE", "")
    if settings.SOFT_HYPHENS and language and request.path.startswith(f"/{language}/"):
        return language
    return ""


def hyphenate_part(request, text):
    """A part of a page kept for many responses (web/fragments.py), hyphenated once and marked
    so that the middleware passes over it."""
    language = applies(request)
    if not language or dictionary(language) is None:
        return text
    return f"{DONE}{hyphenate_html(text, language)}{DONE_END}"


class SoftHyphenMiddleware:
    """Hyphenates the HTML pages of the site's languages (`/<lang>/…`), not the admin's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = applies(request)
        if (
            language
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            charset = response.charset
            response.content = hyphenate_html(response.content.decode(charset), language).encode(
                charset
            )
        return response
