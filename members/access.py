"""Who counts as a member: committee members, participants and programme staff."""

from django.db.models import prefetch_related_objects

from members.groups import COMMITTEE_MEMBERS, EDITORS, MEMBER_GROUPS, PARTICIPANTS


def group_names(user):
    """The user's group names, read once per request and kept on the user object. The groups
    are read as Django prefetches them, so that Wagtail's page privacy, which asks for the same
    groups, reads them no more (home.models.PageRestriction)."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_group_names"):
        prefetch_related_objects([user], "groups")
        user._group_names = frozenset(group.name for group in user.groups.all())
    return user._group_names


def is_member(user):
    return user.is_authenticated and (
        user.is_superuser or bool(group_names(user) & set(MEMBER_GROUPS))
    )


def is_editor(user):
    return user.is_authenticated and (user.is_superuser or EDITORS in group_names(user))


def is_committee_member(user):
    return user.is_authenticated and COMMITTEE_MEMBERS in group_names(user)


def is_participant(user):
    return user.is_authenticated and PARTICIPANTS in group_names(user)
