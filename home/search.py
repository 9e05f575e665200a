"""Site search in the reader's language, and the PostgreSQL search backend of one language.

On PostgreSQL each language has its own backend (settings.WAGTAILSEARCH_BACKENDS, named by
language code, English being "default"), whose text-search configuration stems that language's
words and folds accents: "gratuit" finds "gratuite", "Liege" finds "Liège". Wagtail's database
backends all write to one index table, one row per object, so a backend that indexed every page
would overwrite the rows of the others (wagtail/wagtail#9253); here each backend writes only the
objects of its own language. On SQLite there is one backend: no stemming, no accent folding.
"""

import re
import unicodedata

from django.conf import settings
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
)

from home.visibility import discoverable_pages

MAX_QUERY_LENGTH = 200
MAX_HITS = 200


def clean_query(raw):
    """The query without control or invisible characters (PostgreSQL refuses NUL), bounded.

    Control characters (tabs, NUL, …) separate words; format characters (soft hyphens,
    zero-width spaces) vanish, so "Lie\\u00adge" still reads "Liege".
    """
    kept = []
    for character in raw:
        category = unicodedata.category(character)
        if category == "Cc":
            kept.append(" ")
        elif not category.startswith("C"):
            kept.append(character)
    return " ".join("".join(kept).split())[:MAX_QUERY_LENGTH]


def search_terms(query):
    """The words of a query, without quotes or operators that the full-text engines of SQLite
    and PostgreSQL would read as syntax (a lone `"` is an error there, not a word)."""
    return " ".join(re.findall(r"\w+", query))


def folded(text):
    """`text` without case or accents, for comparisons made in Python: "Liège" → "liege"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def backend_name(language_code):
    """The search backend of a language: its own on PostgreSQL, else the one default backend."""
    return language_code if language_code in settings.WAGTAILSEARCH_BACKENDS else "default"


def search_pages(query, locale):
    """Pages of `locale` matching `query`, best first, that the public may see.

    The index filters on locale and liveness; aliases and restricted pages are then removed
    against `discoverable_pages`, which the index cannot express.
    """
    hits = list(
        Page.objects.live()
        .filter(locale=locale)
        .specific()
        .search(search_terms(query), operator="and", backend=backend_name(locale.language_code))[
            :MAX_HITS
        ]
    )
    allowed = set(
        discoverable_pages().filter(pk__in=[hit.pk for hit in hits]).values_list("pk", flat=True)
    )
    return [hit for hit in hits if hit.pk in allowed]


def language_codes_by_locale():
    return dict(Locale.objects.values_list("pk", "language_code"))


def item_locale_id(item):
    return getattr(item, "locale_id", None)


class LanguageIndex(PostgresIndex):
    """Wagtail's PostgreSQL index, written only with the objects of its backend's language."""

    def add_items(self, model, items):
        codes = language_codes_by_locale() if issubclass(model, TranslatableMixin) else {}
        mine = [item for item in items if self.backend.keeps(codes.get(item_locale_id(item)))]
        super().add_items(model, mine)


class LanguageSearchBackend(PostgresSearchBackend):
    """A PostgreSQL backend for one language (LANGUAGE), with its configuration (SEARCH_CONFIG).

    KEEPS_UNTRANSLATED: whether it also indexes objects that have no language (documents,
    images, users) or a language without a backend of its own, which exactly one backend, the
    default, must do.
    """

    index_class = LanguageIndex

    def __init__(self, params):
        super().__init__(params)
        self.language = params["LANGUAGE"]
        self.keeps_untranslated = params.get("KEEPS_UNTRANSLATED", False)

    def keeps(self, language_code):
        """Whether this backend indexes an object of `language_code` (None: no language)."""
        if language_code is None or language_code not in settings.SEARCH_CONFIGURATIONS:
            return self.keeps_untranslated
        return language_code == self.language


SearchBackend = LanguageSearchBackend
