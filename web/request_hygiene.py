"""Junk is refused at the door: oversized bodies, control characters, deep JSON.

- A body whose Content-Length exceeds MAX_REQUEST_BODY_BYTES gets HTTP 413 before a byte of it
  is read (views with a smaller limit, such as the application form, check theirs too).
- A NUL or other control character (tab, line feeds aside) in a query string or form field
  gets HTTP 400: no database, search backend or template ever sees it.
- `load_json` reads a JSON body within a size and nesting limit.
"""

import json
import re

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class JunkRequest(ValueError):
    """A JSON body too large, too deep or not JSON at all."""


def declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def body_too_large(request, limit_bytes):
    return declared_length(request) > limit_bytes


def too_large(request, limit_bytes):
    context = {"limit": max(1, limit_bytes // (1024 * 1024))}
    return TemplateResponse(request, "request_too_large.html", context, status=413).render()


def _has_control_characters(query_dict):
    return any(
        CONTROL_CHARACTERS.search(key) or any(CONTROL_CHARACTERS.search(v) for v in values)
        for key, values in query_dict.lists()
    )


def _has_junk_fields(request):
    if _has_control_characters(request.GET):
        return True
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        names = [upload.name or "" for upload in request.FILES.values()]
        return _has_control_characters(request.POST) or any(
            CONTROL_CHARACTERS.search(name) for name in names
        )
    return False


class RequestHygieneMiddleware:
    """Refuse oversized bodies (413) and control characters in fields (400), early."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if body_too_large(request, settings.MAX_REQUEST_BODY_BYTES):
            return too_large(request, settings.MAX_REQUEST_BODY_BYTES)
        if _has_junk_fields(request):
            return HttpResponseBadRequest(
                "Control characters are not allowed in addresses or form fields.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def json_depth_within(text, max_depth):
    """Whether brackets nest at most `max_depth` deep (strings skipped), before parsing: the
    parser itself would recurse on a deep body until Python's stack runs out."""
    depth = 0
    in_string = escaped = False
    for character in text:
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            if depth > max_depth:
                return False
        elif character in "]}":
            depth -= 1
    return True


def load_json(raw, max_bytes, max_depth):
    """Parse a JSON body of at most `max_bytes` nesting at most `max_depth` deep."""
    if len(raw) > max_bytes:
        raise JunkRequest("too large")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise JunkRequest("not UTF-8") from error
    if not json_depth_within(text, max_depth):
        raise JunkRequest("too deep")
    try:
        return json.loads(text)
    except ValueError as error:
        raise JunkRequest("not JSON") from error
