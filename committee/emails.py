"""The password reset email, written in the member's language with a fresh one-time link."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

PASSWORD_RESET = "password_reset"


def password_reset_path(user):
    """The one-time link to choose a new password (the token dies once the password changes)."""
    return reverse(
        "members:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def send_password_reset_now(user_id, language, base_url):
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return
    with translation.override(language):
        base_url = base_url or settings.WAGTAILADMIN_BASE_URL
        context = {"user": user, "reset_url": f"{base_url}{password_reset_path(user)}"}
        subject = render_to_string("committee/emails/password_reset_subject.txt", context)
        body = render_to_string("committee/emails/password_reset.txt", context)
    EmailMessage(" ".join(subject.split()), body, to=[user.email]).send()
