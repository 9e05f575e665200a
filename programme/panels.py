"""Admin panel that shows editors every confirmation and change of a cohort's dates."""

from wagtail.admin.panels import Panel


class DateHistoryPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "programme/admin/date_history_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            changes = []
            if self.instance and self.instance.pk:
                changes = self.instance.date_changes.select_related("session", "changed_by")
            context["changes"] = changes
            return context
