"""Admin panels of the cohort screen: the history of every confirmation and change of its
dates, and the note saying which time zone its session times are entered in."""

from django.utils import formats, timezone
from wagtail.admin.panels import Panel

from home.dates import zone_name


def moment_with_zone(moment, zone=None):
    """A short date and time with its zone named: "04/03/2026 09:30 Madrid time (UTC+1)"."""
    if moment is None:
        return ""
    local = moment.astimezone(zone) if zone else timezone.localtime(moment)
    return f"{formats.date_format(local, 'SHORT_DATETIME_FORMAT')} {zone_name(local)}"


class DateHistoryPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "programme/admin/date_history_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            changes = []
            if self.instance and self.instance.pk:
                zone = self.instance.zone
                changes = list(self.instance.date_changes.select_related("session", "changed_by"))
                for change in changes:
                    change.when = moment_with_zone(change.changed_at)
                    change.old = moment_with_zone(change.old_starts_at, zone)
                    change.new = moment_with_zone(change.new_starts_at, zone)
            context["changes"] = changes
            return context


class SessionTimesPanel(Panel):
    """Session times are typed in the editor's admin time zone; this says which one it is."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "programme/admin/session_times_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["admin_zone"] = zone_name(timezone.localtime())
            cohort = self.instance
            has_zone = cohort and (cohort.time_zone or cohort.country)
            context["cohort_zone"] = (
                zone_name(timezone.now().astimezone(cohort.zone)) if has_zone else ""
            )
            return context
