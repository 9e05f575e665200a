"""Completion follows the calendar: no attendance for a session that has not started, and no
certificate — by any path — before every session has a confirmed date and the last one has
ended in the cohort's time zone. The admin says why, in the editor's language."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from wagtail.users.models import UserProfile

from certificates.calendar_rule import (
    CourseNotEnded,
    SessionNotStarted,
    course_calendar,
    session_end,
)
from certificates.completion import has_completed
from certificates.enrolment import enrol_application
from certificates.issuing import issue, issue_for_cohort, record_override
from certificates.models import Attendance, Certificate
from programme.factories import CohortFactory
from programme.models import Cohort, Session, SessionKind
from tests.fixtures.certificates import attend, make_application

pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
# The evening the issue was found: 7 December 2026, in Brussels.
FOUND = datetime.datetime(2026, 12, 7, 18, 0, tzinfo=BRUSSELS)


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BRUSSELS)


# Belgium 2027: 12 January – 19 February; the last three sessions not dated yet.
SESSIONS = [
    (datetime.date(2027, 1, 12), True),
    (datetime.date(2027, 1, 19), True),
    (datetime.date(2027, 1, 26), False),
    (datetime.date(2027, 2, 2), False),
    (datetime.date(2027, 2, 19), False),
]


@pytest.fixture
def belgium(db):
    cohort = CohortFactory(
        country="BE",
        delivery_languages=["fr", "nl", "de"],
        slug="belgium-2027",
        year=2027,
        planned_start=datetime.date(2027, 1, 10),
        planned_end=datetime.date(2027, 2, 28),
        applications_open_on=datetime.date(2026, 10, 1),
        applications_close_on=datetime.date(2026, 11, 30),
        with_sessions=False,
    )
    for position, (day, confirmed) in enumerate(SESSIONS, start=1):
        Session.objects.create(
            cohort=cohort,
            kind=SessionKind.IN_PERSON if position == 5 else SessionKind.ONLINE,
            position=position,
            starts_at=at(day, 14),
            ends_at=at(day, 16, 30),
            is_confirmed=confirmed,
        )
    return cohort


@pytest.fixture
def participant(belgium, groups):
    (enrolment,) = enrol_application(
        make_application(belgium, people=[("Jan Peeters", "jan@example.be")], language="nl"),
        notify=False,
    )
    return enrolment


def sessions(cohort):
    return list(cohort.sessions.order_by("position"))


def confirm_all(cohort):
    Session.objects.filter(cohort=cohort).update(is_confirmed=True)


def fresh(cohort):
    return Cohort.objects.with_sessions().get(pk=cohort.pk)


def test_before_the_course_no_attendance_and_no_certificate_by_any_path(
    belgium, participant, editor
):
    with time_machine.travel(FOUND, tick=False):
        first = sessions(belgium)[0]
        with pytest.raises(SessionNotStarted):
            Attendance.objects.create(enrolment=participant, session=first, present=True)
        with pytest.raises(SessionNotStarted):
            Attendance.objects.bulk_create(
                [Attendance(enrolment=participant, session=first, present=True)]
            )
        record_override(participant, "completed", "Followed the course elsewhere.", by=editor)
        assert not has_completed(participant)  # an override does not end the course
        with pytest.raises(CourseNotEnded) as refused:
            issue(participant, by=editor, notify=False)
        assert "Online session 3, Online session 4, In-person session have none" in str(refused)
        with pytest.raises(CourseNotEnded):
            issue_for_cohort(belgium, by=editor)
        with pytest.raises(CourseNotEnded):
            Certificate.objects.create(enrolment=participant, language="nl")
        with pytest.raises(CourseNotEnded):
            Certificate.objects.bulk_create([Certificate(enrolment=participant, language="nl")])
    assert not Attendance.objects.exists()
    assert not Certificate.objects.exists()


def test_dated_but_not_over_yet_the_reason_names_the_last_sessions_end(belgium, participant):
    confirm_all(belgium)
    with time_machine.travel(FOUND, tick=False), pytest.raises(CourseNotEnded) as refused:
        issue(participant, notify=False)
    assert "the last session ends on Friday, 19 February 2027, 16:30 Brussels time (UTC+1)" in (
        str(refused.value)
    )


def test_the_certificate_comes_once_the_last_session_has_ended(belgium, participant, editor):
    confirm_all(belgium)
    with time_machine.travel(at(datetime.date(2027, 2, 19), 16, 29), tick=False):
        attend(participant)  # every session has started by now
        with pytest.raises(CourseNotEnded):
            issue(participant, notify=False)
    with time_machine.travel(at(datetime.date(2027, 2, 19), 16, 31), tick=False):
        assert has_completed(participant)
        # Dated before the end, it is refused even now.
        with pytest.raises(CourseNotEnded):
            issue(participant, notify=False, at=at(datetime.date(2027, 2, 19), 12))
        certificate = issue(participant, by=editor, notify=False)
    assert certificate.issued_at == at(datetime.date(2027, 2, 19), 16, 31)


def test_an_override_takes_effect_when_the_course_ends(belgium, participant, editor):
    confirm_all(belgium)
    with time_machine.travel(FOUND, tick=False):
        record_override(participant, "completed", "Attended the replays.", by=editor)
        assert not has_completed(participant)
    with time_machine.travel(datetime.datetime(2027, 2, 20, tzinfo=BRUSSELS), tick=False):
        assert has_completed(participant)
        assert issue_for_cohort(fresh(belgium), by=editor)


def test_a_session_without_an_end_lasts_until_midnight_in_the_cohorts_zone(belgium, participant):
    confirm_all(belgium)
    last = sessions(belgium)[-1]
    last.ends_at = None
    last.save()
    assert session_end(last) == datetime.datetime(2027, 2, 20, tzinfo=BRUSSELS)
    # 23:30 in London is already 00:30 on the 20th in Brussels: the course has ended.
    london = zoneinfo.ZoneInfo("Europe/London")
    assert course_calendar(fresh(belgium)).has_ended(
        datetime.datetime(2027, 2, 19, 23, 30, tzinfo=london)
    )
    assert not course_calendar(fresh(belgium)).has_ended(at(datetime.date(2027, 2, 19), 23, 59))


def test_a_cancelled_session_needs_no_date(belgium):
    for session in sessions(belgium)[2:]:
        session.is_cancelled = True
        session.save()
    calendar = course_calendar(fresh(belgium))
    assert calendar.undated == ()
    assert calendar.ends_at == at(datetime.date(2027, 1, 19), 16, 30)


def screen(client, cohort):
    return client.get(f"/admin/certificates/cohort/{cohort.pk}/").content.decode()


def test_the_admin_refuses_the_buttons_and_says_why_in_the_editors_language(
    client, belgium, participant, editor
):
    client.force_login(editor)
    profile = UserProfile.get_for_user(editor)
    with time_machine.travel(FOUND, tick=False):
        english = course_calendar(fresh(belgium)).why_not_ended()
        for language, _name in settings.LANGUAGES:
            profile.preferred_language = language
            profile.save()
            with translation.override(language):
                reason = course_calendar(fresh(belgium)).why_not_ended()
                not_started = translation.gettext(
                    "No attendance before the session starts (%(when)s)."
                ).split(" (")[0]
                not_dated = translation.gettext(
                    "No attendance yet: the session's date is not confirmed."
                )
            assert language == "en" or reason != english, language
            page = screen(client, belgium)
            assert f'id="issue-refused">{escape(reason)}</p>' in page, language
            assert 'disabled aria-describedby="issue-refused"' in page
            assert escape(not_started) in page and escape(not_dated) in page, language
        assert page.count(' disabled aria-describedby="attendance-refused-') == 5


def test_the_admin_posts_are_refused_too(client, belgium, participant, editor):
    client.force_login(editor)
    first = sessions(belgium)[0]
    with time_machine.travel(FOUND, tick=False):
        response = client.post(
            f"/admin/certificates/cohort/{belgium.pk}/",
            {
                f"shown-{participant.pk}-{first.pk}": "0",
                f"present-{participant.pk}-{first.pk}": "on",
            },
            follow=True,
        )
        assert "Online session 1: No attendance before the session starts" in (
            response.content.decode()
        )
        response = client.post(f"/admin/certificates/cohort/{belgium.pk}/issue/", follow=True)
        assert "No certificate yet: every session needs a confirmed date" in (
            response.content.decode()
        )
        record_override(participant, "completed", "Attended the replays.", by=editor)
        response = client.post(
            f"/admin/certificates/enrolment/{participant.pk}/issue/", follow=True
        )
        assert "No certificate yet" in response.content.decode()
    assert not Attendance.objects.exists() and not Certificate.objects.exists()
