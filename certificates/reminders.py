"""Reminders before each confirmed session, to its cohort's enrolled participants: 7 days and
1 day before, at the session's local time in its cohort's zone (so across a daylight-saving
change "7 days before 09:30" is still 09:30 on the wall clock).

`queue_due_reminders` runs from a timer (`send_session_reminders`, hourly). A reminder goes
once per participant, session date and distance (`SessionReminder`); when several are due at
once (the timer was down) only the nearest goes; none goes once the session has started; a
moved session's old date gets none (the email checks the date again when it is sent), its
new date gets its own.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from certificates.models import Enrolment, SessionReminder
from mail.tasks import queue_email
from programme.models import Session

SESSION_REMINDER = "certificates.session_reminder"
REMINDER_DAYS = (7, 1)


def due_at(session, days_before):
    """When the reminder `days_before` the session falls due: same wall-clock time, that many
    days earlier, in the cohort's zone."""
    local = session.local_start
    return (local - datetime.timedelta(days=days_before)).replace(tzinfo=local.tzinfo)


def due_reminder(session, now):
    """The nearest reminder due for `session` at `now`, or None (none due, or it started)."""
    if not session.starts_at or now >= session.starts_at:
        return None
    due = [days for days in REMINDER_DAYS if due_at(session, days) <= now]
    return min(due) if due else None


def sessions_ahead(now):
    """Confirmed sessions starting within the longest reminder distance (plus a day for
    daylight saving)."""
    horizon = now + datetime.timedelta(days=max(REMINDER_DAYS) + 1)
    return (
        Session.objects.filter(
            is_confirmed=True, is_cancelled=False, starts_at__gt=now, starts_at__lte=horizon
        )
        .select_related("cohort")
        .order_by("starts_at", "pk")
    )


def queue_due_reminders(now=None):
    """Queue each reminder due now that has not gone yet; return how many were queued."""
    now = now or timezone.now()
    queued = 0
    for session in sessions_ahead(now):
        days = due_reminder(session, now)
        if days is None:
            continue
        reminded = SessionReminder.objects.filter(
            session=session, starts_at=session.starts_at, days_before__lte=days
        ).values("enrolment_id")
        waiting = Enrolment.objects.filter(cohort_id=session.cohort_id).exclude(pk__in=reminded)
        for enrolment_id in waiting.values_list("pk", flat=True):
            queued += _queue(enrolment_id, session, days)
    return queued


def _queue(enrolment_id, session, days):
    try:
        with transaction.atomic():
            reminder = SessionReminder.objects.create(
                enrolment_id=enrolment_id,
                session=session,
                days_before=days,
                starts_at=session.starts_at,
            )
            queue_email(SESSION_REMINDER, reminder.pk)
    except IntegrityError:  # Another run queued it meanwhile.
        return 0
    return 1


def still_due(reminder, now=None):
    """The session still takes place on the date the reminder is about, later than now."""
    session = reminder.session
    return (
        session.is_confirmed
        and not session.is_cancelled
        and session.starts_at == reminder.starts_at
        and session.starts_at > (now or timezone.now())
    )


def next_reminders(now=None, limit=8):
    """The coming reminders for the dashboard: (when due, session, days before, how many
    participants), soonest first."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=max(REMINDER_DAYS) + 8)
    sessions = (
        Session.objects.filter(
            is_confirmed=True, is_cancelled=False, starts_at__gt=now, starts_at__lte=horizon
        )
        .select_related("cohort")
        .prefetch_related("cohort__sessions")  # A session's number counts its cohort's.
    )
    counts = dict(
        Enrolment.objects.filter(cohort_id__in=sessions.values("cohort_id"))
        .values_list("cohort_id")
        .annotate(count=Count("pk"))
    )
    rows = []
    for session in sessions:
        participants = counts.get(session.cohort_id, 0)
        for days in REMINDER_DAYS:
            when = due_at(session, days)
            if when > now and participants:
                rows.append((when, session, days, participants))
    rows.sort(key=lambda row: (row[0], row[1].pk))
    return rows[:limit]
