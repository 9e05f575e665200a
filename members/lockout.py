"""One lockout for every sign-in (the Wagtail admin and the members' page), through django-axes.

Failed sign-ins are counted by normalised username and client address together
(`AXES_LOCKOUT_PARAMETERS`): an address that keeps failing is locked out of that account, while
the account's owner still signs in from an address that never failed, so nobody can keep
someone else out. The wait grows with the attack: each further round of failures on a username,
from any address, doubles the cool-off of its locked addresses (`progressive_cool_off`), and
the editors are told (`members.emails`, at most once an hour per account). The username is
normalised the way Django signs in with it (NFKC), then case-folded, so `ｓectest`, `𝐬𝐞𝐜𝐭𝐞𝐬𝐭`
and `SecTest` share one counter.
"""

import datetime
import math
import unicodedata

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db.models import Sum
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


def failures_on(username):
    """Recent failed sign-ins on `username` (normalised), from every address."""
    total = AccessAttempt.objects.filter(username=username).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


def progressive_cool_off(request=None):
    """AXES_COOLOFF_TIME: SIGN_IN_FAILURE_WINDOW, doubled for each further AXES_FAILURE_LIMIT
    failures on the username tried, up to SIGN_IN_LONGEST_WAIT."""
    base = settings.SIGN_IN_FAILURE_WINDOW
    username = lockout_username(request, None) if request is not None else ""
    if not username:
        return base
    rounds = failures_on(username) // settings.AXES_FAILURE_LIMIT
    return min(base * 2 ** max(0, rounds - 1), settings.SIGN_IN_LONGEST_WAIT)


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
