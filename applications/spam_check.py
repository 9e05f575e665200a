"""Keeping robots out of the application form without ever locking a city out.

Three checks always apply: a honeypot field (in the form), a minimum time between opening the
form and sending it (a signed stamp, `FormStartedField`) and a rate limit per client address
(in the view). The stamp also carries the form's own random key: it becomes the key of the one
application the form may store (a form sent twice shows the first one's reference), and it
expires after FORM_STAMP_MAX_AGE.

Google's reCAPTCHA comes on top when it can: the browser loads it only when the visitor reaches
it (static/js/application-form.js). When it cannot load (blocked by a privacy
add-on or a network, Google down) or Google cannot be asked to verify the answer, the
application is still accepted and kept as "spam check not done" for staff to look at.
"""

import logging
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_recaptcha import client
from django_recaptcha.constants import DEFAULT_RECAPTCHA_DOMAIN

logger = logging.getLogger(__name__)

STARTED_SALT = "applications.form-started"
# A form opened longer ago than this is sent back to be sent again, with a new stamp.
FORM_STAMP_MAX_AGE = 24 * 3600
# What the page's script says about the reCAPTCHA widget (the hidden field `captcha`).
WIDGET_SHOWN = "ready"
ANSWER_FIELD = "g-recaptcha-response"


def recaptcha_script_url(language):
    """Google's script, rendered explicitly by our own script, in the page's language."""
    domain = getattr(settings, "RECAPTCHA_DOMAIN", DEFAULT_RECAPTCHA_DOMAIN)
    query = urlencode({"render": "explicit", "onload": "aicSpamCheckReady", "hl": language})
    return f"https://{domain}/recaptcha/api.js?{query}"


def verify_answer(answer, client_address):
    """True or False as Google judges the answer; None when Google cannot be asked."""
    try:
        verdict = client.submit(
            recaptcha_response=answer,
            private_key=settings.RECAPTCHA_PRIVATE_KEY,
            remoteip=client_address,
        )
    except Exception as error:  # Unreachable, slow, or answering nonsense: not the applicant.
        logger.warning("reCAPTCHA verification unavailable (%s)", type(error).__name__)
        return None
    if not verdict.is_valid:
        logger.info("reCAPTCHA refused an answer: %s", verdict.error_codes)
    return bool(verdict.is_valid)


@dataclass(frozen=True)
class FormStamp:
    """When the form was opened, and its key: one form, at most one application."""

    opened_at: int
    key: str

    @property
    def expired(self):
        return time.time() - self.opened_at > FORM_STAMP_MAX_AGE


def new_started_token(opened_at=None):
    """A signed stamp for a form opened now, or at `opened_at` (seconds since the epoch), with a
    new random key."""
    opened_at = time.time() if opened_at is None else opened_at
    return signing.Signer(salt=STARTED_SALT).sign(f"{int(opened_at)}:{secrets.token_urlsafe(12)}")


def read_stamp(token):
    """The form's stamp, from its signed token; None if missing or tampered with."""
    try:
        opened_at, key = signing.Signer(salt=STARTED_SALT).unsign(token or "").split(":", 1)
        return FormStamp(int(opened_at), key)
    except (signing.BadSignature, ValueError):
        return None


class FormStartedField(forms.CharField):
    """When the visitor opened the form, and the form's key. A form sent back with errors keeps
    its stamp; a missing, forged or expired one is replaced by a fresh one, so sending again
    a little later works."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=new_started_token, **kwargs)

    def bound_data(self, data, initial):
        stamp = read_stamp(data)
        return data if stamp is not None and not stamp.expired else initial

    def clean(self, value):
        stamp = read_stamp(value)
        if stamp is None or stamp.expired:
            raise ValidationError(
                _("This form has expired. Please check your answers and send it again."),
                code="no_start",
            )
        if time.time() - stamp.opened_at < settings.APPLICATION_MIN_FILL_SECONDS:
            raise ValidationError(
                _(
                    "The form was sent only seconds after it was opened. "
                    "Please check your answers and send it again."
                ),
                code="too_fast",
            )
        return stamp
