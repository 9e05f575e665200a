"""The mail app's part of the admin: the undelivered emails on the editors' dashboard."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from mail.outbox import VIEW_OUTBOX_PERMISSION, undelivered_count


class UndeliveredEmailsPanel(Component):
    name = "undelivered_emails"
    template_name = "mail/admin/undelivered_emails_panel.html"
    order = 140

    def get_context_data(self, parent_context=None):
        return {"undelivered": undelivered_count()}


@hooks.register("construct_homepage_panels")
def add_undelivered_emails(request, panels):
    if request.user.has_perm(VIEW_OUTBOX_PERMISSION):
        panels.append(UndeliveredEmailsPanel())
