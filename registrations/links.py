"""The registrant's own addresses: their page (with the link to join) and the page to cancel,
reached through a signed token, without signing in."""

from django.core import signing
from django.urls import reverse
from django.utils import translation

from web.links import absolute_url

REGISTRANT_SALT = "registrations.registrant"


def registrant_token(registrant):
    return signing.dumps(str(registrant.key), salt=REGISTRANT_SALT)


def key_from_token(token):
    """The registrant's key the token was made for, or None when it was tampered with."""
    try:
        return signing.loads(token or "", salt=REGISTRANT_SALT)
    except signing.BadSignature:
        return None


def registration_path(event_id):
    return reverse("registrations:register", args=[event_id])


def registrant_path(registrant):
    return reverse("registrations:registrant", args=[registrant_token(registrant)])


def cancel_path(registrant):
    return reverse("registrations:cancel", args=[registrant_token(registrant)])


def in_language(language, path_of, *args):
    """An absolute address in `language` (the registrant's), for an email."""
    with translation.override(language):
        return absolute_url(path_of(*args))
