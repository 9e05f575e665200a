"""Which pages the public may discover, which page to show in a reader's language, and which
pages the menu shows.

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


def readable_pages(queryset, members_too):
    """The pages a reader may open: for members (`members_too`) every live page of their own
    language tree, members-only ones included; for everyone else the discoverable ones."""
    if members_too:
        return queryset.live().filter(alias_of__isnull=True)
    return discoverable_pages(queryset)


def page_in_language(queryset, language_code=None):
    """The page of `queryset` in `language_code` (the active language by default), else the
    same page in any language, else None."""
    language_code = (language_code or get_language() or "en").split("-")[0]
    return (
        queryset.filter(locale__language_code=language_code).first()
        or queryset.order_by("pk").first()
    )


def menu_pages(home_path):
    """The pages right under a language's home page that editors show in menus, unrestricted.

    A menu page sits right under its home page, so only its own restrictions matter (a
    restricted home page is not served at all); aliases stay, as they are that language's page
    until it is translated.
    """
    return (
        Page.objects.live()
        .in_menu()
        .filter(depth=3, path__startswith=home_path, view_restrictions__isnull=True)
        .order_by("path")
        .only("id", "title", "url_path", "locale_id", "path", "depth")
    )
