"""Where each language version of the current page lives, for the switcher and hreflang links.

A view keeps its context across languages by naming, in its template context, the route of
its page it shows (`route_suffix`: "status/", the same in every language, or a mapping of
each language to its own, {"en": "germany-2026/", "de": "deutschland-2026/", …}) and the
query parameters every language of that page understands (`kept_query`, ("cohort",)): both
are carried over to each language where the page is translated, never to the ancestor a
language falls back to.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_from_path
from wagtail.models import Page


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    is_translated: bool


def language_of(address):
    """The site language of an address (a path or a full address), by its prefix: "/de/…" →
    "de"; the default language for an address without one."""
    return get_language_from_path(urlsplit(address).path) or settings.LANGUAGE_CODE


def route_suffix_in(route_suffix, language_code):
    """The route (`route_suffix`, above) of the page as `language_code` writes it."""
    if isinstance(route_suffix, Mapping):
        return route_suffix[language_code]
    return route_suffix


def route_key(route_suffix):
    """`route_suffix` as a dictionary key (a mapping is not one)."""
    if isinstance(route_suffix, Mapping):
        return tuple(sorted(route_suffix.items()))
    return route_suffix


def _page_urls_by_language(page, request):
    """Map language code → (url, exact) for a page, falling back to its nearest translated ancestor.

    One query whatever the depth: every live translation of the page and of its ancestors.
    """
    step = Page.steplen
    lineage_paths = [page.path[:end] for end in range(step * 2, len(page.path) + 1, step)]
    translations = (
        Page.objects.live()
        .filter(
            translation_key__in=Page.objects.filter(path__in=lineage_paths).values(
                "translation_key"
            )
        )
        .select_related("locale")
        .only("id", "path", "url_path", "translation_key", "locale__language_code", "depth")
    )
    best = {}
    for translation in translations:
        code = translation.locale.language_code
        if code not in best or translation.depth > best[code].depth:
            best[code] = translation
    return {
        code: (translation.get_url(request), translation.depth == page.depth)
        for code, translation in best.items()
    }


def _kept_query(request, names):
    """`?name=value…` for the parameters `names` of this request's address, or ""."""
    pairs = [(name, value) for name in names for value in request.GET.getlist(name)]
    return f"?{urlencode(pairs)}" if pairs else ""


def language_links(request, page=None, route_suffix="", kept_query=()):
    current = get_language()
    if page is not None and page.id:
        urls = _page_urls_by_language(page, request)
        query = _kept_query(request, kept_query)
        links = []
        for code, name in settings.LANGUAGES:
            url, exact = urls.get(code, (f"/{code}/", False))
            if exact:
                url = f"{url}{route_suffix_in(route_suffix, code)}{query}"
            links.append(LanguageLink(code, name, url, code == current, exact))
        return links
    return [
        LanguageLink(
            code, name, translate_url(request.get_full_path(), code), code == current, True
        )
        for code, name in settings.LANGUAGES
    ]
