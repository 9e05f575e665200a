"""Where each language version of the current page lives, for the switcher and hreflang links."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    is_translated: bool


def _page_urls_by_language(page, request):
    """Map language code → (url, exact) for a page, falling back to its nearest translated ancestor.

    Two queries whatever the depth: the page's ancestors, then every translation of them.
    """
    lineage = list(page.get_ancestors().filter(depth__gt=1)) + [page]
    keys = [ancestor.translation_key for ancestor in lineage]
    depth_of = {key: index for index, key in enumerate(keys)}
    best = {}
    translations = (
        Page.objects.live()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .only("id", "url_path", "translation_key", "locale__language_code", "depth")
    )
    for translation in translations:
        code = translation.locale.language_code
        rank = depth_of[translation.translation_key]
        if code not in best or rank > best[code][0]:
            best[code] = (rank, translation)
    exact_rank = len(lineage) - 1
    return {
        code: (translation.get_url(request), rank == exact_rank)
        for code, (rank, translation) in best.items()
    }


def language_links(request, page=None, route_suffix=""):
    current = get_language()
    if page is not None and page.id:
        urls = _page_urls_by_language(page, request)
        links = []
        for code, name in settings.LANGUAGES:
            url, exact = urls.get(code, (f"/{code}/", False))
            if exact and route_suffix:
                url = f"{url}{route_suffix}"
            links.append(LanguageLink(code, name, url, code == current, exact))
        return links
    return [
        LanguageLink(
            code, name, translate_url(request.get_full_path(), code), code == current, True
        )
        for code, name in settings.LANGUAGES
    ]
