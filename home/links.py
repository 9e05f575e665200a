"""Absolute links: one base address for every link that leaves the site (emails, PDFs, feeds)."""

from django.conf import settings


def absolute_url(path):
    """`path` on the site's public base address (WAGTAILADMIN_BASE_URL)."""
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"
