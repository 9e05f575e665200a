"""One lockout for every sign-in (the Wagtail admin and the members' page), through django-axes.

Failed sign-ins are counted by normalised username and, separately, by client address
(`AXES_LOCKOUT_PARAMETERS`), so neither look-alike spellings of a name nor password spraying
from one address get through. The username is normalised the way Django signs in with it
(NFKC), then case-folded, so `ｓectest`, `𝐬𝐞𝐜𝐭𝐞𝐬𝐭` and `SecTest` share one counter.
"""

import datetime
import math
import unicodedata

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.shortcuts import render
from django.utils import timezone

from web.throttle import retry_after_header


def normalise_username(username):
    """The form of a username that look-alike spellings share: NFKC, case-folded, trimmed."""
    return unicodedata.normalize("NFKC", username or "").casefold().strip()


def _submitted_username(request, credentials):
    if credentials:
        return credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    data = getattr(request, "POST", None) or {}
    return data.get(settings.AXES_USERNAME_FORM_FIELD)


def lockout_username(request, credentials):
    """AXES_USERNAME_CALLABLE: the normalised name, whichever spelling was typed."""
    return normalise_username(_submitted_username(request, credentials))


class NormalisedUsernameBackend(ModelBackend):
    """Django's backend, with the username in NFKC whatever path called `authenticate`.

    Django's sign-in form already does this; other callers (tests, scripts, future APIs) might
    not, and must not reach an account under a spelling the lockout does not count.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None:
            username = unicodedata.normalize("NFKC", username)
        return super().authenticate(request, username=username, password=password, **kwargs)


def cool_off_seconds(request=None):
    cool_off = get_cool_off(request) or datetime.timedelta(0)
    return int(cool_off.total_seconds())


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a translated page (HTTP 429) saying when to try again.

    Every attempt during a lockout starts the cool-off again
    (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT), so the wait is the whole cool-off from now.
    """
    seconds = cool_off_seconds(request)
    context = {
        "minutes": max(1, math.ceil(seconds / 60)),
        "try_again_at": timezone.localtime() + datetime.timedelta(seconds=seconds),
    }
    response = render(
        request, "members/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    response["Retry-After"] = retry_after_header(seconds)
    return response
