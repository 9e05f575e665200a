"""One-click unsubscribe (RFC 8058) from the site's recurring emails, without signing in.

An app that sends a recurring email (opening alerts, the committee's notices) registers what
"unsubscribe" means for it with `@unsubscribe_handler("topic")` on a function taking the record's
id, and passes `unsubscribe_url(topic, record_id, language)` to `render_message`. The address
carries a signed token; a mail client POSTs `List-Unsubscribe=One-Click` to it, and a person who
opens it in a browser gets a page with one button (a GET changes nothing: link checkers and
mail scanners open links). Each unsubscription is logged with its topic and record, never an
address.
"""

import logging

from django.core import signing
from django.urls import reverse
from django.utils import translation

from web.links import absolute_url

logger = logging.getLogger(__name__)

SALT = "mail.unsubscribe"
_handlers = {}


def unsubscribe_handler(topic):
    def register(function):
        _handlers[topic] = function
        return function

    return register


def unsubscribe_token(topic, record_id):
    return signing.dumps([topic, record_id], salt=SALT, compress=True)


def unsubscribe_url(topic, record_id, language):
    with translation.override(language):
        path = reverse("unsubscribe", args=[unsubscribe_token(topic, record_id)])
    return absolute_url(path)


def read_token(token):
    """(topic, record id) of a genuine token for a known topic, else None."""
    try:
        topic, record_id = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return (topic, record_id) if topic in _handlers else None


def unsubscribe(topic, record_id):
    """Apply the topic's unsubscription (idempotent: a second click changes nothing)."""
    _handlers[topic](record_id)
    logger.info("Unsubscribed: %s for record %s", topic, record_id)
