"""Admin wiring for the review of applications (wagtail-modeladmin)."""

from django.contrib import admin
from django.db.models import Count
from django.urls import path
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from applications import admin_views, data_requests, links
from applications.admin_actions import ADMIN_ACTIONS_HOOK
from applications.dashboard import WaitingApplicationsPanel
from applications.models import (
    Application,
    ApplicationPage,
    ApplicationStatus,
    ApplicationStatusChange,
)
from home.bootstrap import BOOTSTRAP_HOOK, add_draft
from home.dates import local_day
from programme.cohort_extras import APPLY_URL_HOOK
from programme.models import Cohort
from web import page_cache


class CohortFilter(admin.SimpleListFilter):
    """By cohort, without Django's admin site (which the related-field filter needs)."""

    title = gettext_lazy("cohort")
    parameter_name = "cohort"

    def lookups(self, request, model_admin):
        return [(str(cohort.pk), str(cohort)) for cohort in Cohort.objects.all()]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isascii() and value.isdigit():
            return queryset.filter(cohort_id=value)
        return queryset


class ApplicationPermissionHelper(PermissionHelper):
    """Applications come from the public form and change only through decisions, which keep
    the seat count and the history right: no creating, editing or deleting here."""

    def user_can_list(self, user):
        return admin_views.can_review(user)

    def user_can_inspect_obj(self, user, obj):
        return admin_views.can_review(user)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class ApplicationAdmin(ModelAdmin):
    model = Application
    menu_label = gettext_lazy("Applications")
    menu_icon = "form"
    menu_order = 210
    inspect_view_enabled = True
    # Wagtail's log of what staff did to the application (data requests); status changes have
    # their own history on the detail view.
    history_view_class = admin_views.ApplicationHistoryView
    # What a reviewer reads first comes first: at 1280 px the reference, status and date show
    # without scrolling; the list scrolls sideways inside its own box for the rest.
    list_display = [
        "selection",
        "reference",
        "status",
        "submitted_on",
        "authority",
        "cohort",
        "participant_count",
        "efus_member",
        "country",
        "duplicate",
        "spam_check",
        "acknowledgement",
    ]
    list_display_add_buttons = "reference"
    list_filter = [
        CohortFilter,
        "country",
        "status",
        "authority_kind",
        "efus_member",
        "spam_check_done",
        "acknowledgement_withheld",
    ]
    search_fields = ["reference", "authority_name", "contact_name", "contact_email"]
    list_per_page = 50
    permission_helper_class = ApplicationPermissionHelper
    index_view_class = admin_views.ApplicationIndexView
    inspect_view_class = admin_views.ApplicationInspectView
    index_template_name = "applications/admin/index.html"
    inspect_template_name = "applications/admin/inspect.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("cohort", "possible_duplicate_of")
            .annotate(participant_count=Count("participants"))
        )

    def get_list_display(self, request):
        if admin_views.can_decide(request.user):
            return self.list_display
        return [name for name in self.list_display if name != "selection"]

    @admin.display(description=gettext_lazy("Select"))
    def selection(self, obj):
        if not obj.can_be_decided:
            return ""  # Withdrawn or erased: out of every decision.
        return format_html(
            '<input type="checkbox" name="applications" value="{}" form="bulk-decision" '
            'aria-label="{}">',
            obj.pk,
            _("Select %(reference)s") % {"reference": obj.reference},
        )

    @admin.display(description=gettext_lazy("Authority"), ordering="authority_name")
    def authority(self, obj):
        return format_html(
            "{}<br><small>{}</small>",
            obj.authority_name,
            obj.get_authority_kind_display(),
        )

    @admin.display(description=gettext_lazy("Member of Efus"), ordering="efus_member")
    def efus_member(self, obj):
        return obj.get_efus_member_display()

    @admin.display(description=gettext_lazy("Participants"), ordering="participant_count")
    def participant_count(self, obj):
        return obj.participant_count

    @admin.display(
        description=pgettext_lazy("application submitted at", "Submitted"),
        ordering="submitted_at",
    )
    def submitted_on(self, obj):
        # A date reads at a glance; the time is on the application's screen.
        return formats.date_format(local_day(obj.submitted_at), "SHORT_DATE_FORMAT")

    @admin.display(description=gettext_lazy("Possible duplicate"))
    def duplicate(self, obj):
        if obj.possible_duplicate_of is None:
            return ""
        return format_html(
            '<span class="w-status w-status--label">{}</span>',
            _("Same authority as %(reference)s")
            % {"reference": obj.possible_duplicate_of.reference},
        )

    @admin.display(description=gettext_lazy("Spam check"), ordering="spam_check_done")
    def spam_check(self, obj):
        if obj.spam_check_done:
            return ""
        return format_html(
            '<span class="w-status w-status--label">{}</span>', _("Spam check not done")
        )

    @admin.display(description=gettext_lazy("Acknowledgement"), ordering="acknowledgement_withheld")
    def acknowledgement(self, obj):
        if not obj.acknowledgement_withheld:
            return ""
        return format_html(
            '<span class="w-status w-status--label">{}</span>',
            _("Acknowledgement withheld (too many emails to this address)"),
        )


modeladmin_register(ApplicationAdmin)


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("applications/decide/", admin_views.bulk_decision, name="applications_bulk_decision"),
        path("applications/letter/<int:pk>/", admin_views.letter, name="applications_letter"),
        path(
            "applications/summary/",
            admin_views.SelectionSummaryView.as_view(),
            name="applications_summary",
        ),
        path(
            "applications/<int:pk>/export-data/",
            data_requests.ExportView.as_view(),
            name="applications_export_applicant_data",
        ),
        path(
            "applications/<int:pk>/erase-data/",
            data_requests.EraseView.as_view(),
            name="applications_erase_applicant_data",
        ),
    ]


hooks.register("register_log_actions", data_requests.register_log_actions)
hooks.register(ADMIN_ACTIONS_HOOK, data_requests.data_request_actions)
hooks.register(APPLY_URL_HOOK, links.apply_url_in_template)


@hooks.register(BOOTSTRAP_HOOK)
def add_application_page(home):
    add_draft(home, ApplicationPage(title=str(gettext_lazy("Apply")), slug="apply"))


@hooks.register("construct_homepage_panels")
def add_waiting_applications(request, panels):
    if admin_views.can_review(request.user):
        panels.append(WaitingApplicationsPanel())


def changes_seats(change):
    """A decision into or out of "accepted" changes the seats left of the cohort."""
    return ApplicationStatus.ACCEPTED in (change.old_status, change.new_status)


# The page cache (web/page_cache.py): seats left appear wherever cohorts do; the application
# page holds a form (and its CSRF token), so it is never kept.
page_cache.register("programme", models=[ApplicationStatusChange], when=changes_seats)
page_cache.exclude(pages=[ApplicationPage])
