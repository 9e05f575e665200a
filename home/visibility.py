"""Which pages the public may discover, which page to show in a reader's language, and which
pages the menu shows.

Every listing, search, sitemap and feed starts from `discoverable_pages`, so private pages and
aliases of other languages never leak through one path while being hidden on another; every
link to "the X page" in a language goes through `page_in_language`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction


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


def section_pages(request, home_path):
    """The live pages right under a language's home page (the site's sections), each knowing
    whether it is in the menu and whether it is restricted: one query per request, shared by
    the menu and by links to "the cohort listing" or "the application page"."""
    memo = request.__dict__.setdefault("_section_pages", {})
    if home_path not in memo:
        memo[home_path] = list(
            Page.objects.live()
            .filter(depth=3, path__startswith=home_path)
            .annotate(restricted=is_restricted())
            .order_by("path")
            .only(
                "id", "title", "url_path", "locale_id", "path", "depth", "show_in_menus",
                "content_type_id",
            )
        )  # fmt: skip
    return memo[home_path]


def is_restricted():
    """An annotation: whether the page itself has a view restriction."""
    return Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk")))


def keep_section_pages(request, home_path, pages):
    """Remember the sections of that home page for this request, from `pages` read with the
    `is_restricted` annotation and in path order (by the home page's route, with the pages
    along the address), so that `section_pages` does not read them again."""
    sections = [page for page in pages if page.depth == 3 and page.live]
    request.__dict__.setdefault("_section_pages", {})[home_path] = sections


def menu_pages(request, home_path):
    """The sections editors show in menus, unrestricted.

    A menu page sits right under its home page, so only its own restrictions matter (a
    restricted home page is not served at all); aliases stay, as they are that language's page
    until it is translated.
    """
    return [
        page
        for page in section_pages(request, home_path)
        if page.show_in_menus and not page.restricted
    ]


def section_of_type(request, home_path, page_class):
    """The first live section of `page_class` under that home page (public or not), or None."""
    content_type = ContentType.objects.get_for_model(page_class)
    return next(
        (
            page
            for page in section_pages(request, home_path)
            if page.content_type_id == content_type.id
        ),
        None,
    )


def section_or_page_in_language(request, page, page_class):
    """ "The X page" for a reader of `page`: the section of `page_class` under its home page
    (no query of its own, see `section_pages`), else `page_in_language` of any live one."""
    if request is not None and page is not None and page.depth >= 2:
        section = section_of_type(request, home_path_of(page), page_class)
        if section is not None:
            return section
    return page_in_language(page_class.objects.live().only("id", "url_path", "locale_id"))


def home_path_of(page):
    """The tree path of the home page above `page` (its language's home)."""
    return page.path[: Page.steplen * 2]
