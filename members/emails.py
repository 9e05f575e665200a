"""The members' emails: the password reset link, written in the member's language; and the
editors' warning that an account is under attack (in English, as staff notifications are)."""

import datetime

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation

from mail.kinds import email_kind
from mail.messages import render_message
from mail.models import OutgoingEmail
from mail.tasks import queue_email
from members.accounts import password_reset_path
from members.groups import EDITORS
from members.lockout import failures_on, normalise_username
from web.links import absolute_url

PASSWORD_RESET = "members.password_reset"
SIGN_IN_ATTACK = "members.sign_in_attack"
# The editors hear of attacks on one account at most once in this long.
ATTACK_WARNING_INTERVAL = datetime.timedelta(hours=1)


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


def _account_named(username):
    """The account a lockout is about: its normalised name matches (look-alikes included)."""
    normal = normalise_username(username)
    candidates = get_user_model().objects.filter(username__iexact=username.strip())
    return next((user for user in candidates if normalise_username(user.username) == normal), None)


@receiver(user_locked_out, dispatch_uid="members-warn-editors-of-attacks")
def warn_editors_of_attack(sender, request=None, username=None, ip_address=None, **kwargs):
    """An address was locked out of an existing account: tell the editors, once an hour."""
    user = _account_named(username or "")
    if user is None:
        return
    recent = OutgoingEmail.objects.filter(
        kind=SIGN_IN_ATTACK,
        record_id=user.pk,
        created_at__gte=timezone.now() - ATTACK_WARNING_INTERVAL,
    )
    if not recent.exists():
        queue_email(SIGN_IN_ATTACK, user.pk)


@email_kind(SIGN_IN_ATTACK)
def build_sign_in_attack(user_id):
    user = get_user_model().objects.filter(pk=user_id).first()
    editors = list(
        get_user_model()
        .objects.filter(groups__name=EDITORS, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if user is None or not editors:
        return None
    failures = failures_on(normalise_username(user.username))
    body = (
        f"Repeated wrong passwords were tried on the account {user.username!r}: "
        f"{failures} failures recorded now, from one or more addresses.\n\n"
        "Each address that failed too often is locked out of this account, for longer each "
        "time; the account's owner can still sign in from elsewhere. You will hear of this "
        "account again in an hour at the earliest.\n\n"
        f"Sign-in lockouts: {absolute_url(reverse('sign_in_lockouts:index'))}\n"
    )
    return EmailMessage(
        subject=f"{settings.EMAIL_SUBJECT_PREFIX}Sign-in attack on the account {user.username}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=sorted(set(editors)),
    )
