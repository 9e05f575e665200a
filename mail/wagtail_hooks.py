"""Admin wiring of the outbox: Reports › Emails not sent, the dashboard's undelivered emails,
and the email queue's health check."""

import datetime

from django.conf import settings
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from mail.outbox import VIEW_OUTBOX_PERMISSION, undelivered_count
from mail.retention import prune_finished_task_results
from mail.tasks import oldest_waiting_age
from mail.views import OutboxViewSet
from web.health import HEALTH_CHECKS_HOOK
from web.pruning import PRUNE_HOOK


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxViewSet()


def check_email_queue():
    """Fails when an email has waited longer than EMAIL_QUEUE_ALERT_MINUTES: no worker runs."""
    age = oldest_waiting_age()
    limit = datetime.timedelta(minutes=settings.EMAIL_QUEUE_ALERT_MINUTES)
    if age is not None and age > limit:
        raise RuntimeError(f"an email has waited {int(age.total_seconds() // 60)} minutes")
    return f"ok ({undelivered_count()} undelivered)"


@hooks.register(HEALTH_CHECKS_HOOK)
def email_queue_checks():
    return {"email_queue": check_email_queue}


class UndeliveredEmailsPanel(Component):
    name = "undelivered_emails"
    template_name = "mail/admin/undelivered_emails_panel.html"
    order = 140

    def get_context_data(self, parent_context=None):
        return {"undelivered": undelivered_count(), "outbox_url": reverse("outbox:index")}


@hooks.register("construct_homepage_panels")
def add_undelivered_emails(request, panels):
    if request.user.has_perm(VIEW_OUTBOX_PERMISSION):
        panels.append(UndeliveredEmailsPanel())


@hooks.register(PRUNE_HOOK)
def task_results_pruning():
    return {"task results": prune_finished_task_results}
