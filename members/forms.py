"""The members' password forms: the reset request (the email is queued, and an inbox cannot be
flooded) and the choice of a new password (the invitation's link and a reset's)."""

from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.utils.translation import get_language

from mail.limits import may_email
from mail.tasks import queue_email
from members.emails import PASSWORD_RESET


class QueuedPasswordResetForm(PasswordResetForm):
    """Queue the email instead of sending it in the request, so a mail outage is retried; at
    most a few per address and hour (`mail.limits`), whatever the number of requests."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        if may_email(to_email):
            queue_email(PASSWORD_RESET, context["user"].pk, language=get_language() or "en")


class ChosenPasswordForm(SetPasswordForm):
    """A new password, checked by every validator of AUTH_PASSWORD_VALIDATORS; what they refuse
    stands next to the password chosen, not next to its confirmation."""

    def validate_password_for_user(self, user, password_field_name="new_password1"):
        super().validate_password_for_user(user, "new_password1")
