"""Test users and groups, in one place: the three groups, and a user of each kind.

Loaded for every test folder by `pytest_plugins` in tests/conftest.py.
"""

import pytest
from django.contrib.auth import get_user_model

from members.groups import COMMITTEE_MEMBERS, EDITORS, PARTICIPANTS, ensure_groups

PASSWORD = "a-long-test-password-42"


def make_user(username, group=None, **extra):
    """A user with PASSWORD, in `group` (a Group) when given."""
    extra.setdefault("first_name", username.title())
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, **extra
    )
    if group is not None:
        user.groups.add(group)
    return user


@pytest.fixture
def groups(db):
    return ensure_groups()


@pytest.fixture
def editor(groups):
    return make_user("eva", groups[EDITORS], first_name="Eva", last_name="Editor")


@pytest.fixture
def committee_member(groups):
    return make_user("carlos", groups[COMMITTEE_MEMBERS])


@pytest.fixture
def outsider_participant(groups):
    return make_user("other-participant", groups[PARTICIPANTS])
