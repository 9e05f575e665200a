"""The members app's admin screens: sign-in lockouts (see members/lockouts_admin.py)."""

from wagtail import hooks

from members.lockouts_admin import SignInLockoutViewSet
from members.retention import prune_sign_in_records
from web.pruning import PRUNE_HOOK


@hooks.register("register_admin_viewset")
def register_sign_in_lockouts():
    return SignInLockoutViewSet("sign_in_lockouts")


@hooks.register(PRUNE_HOOK)
def sign_in_records_pruning():
    return {"sign-in records": prune_sign_in_records}
