"""The site's public address: every absolute link the site publishes (emails, PDFs, QR codes,
credentials, feeds, calendars, the sitemap) is built on this one base, the BASE_URL setting."""

from django.conf import settings


def site_base_url():
    """The public base address, without a trailing slash."""
    return settings.BASE_URL.rstrip("/")


def absolute_url(path):
    """A root-relative path ("/fr/about/") as an absolute URL on the public base address."""
    return f"{site_base_url()}{path}"


def public_url(url):
    """A root-relative URL ("/static/…") made absolute on the public base; an absolute one (a
    CDN's) is left alone."""
    return absolute_url(url) if url.startswith("/") and not url.startswith("//") else url


def page_url(page):
    """The absolute address of a Wagtail page on the public base address."""
    _site_id, _root_url, path = page.get_url_parts() or (None, None, None)
    return absolute_url(path) if path is not None else None
