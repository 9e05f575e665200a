"""The applications' panel on the editors' dashboard: how many wait for a decision, per cohort."""

from django.db.models import Count, Q
from wagtail.admin.ui.components import Component

from applications.records import ApplicationStatus
from programme.models import Cohort

WAITING = [ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW]


def cohorts_with_waiting_applications():
    """Cohorts with applications still waiting for a decision, with how many: one query."""
    waiting = Q(applications__status__in=WAITING)
    return (
        Cohort.objects.annotate(waiting=Count("applications", filter=waiting))
        .filter(waiting__gt=0)
        .order_by("planned_start", "country")
    )


class WaitingApplicationsPanel(Component):
    name = "waiting_applications"
    template_name = "applications/admin/dashboard/waiting_applications.html"
    order = 100

    def get_context_data(self, parent_context=None):
        return {"cohorts": list(cohorts_with_waiting_applications())}
