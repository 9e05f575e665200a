"""The sitemap: every discoverable page in every language, with its language alternates.

Built on Wagtail's sitemap (wagtail.contrib.sitemaps) and rendered by Django's sitemap template,
which writes `xhtml:link rel="alternate"` for each entry. Locations are moved onto the public base
address (web.links), not the host name of the Wagtail Site record.
"""

from collections import defaultdict
from functools import cached_property
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.visibility import discoverable_pages
from web.links import absolute_url

LANGUAGE_ORDER = [code for code, _name in settings.LANGUAGES]


def rebased(location):
    """A location built from the Wagtail Site record, moved onto the public base address."""
    parts = urlsplit(location)
    return absolute_url(f"{parts.path}?{parts.query}" if parts.query else parts.path)


def route_suffixes(urls):
    """Each URL keyed by its route, the same in every language: "" for the page, what a route
    adds to the page URL ("status/"), or the `route` a page names for an entry whose address
    differs by language (a cohort's, "cohort:germany-2026")."""
    own = urls[0]["location"]
    return {url.get("route", url["location"].removeprefix(own)): url for url in urls}


class PageSitemap(Sitemap):
    """Discoverable pages (live, public, not aliases) of the site's language trees."""

    def language_homes(self):
        site = self.get_wagtail_site()
        return discoverable_pages(
            Page.objects.filter(translation_key=site.root_page.translation_key)
        ).only("path")

    def items(self):
        in_a_home = Q(pk__in=[])
        for home in self.language_homes():
            in_a_home |= Q(path__startswith=home.path)
        return (
            discoverable_pages()
            .filter(in_a_home)
            .order_by("path")
            .defer_streamfields()
            .specific()
            .select_related("locale")
        )

    @cached_property
    def urls_by_translation(self):
        """translation key → language → route suffix → URL entry, for every item."""
        versions = defaultdict(dict)
        for page in self.items():
            urls = [
                {**url, "location": rebased(url["location"])}
                for url in page.get_sitemap_urls(self.request)
            ]
            if urls:
                versions[page.translation_key][page.locale.language_code] = route_suffixes(urls)
        return versions

    def alternates(self, translation_key, suffix):
        """The same page (or route) in each language it exists in, then x-default (the source)."""
        versions = self.urls_by_translation[translation_key]
        alternates = [
            {"lang_code": code, "location": versions[code][suffix]["location"]}
            for code in LANGUAGE_ORDER
            if suffix in versions.get(code, {})
        ]
        source = versions.get(settings.LANGUAGE_CODE, {}).get(suffix)
        if source:
            alternates.append({"lang_code": "x-default", "location": source["location"]})
        return alternates

    def _urls(self, page, protocol, domain):
        entries = []
        for item in self.paginator.page(page).object_list:
            own = self.urls_by_translation[item.translation_key].get(item.locale.language_code, {})
            for suffix, url in own.items():
                entries.append({**url, "alternates": self.alternates(item.translation_key, suffix)})
        last_mods = {entry.get("lastmod") for entry in entries}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return entries
