"""Content-Security-Policy for the site (django-csp), with a looser one for the Wagtail admin.

The public site runs no inline script and no inline style: every script and stylesheet is a
file of its own, and a script that must sit in a page carries the request's nonce. The
application page adds reCAPTCHA's sources for itself alone (`RECAPTCHA_CSP`, applied with
django-csp's `csp_update`). The admin needs inline scripts and styles, so admin addresses get
`ADMIN_CSP_DIRECTIVES` instead; both keep `frame-ancestors 'self'`, which lets the admin's
live preview frame a page and no other site.

When the public media live on object storage, their origin joins `img-src` and `media-src` of
both policies: the storage itself says where its files are (the address it gives a file), so
the policy follows the same settings as the storage, endpoint, bucket or custom domain.
"""

import functools
import json
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.files.storage import default_storage

SITE_CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "media-src": [SELF],
    "frame-src": [NONE],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}

ADMIN_CSP_DIRECTIVES = {
    **SITE_CSP_DIRECTIVES,
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:", "https:"],
    "frame-src": [SELF, "https:"],  # the live preview, and embeds editors paste
    "connect-src": [SELF, "https:"],
}

# reCAPTCHA v2: Google's script, its frame and the challenge's styles, on the application page.
RECAPTCHA_CSP = {
    "script-src": ["https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/"],
    "frame-src": ["https://www.google.com/recaptcha/", "https://recaptcha.google.com/recaptcha/"],
    "connect-src": ["https://www.google.com/recaptcha/"],
}


def is_admin_request(request):
    return request.path.startswith("/admin/")


MEDIA_DIRECTIVES = ("img-src", "media-src")


@functools.cache
def _origin_of_media(storage_settings):
    url = default_storage.url("media-origin")
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def media_origin():
    """The origin public media are served from, when it is not the site's own (None then)."""
    return _origin_of_media(json.dumps(settings.STORAGES["default"], sort_keys=True, default=str))


def with_media_origin(update):
    origin = media_origin()
    if origin is None:
        return update
    update = dict(update or {})
    for directive in MEDIA_DIRECTIVES:
        update[directive] = [*update.get(directive, []), origin]
    return update


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy on admin addresses and the media's
    origin added to both."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        config = parts.config
        if is_admin_request(request) and config is None:
            config = ADMIN_CSP_DIRECTIVES
        return PolicyParts(config, with_media_origin(parts.update), parts.replace, parts.nonce)


def csp_settings(report_only, report_uri=""):
    """(CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_REPORT_ONLY) for the settings."""
    directives = dict(SITE_CSP_DIRECTIVES)
    if report_uri:
        directives["report-uri"] = [report_uri]
    policy = {"DIRECTIVES": directives}
    return (None, policy) if report_only else (policy, None)


def permissions_policy():
    """Powerful browser features the site never uses: switched off for every page."""
    return {
        feature: []
        for feature in (
            "accelerometer",
            "autoplay",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "magnetometer",
            "microphone",
            "payment",
            "usb",
        )
    } | {"fullscreen": ["self"]}
