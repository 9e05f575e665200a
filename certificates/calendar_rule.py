"""The calendar's part of completion: a course is over only when every session it holds has a
confirmed date and the last one has ended, in the cohort's time zone; attendance is recorded
only for a session that has started.

The models check both whenever a certificate or an attendance is saved (one by one or in
bulk), so no path — the admin, a bulk action, a command or the demo loader — gets round them.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.dates import time_range


class CourseNotEnded(ValidationError):
    """A certificate before the course is over."""


class SessionNotStarted(ValidationError):
    """Attendance for a session that has not started (or has no confirmed date)."""


def session_end(session):
    """When a session is over: its end, or, without one, the end of its day in the cohort's
    zone."""
    if session.ends_at:
        return session.ends_at
    next_day = session.local_start.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(next_day, datetime.time(0), tzinfo=session.cohort.zone)


@dataclass(frozen=True)
class CourseCalendar:
    """What the calendar of a cohort says about its end."""

    undated: tuple  # sessions to be held whose date is not confirmed yet
    ends_at: datetime.datetime | None  # the end of the last session, in the cohort's zone
    has_sessions: bool

    def has_ended(self, now=None):
        return self.ends_at is not None and self.ends_at <= (now or timezone.now())

    def why_not_ended(self, now=None):
        """Why no one can complete yet, in the active language; "" once the course is over."""
        if not self.has_sessions:
            return _("No certificate yet: the cohort has no sessions.")
        if self.undated:
            return ngettext(
                "No certificate yet: every session needs a confirmed date, and %(sessions)s "
                "has none.",
                "No certificate yet: every session needs a confirmed date, and %(sessions)s "
                "have none.",
                len(self.undated),
            ) % {"sessions": ", ".join(session.title for session in self.undated)}
        if not self.has_ended(now):
            return _("No certificate yet: the last session ends on %(when)s.") % {
                "when": time_range(self.ends_at)
            }
        return ""


def course_calendar(cohort):
    """The calendar of `cohort` (its sessions loaded once, through `ordered_sessions`)."""
    held = [session for session in cohort.ordered_sessions if not session.is_cancelled]
    undated = tuple(session for session in held if not session.shows_date)
    ends_at = None
    if held and not undated:
        ends_at = max(session_end(session) for session in held).astimezone(cohort.zone)
    return CourseCalendar(undated=undated, ends_at=ends_at, has_sessions=bool(held))


def require_course_ended(cohort, at=None):
    """Raise CourseNotEnded unless the course was over both now and at `at` (an issue date)."""
    calendar = course_calendar(cohort)
    now = timezone.now()
    moment = min(at, now) if at else now
    if not calendar.has_ended(moment):
        reason = calendar.why_not_ended(now) or _(
            "No certificate can be dated before the last session ends (%(when)s)."
        ) % {"when": time_range(calendar.ends_at)}
        raise CourseNotEnded(reason, code="course_not_ended")


def has_started(session, now=None):
    return session.shows_date and session.starts_at <= (now or timezone.now())


def why_not_started(session, now=None):
    """Why attendance cannot be recorded for `session` yet; "" once it can."""
    if session.is_cancelled:
        return _("No attendance: the session is cancelled.")
    if not session.shows_date:
        return _("No attendance yet: the session's date is not confirmed.")
    if not has_started(session, now):
        return _("No attendance before the session starts (%(when)s).") % {
            "when": time_range(session.local_start)
        }
    return ""


def require_session_started(session):
    reason = why_not_started(session)
    if reason:
        raise SessionNotStarted(reason, code="session_not_started")
