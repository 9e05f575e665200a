"""The registrant's own addresses: their page (with the link to join) and the page to cancel,
reached through a signed token, without signing in."""

import uuid

from django.core import signing
from django.urls import reverse
from django.utils import translation

from web.links import absolute_url

REGISTRANT_SALT = "registrations.registrant"


def registrant_token(registrant):
    """The same for a registrant in every email: their random key, signed."""
    return signing.Signer(salt=REGISTRANT_SALT).sign(registrant.key.hex)


def key_from_token(token):
    """The registrant's key the token was made for, or None when it was tampered with."""
    try:
        return uuid.UUID(signing.Signer(salt=REGISTRANT_SALT).unsign(token or ""))
    except (signing.BadSignature, ValueError):
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
