"""Sign-in lockouts in the Wagtail admin: editors see who is locked out and can lift a lockout.

django-axes keeps one record per locked name or address (`AccessAttempt`); lifting a lockout
deletes that record, which is how django-axes itself resets one.
"""

from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

LIFT_LOCKOUT = _("Lift lockout")


class LockoutIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        return []

    def get_list_buttons(self, instance):
        delete_url = self.get_delete_url(instance)
        if not delete_url:
            return []
        return [ListingButton(LIFT_LOCKOUT, url=delete_url, icon_name="lock-open", priority=10)]


class LiftLockoutView(generic.DeleteView):
    page_title = LIFT_LOCKOUT

    def get_success_message(self):
        return _("Lockout lifted: %(name)s can sign in again.") % {"name": str(self.object)}


class SignInLockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Sign-in lockouts")
    menu_order = 900
    add_to_admin_menu = True
    index_view_class = LockoutIndexView
    delete_view_class = LiftLockoutView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "username",  # the title column, which carries the "Lift lockout" button
        Column("ip_address", label=_("Address")),
        Column("failures_since_start", label=_("Failed attempts")),
        DateColumn("attempt_time", label=_("Last attempt")),
    ]
    search_fields = ["username", "ip_address"]
    exclude_form_fields = []
    inspect_view_fields = ["username", "ip_address", "user_agent", "path_info", "attempt_time"]
