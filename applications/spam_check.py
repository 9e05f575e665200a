"""Keeping robots out of the application form without ever locking a city out.

Three checks always apply: a honeypot field (in the form), a minimum time between opening the
form and sending it (a signed timestamp, `FormStartedField`) and a rate limit per client address
(in the view). Google's reCAPTCHA comes on top when it can: the browser loads it only when the
visitor reaches it (static/js/application-form.js). When it cannot load (blocked by a privacy
add-on or a network, Google down) or Google cannot be asked to verify the answer, the
application is still accepted and kept as "spam check not done" for staff to look at.
"""

import logging
import time
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


def new_started_token(opened_at=None):
    """The signed time the form was opened: now, or `opened_at` (seconds since the epoch)."""
    opened_at = time.time() if opened_at is None else opened_at
    return signing.Signer(salt=STARTED_SALT).sign(str(int(opened_at)))


def started_at(token):
    """The time the form was opened, from its signed token; None if missing or tampered with."""
    try:
        return int(signing.Signer(salt=STARTED_SALT).unsign(token or ""))
    except (signing.BadSignature, ValueError):
        return None


class FormStartedField(forms.CharField):
    """When the visitor opened the form. A form sent back with errors keeps the first time; a
    missing or forged one is replaced by a fresh one, so sending again a little later works."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=new_started_token, **kwargs)

    def bound_data(self, data, initial):
        return data if started_at(data) is not None else initial

    def clean(self, value):
        started = started_at(value)
        if started is None:
            raise ValidationError(
                _("This form has expired. Please check your answers and send it again."),
                code="no_start",
            )
        if time.time() - started < settings.APPLICATION_MIN_FILL_SECONDS:
            raise ValidationError(
                _(
                    "The form was sent only seconds after it was opened. "
                    "Please check your answers and send it again."
                ),
                code="too_fast",
            )
        return started
