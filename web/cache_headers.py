"""Which responses a shared cache (a CDN, the page cache) may keep, and for how long.

One rule for the whole site, so nothing private can end up in a shared cache:

- a response that may depend on who asks is `Cache-Control: private, no-store`: any request
  that carries the session cookie (a signed-in member, an editor), any response that sets a
  cookie or embeds a CSRF token, anything but a GET or HEAD, anything but a 200, and every
  response a view marked private (`mark_private`: tokens in the address, downloads);
- any other answer to an anonymous GET is public, with a short `max-age` for browsers and a
  longer `s-maxage` for shared caches, which are purged when a record changes.

`cache_control_for` is the decision; `CacheHeadersMiddleware` applies it to every response, and
a page cache can ask the same function before storing a page.
"""

from django.conf import settings
from django.template.response import SimpleTemplateResponse
from django.utils.cache import patch_vary_headers

PRIVATE = "private, no-store"
PRIVATE_FLAG = "_private_to_user"


def mark_private(response):
    """Say that this response belongs to the one who asked (a token in the URL, a download).

    No shared cache keeps it and no search engine indexes it; a page not yet rendered is told it
    is `unlisted`, so it names no canonical address (without its token, that address is a 404).
    """
    setattr(response, PRIVATE_FLAG, True)
    response["Cache-Control"] = PRIVATE
    response["X-Robots-Tag"] = "noindex"
    if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
        response.context_data = {**(response.context_data or {}), "unlisted": True}
    return response


def public_cache_control():
    return (
        f"public, max-age={settings.PUBLIC_CACHE_MAX_AGE}, "
        f"s-maxage={settings.PUBLIC_CACHE_S_MAXAGE}"
    )


def _may_depend_on_the_visitor(request, response):
    return (
        getattr(response, PRIVATE_FLAG, False)
        or "private" in response.get("Cache-Control", "")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or bool(response.cookies)
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        or request.method not in ("GET", "HEAD")
        or response.status_code != 200
    )


def cache_control_for(request, response):
    """The Cache-Control header this response must carry."""
    if _may_depend_on_the_visitor(request, response):
        return PRIVATE
    return response.get("Cache-Control") or public_cache_control()


def is_public(request, response):
    """Whether a shared cache may store this response (for a page cache)."""
    return cache_control_for(request, response).startswith("public")


class CacheHeadersMiddleware:
    """Put the site's Cache-Control on every response (see the module's rule)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["Cache-Control"] = cache_control_for(request, response)
        patch_vary_headers(response, ["Cookie"])
        return response
