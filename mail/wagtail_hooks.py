"""Admin wiring of the outbox: Reports › Emails not sent, the dashboard's undelivered emails,
and the email queue's health check."""

import datetime

from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from mail.outbox import VIEW_OUTBOX_PERMISSION, undelivered_count
from mail.retention import prune_finished_task_results
from mail.tasks import oldest_waiting_age
from mail.views import UndeliveredEmailsView, send_again_view
from web.health import HEALTH_CHECKS_HOOK
from web.pruning import PRUNE_HOOK


@hooks.register("register_admin_urls")
def register_outbox_urls():
    return [
        path("emails/", UndeliveredEmailsView.as_view(), name="outbox"),
        path(
            "emails/results/",
            UndeliveredEmailsView.as_view(results_only=True),
            name="outbox_results",
        ),
        path("emails/<int:pk>/send-again/", send_again_view, name="outbox_send_again"),
    ]


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_OUTBOX_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_outbox_menu_item():
    return OutboxMenuItem(
        _("Emails not sent"), reverse("outbox"), name="outbox", icon_name="mail", order=1000
    )


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
        return {"undelivered": undelivered_count(), "outbox_url": reverse("outbox")}


@hooks.register("construct_homepage_panels")
def add_undelivered_emails(request, panels):
    if request.user.has_perm(VIEW_OUTBOX_PERMISSION):
        panels.append(UndeliveredEmailsPanel())


@hooks.register(PRUNE_HOOK)
def task_results_pruning():
    return {"task results": prune_finished_task_results}
