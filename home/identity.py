"""The programme's identity as documents and machines show it: the logo, one static file.

The AI for Cities mark belongs to Efus (see the legal notice); the certificate prints it and
structured data names it as Efus's logo. Replacing the file replaces it everywhere.
"""

from django.contrib.staticfiles import finders
from django.templatetags.static import static

from web.links import public_url

LOGO = "icons/icon-512.png"


def logo_url():
    """The logo's absolute address on the public base."""
    return public_url(static(LOGO))


def logo_file():
    """The logo's path on disk (for a PDF), found as collectstatic finds it."""
    return finders.find(LOGO)
