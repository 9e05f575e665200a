"""Who counts as a member: committee members, participants and programme staff."""

from members.groups import COMMITTEE_MEMBERS, EDITORS, MEMBER_GROUPS, PARTICIPANTS


def group_names(user):
    """The user's group names, kept on the user object: the signed-in user comes with their
    groups (members.lockout.NormalisedUsernameBackend), so no query of its own then."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_group_names"):
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
