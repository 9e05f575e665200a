"""A cohort's status follows the calendar, unless an editor overrides it."""

import datetime

import pytest
import time_machine

from programme.factories import CohortFactory
from programme.models import CohortStatus

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2025-12-01", CohortStatus.PLANNED),
        ("2026-01-05", CohortStatus.APPLICATIONS_OPEN),
        ("2026-02-13", CohortStatus.APPLICATIONS_OPEN),
        ("2026-02-14", CohortStatus.APPLICATIONS_CLOSED),
        ("2026-03-04", CohortStatus.IN_PROGRESS),  # first session on 4 March
        ("2026-04-01", CohortStatus.IN_PROGRESS),  # last session on 1 April
        ("2026-04-02", CohortStatus.COMPLETED),
    ],
)
def test_status_follows_the_dates(today, expected):
    cohort = CohortFactory(with_sessions__confirmed=True)
    with time_machine.travel(datetime.datetime.fromisoformat(f"{today}T12:00:00+01:00")):
        assert cohort.status == expected


def test_status_uses_planned_period_while_dates_are_unconfirmed():
    cohort = CohortFactory(with_sessions=False)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC)):
        assert cohort.status == CohortStatus.IN_PROGRESS
    with time_machine.travel(datetime.datetime(2026, 5, 2, 12, tzinfo=datetime.UTC)):
        assert cohort.status == CohortStatus.COMPLETED


def test_editor_override_wins_over_the_calendar():
    cohort = CohortFactory(status_override=CohortStatus.POSTPONED)
    with time_machine.travel(datetime.datetime(2026, 1, 10, 12, tzinfo=datetime.UTC)):
        assert cohort.status == CohortStatus.POSTPONED
        assert not cohort.is_open_for_applications


def test_window_is_read_in_the_cohorts_own_time_zone():
    cohort = CohortFactory(country="ES", with_sessions=False)
    # 23:30 UTC on 4 January is already 5 January in Madrid: the window has opened.
    with time_machine.travel(datetime.datetime(2026, 1, 4, 23, 30, tzinfo=datetime.UTC)):
        assert cohort.status == CohortStatus.APPLICATIONS_OPEN
