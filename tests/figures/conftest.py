"""Fixtures for the figures tests: a German cohort with four enrolled participants (the
certificates tests' fixtures) whose second session ended an hour ago."""

import datetime

import pytest
from django.utils import timezone

from tests.certificates.conftest import cohort, enrolments  # noqa: F401  (fixtures)


@pytest.fixture
def ended_session(cohort):  # noqa: F811
    """The cohort's second session, ended an hour ago (the others keep their dates)."""
    session = cohort.sessions.get(position=2)
    session.ends_at = timezone.now() - datetime.timedelta(hours=1)
    session.starts_at = session.ends_at - datetime.timedelta(hours=2)
    session.save()
    return session
