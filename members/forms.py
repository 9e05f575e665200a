"""The members' password reset form: the email is queued, and an inbox cannot be flooded."""

from django.contrib.auth.forms import PasswordResetForm
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
