"""The kinds of email the site sends, each declared once by the app that owns it.

An app declares a kind in its `emails.py` with `@email_kind("app.name")` on a function that takes
a record's id (and options) and returns the message to send, or None when there is nothing left
to send (the record is gone, or the certificate was revoked meanwhile).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class EmailKind:
    name: str
    build: Callable
    after_sent: Callable | None = None


_kinds: dict[str, EmailKind] = {}


class UnknownEmailKind(LookupError):
    pass


def email_kind(name, after_sent=None):
    """Declare the builder of the email `name`; `after_sent(record_id)` runs once it went out."""

    def register(build):
        _kinds[name] = EmailKind(name, build, after_sent)
        return build

    return register


def get_kind(name):
    try:
        return _kinds[name]
    except KeyError:
        raise UnknownEmailKind(name) from None
