"""Member accounts made by the site: participants' accounts and the link to choose a password.

A participant's account is made without a usable password; they choose it from a one-time link
(the password-reset link), so no password is ever emailed.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from members.groups import PARTICIPANTS, group


def password_reset_path(user):
    """The one-time link to choose a new password (the token dies once the password changes)."""
    return reverse(
        "members:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def _free_username(email):
    User = get_user_model()
    base = email.strip().lower()[:140]
    username, suffix = base, 1
    while User.objects.filter(username=username).exists():
        suffix += 1
        username = f"{base}-{suffix}"
    return username


def account_for(name, email):
    """The account of `email`: the existing one, or a new one without a usable password."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email.strip()).order_by("pk").first()
    if user is None:
        first, _sep, last = name.strip().partition(" ")
        user = User(
            username=_free_username(email),
            email=email.strip(),
            first_name=first[:150],
            last_name=last[:150],
        )
        user.set_unusable_password()
        user.save()
    return user


def participant_account(name, email):
    """The account of a participant, in the Participants group."""
    user = account_for(name, email)
    user.groups.add(group(PARTICIPANTS))
    return user
