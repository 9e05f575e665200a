"""The site's public address: every absolute link the site publishes is built on this one base."""

from django.conf import settings


def site_base_url():
    """The public base address, without a trailing slash.

    WAGTAILADMIN_BASE_URL serves for now; a dedicated setting will replace it here, and only here.
    """
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path):
    """A root-relative path ("/fr/about/") as an absolute URL on the public base address."""
    return f"{site_base_url()}{path}"
