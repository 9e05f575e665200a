"""Parts of pages rendered once per generation of what they show, kept in the worker's memory.

The page cache (web/page_cache.py) keeps whole pages for anonymous visitors. Whoever it cannot
serve (the first visitor after a change, a signed-in member, a query string of its own) gets a
page rendered again, though most of it (the menu, the language switcher, the footer, a cohort's
sessions, the listing's table) is the same as on the previous request. `{% remembered %}`
(web/templatetags/fragment_tags.py) keeps such a part, rendered, under the generations of the
page cache's groups that the request read before its view ran (`PageGenerationsMiddleware`):
saving any record that a kept page shows moves a generation on, and the part is rendered again
on its next request, as the kept page is. A part also turns over at midnight (texts such as
"applications open") and after PAGE_CACHE_SECONDS, as kept pages do.

Only what is the same for every reader goes in a part: never a form token, a nonce or anything
of the reader's (the member links, who may join a session). The worker's memory, not Redis: a
part is a few kilobytes, read many times per second, and a round trip would cost what it saves.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.utils import timezone, translation

from web import page_cache

# At most this many characters of parts per worker (a cohort listing is about 70 000).
MAX_CHARACTERS = 2_000_000


class Parts:
    """A small least-recently-used store of rendered parts, bounded by their total length."""

    def __init__(self, max_characters=MAX_CHARACTERS):
        self.max_characters = max_characters
        self.entries = OrderedDict()  # key -> (expires at, text)
        self.characters = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry[0] < time.monotonic():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry[1]

    def set(self, key, text, seconds):
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = (time.monotonic() + seconds, text)
            self.characters += len(text)
            while self.characters > self.max_characters and self.entries:
                self._drop(next(iter(self.entries)))

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.characters = 0

    def _drop(self, key):
        _expires, text = self.entries.pop(key)
        self.characters -= len(text)


PARTS = Parts()

# Functions (request, text) -> text that a higher app applies to a part once, when it is kept,
# rather than to every response that shows it (home/hyphenation.py: the soft hyphens).
FINISHERS = []


def finish_parts_with(function):
    FINISHERS.append(function)
    return function


def part_key(request, name, vary):
    """The key of part `name` for this request, or None when it must be rendered (no
    generations read: the cache is off or not answering)."""
    generations = getattr(request, "page_generations", None)
    if not generations or settings.PAGE_CACHE_SECONDS <= 0 or settings.SITE_ARCHIVE_MADE_ON:
        return None
    return (
        name,
        request.get_host(),
        translation.get_language(),
        timezone.localdate().toordinal(),
        generations,
        tuple(str(value) for value in vary),
    )


def remembered(request, name, vary, render):
    """The text `render()` returns, kept for this request's generations, language, day and
    `vary` (what else it depends on: the page, the query)."""
    key = part_key(request, name, vary)
    if key is None:
        return render()
    text = PARTS.get(key)
    if text is None:
        text = render()
        for finish in FINISHERS:
            text = finish(request, text)
        PARTS.set(key, text, settings.PAGE_CACHE_SECONDS)
    return text


class PageGenerationsMiddleware:
    """Reads the page cache's generations (one round trip) before the view runs, for every
    page in a language, so a part kept during this request is kept under the generations that
    were current before its rows were read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "page_generations") and settings.PAGE_CACHE_SECONDS > 0:
            language = translation.get_language_from_path(request.path_info)
            if language:
                request.page_generations = page_cache.generations_for(request.path_info, language)
        return self.get_response(request)
