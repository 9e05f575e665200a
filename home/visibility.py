"""Which pages the public may discover: live, unrestricted, and written in their own language.

Every listing, search, sitemap and feed starts from here, so private pages and aliases of
other languages never leak through one path while being hidden on another.
"""

from wagtail.models import Page


def discoverable_pages(queryset=None):
    queryset = Page.objects.all() if queryset is None else queryset
    # .public() ignores aliases, so an alias (an untranslated copy) is excluded explicitly.
    return queryset.live().public().filter(alias_of__isnull=True)
