"""The members' email: the password reset link, written in the member's language."""

from django.contrib.auth import get_user_model
from django.utils import translation

from mail.kinds import email_kind
from mail.messages import render_message
from members.accounts import password_reset_path
from web.links import absolute_url

PASSWORD_RESET = "members.password_reset"


@email_kind(PASSWORD_RESET)
def build_password_reset(user_id, language="en"):
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return None
    with translation.override(language):
        reset_url = absolute_url(password_reset_path(user))
    return render_message(
        "members/emails/password_reset",
        {"user": user, "reset_url": reset_url},
        language=language,
        to=[user.email],
    )
