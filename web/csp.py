"""Content-Security-Policy for the site (django-csp), with a looser one for the Wagtail admin.

The public site runs no inline script and no inline style: every script and stylesheet is a
file of its own, and a script that must sit in a page carries the request's nonce. The
application page adds reCAPTCHA's sources for itself alone (`RECAPTCHA_CSP`, applied with
django-csp's `csp_update`). The admin needs inline scripts and styles, so admin addresses get
`ADMIN_CSP_DIRECTIVES` instead; both keep `frame-ancestors 'self'`, which lets the admin's
live preview frame a page and no other site.
"""

from csp.constants import NONCE, NONE, SELF
from csp.middleware import CSPMiddleware, PolicyParts

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


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy on admin addresses."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if is_admin_request(request) and parts.config is None:
            return PolicyParts(ADMIN_CSP_DIRECTIVES, parts.update, parts.replace, parts.nonce)
        return parts


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
