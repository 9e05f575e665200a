"""Which pages the public may discover, and which page to show in a reader's language.

Every listing, search, sitemap and feed starts from `discoverable_pages`, so private pages and
aliases of other languages never leak through one path while being hidden on another; every
link to "the X page" in a language goes through `page_in_language`.
"""

from django.utils.translation import get_language
from wagtail.models import Page


def discoverable_pages(queryset=None):
    """Live pages without a view restriction, and not aliases (untranslated copies)."""
    queryset = Page.objects.all() if queryset is None else queryset
    # .public() ignores aliases, so an alias (an untranslated copy) is excluded explicitly.
    return queryset.live().public().filter(alias_of__isnull=True)


def page_in_language(queryset, language_code=None):
    """The page of `queryset` in `language_code` (the active language by default), else the
    same page in any language, else None."""
    language_code = (language_code or get_language() or "en").split("-")[0]
    return (
        queryset.filter(locale__language_code=language_code).first()
        or queryset.order_by("pk").first()
    )
