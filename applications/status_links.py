"""The private link where an applicant follows (and may withdraw) their application."""

from django.core import signing

STATUS_SALT = "applications.status"


def status_token(application):
    return signing.dumps(application.reference, salt=STATUS_SALT)


def reference_from_status_token(token):
    """The reference a status link was made for, or None when the link was tampered with."""
    try:
        return signing.loads(token, salt=STATUS_SALT)
    except signing.BadSignature:
        return None
