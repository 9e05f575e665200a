"""The programme's panels on the editors' dashboard: open application windows, sessions still
to confirm, and seats with the progress towards the programme's participant target."""

import datetime

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone
from wagtail.admin.ui.components import Component

from programme.models import Cohort, Session

SESSIONS_AHEAD = datetime.timedelta(days=60)


def open_application_windows(today=None):
    """Cohorts whose application window is open today, the soonest deadline first."""
    today = today or timezone.localdate()
    return Cohort.objects.filter(
        applications_open_on__lte=today, applications_close_on__gte=today, status_override=""
    ).order_by("applications_close_on")


def sessions_to_confirm(now=None):
    """Sessions not yet confirmed that fall (or are planned) within the next 60 days."""
    now = now or timezone.now()
    horizon = now + SESSIONS_AHEAD
    return (
        Session.objects.filter(is_confirmed=False, is_cancelled=False)
        .filter(
            Q(starts_at__gte=now, starts_at__lte=horizon)
            | Q(
                starts_at__isnull=True,
                cohort__planned_start__lte=horizon.date(),
                cohort__planned_end__gte=now.date(),
            )
        )
        .select_related("cohort")
        .prefetch_related("cohort__sessions")  # A session's number counts its cohort's.
        .order_by("starts_at", "cohort__planned_start", "position")
    )


def participant_progress():
    """Accepted participants against the programme's target, as figures and a percentage."""
    accepted = Cohort.objects.aggregate(total=Sum("accepted_participants"))["total"] or 0
    target = settings.PROGRAMME_PARTICIPANT_TARGET
    percent = round(100 * accepted / target) if target else 0
    return {"accepted": accepted, "target": target, "percent": percent, "bar": min(percent, 100)}


class ProgrammePanel(Component):
    """A dashboard panel for those who manage cohorts."""

    permission = "programme.change_cohort"

    @classmethod
    def shown_to(cls, user):
        return user.has_perm(cls.permission)


class ApplicationWindowsPanel(ProgrammePanel):
    name = "application_windows"
    template_name = "programme/admin/dashboard/application_windows.html"
    order = 110

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        cohorts = list(open_application_windows(today))
        for cohort in cohorts:
            cohort.days_left = (cohort.applications_close_on - today).days
        return {"cohorts": cohorts}


class SessionsToConfirmPanel(ProgrammePanel):
    name = "sessions_to_confirm"
    template_name = "programme/admin/dashboard/sessions_to_confirm.html"
    order = 120

    def get_context_data(self, parent_context=None):
        return {"sessions": list(sessions_to_confirm()), "days": SESSIONS_AHEAD.days}


class SeatsPanel(ProgrammePanel):
    name = "seats"
    template_name = "programme/admin/dashboard/seats.html"
    order = 130

    def get_context_data(self, parent_context=None):
        return {
            "cohorts": list(Cohort.objects.not_finished().order_by("planned_start", "country")),
            "progress": participant_progress(),
        }


PANELS = [ApplicationWindowsPanel, SessionsToConfirmPanel, SeatsPanel]


def add_programme_panels(request, panels):
    panels.extend(panel() for panel in PANELS if panel.shown_to(request.user))
