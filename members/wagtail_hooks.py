"""The members app's admin screens: sign-in lockouts (see members/lockouts_admin.py)."""

from wagtail import hooks

from members.lockouts_admin import SignInLockoutViewSet


@hooks.register("register_admin_viewset")
def register_sign_in_lockouts():
    return SignInLockoutViewSet("sign_in_lockouts")
