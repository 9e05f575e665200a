"""The figures' public pages in the sitemap: the figures and the open data description, in
every language, each listing its language alternates (as the pages' sitemap does)."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from web.links import absolute_url

LANGUAGES = [code for code, _name in settings.LANGUAGES]
URL_NAMES = ["figures:figures", "figures:open_data"]


def location(url_name, language):
    with translation.override(language):
        return absolute_url(reverse(url_name))


class FiguresSitemap(Sitemap):
    def items(self):
        return URL_NAMES

    def get_urls(self, page=1, site=None, protocol=None):
        entries = []
        for url_name in URL_NAMES:
            alternates = [
                {"lang_code": code, "location": location(url_name, code)} for code in LANGUAGES
            ]
            alternates.append(
                {"lang_code": "x-default", "location": location(url_name, settings.LANGUAGE_CODE)}
            )
            for code in LANGUAGES:
                entries.append(
                    {
                        "item": url_name,
                        "location": location(url_name, code),
                        "lastmod": None,
                        "changefreq": "daily",
                        "priority": "",
                        "alternates": alternates,
                    }
                )
        return entries
