"""The members' sign-in form, paused after repeated wrong passwords."""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.throttle import client_address, count, counted, forget

SIGN_IN_FAILURES = "members:sign-in-failures"


class ThrottledSignInForm(AuthenticationForm):
    """Django's sign-in form, paused for a while after repeated wrong passwords.

    Failures are counted per client address and username, so guessing one member's password is
    slowed down without locking that member out from everywhere else.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "unavailable": _("Signing in is not possible for a few minutes. Please try again shortly."),
        "too_many_failures": _(
            "Too many unsuccessful attempts to sign in. Please wait %(minutes)s minutes and try "
            "again, or reset your password."
        ),
    }

    def _identity(self):
        username = (self.data.get("username") or "").strip().lower()
        return f"{client_address(self.request)}|{username}"

    def clean(self):
        allowed, window = settings.SIGN_IN_FAILURE_RATE
        failures = counted(SIGN_IN_FAILURES, self._identity())
        if failures is None:
            # Without the shared cache failures cannot be counted: sign-in fails closed.
            raise ValidationError(self.error_messages["unavailable"], code="unavailable")
        if failures >= allowed:
            raise ValidationError(
                self.error_messages["too_many_failures"],
                code="too_many_failures",
                params={"minutes": max(1, window // 60)},
            )
        try:
            cleaned_data = super().clean()
        except ValidationError:
            count(SIGN_IN_FAILURES, self._identity(), window)
            raise
        forget(SIGN_IN_FAILURES, self._identity())
        return cleaned_data
