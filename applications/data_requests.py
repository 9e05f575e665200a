"""An applicant's data-protection requests, taken from their application in the admin: a copy of
everything stored about them (export) and its erasure, each after a page that says exactly what
and whom it covers, each recorded in Wagtail's log (the application's history and Reports › Site
history). The same work as `manage.py export_applicant_data` and `erase_applicant_data`.

The applicant is the application's contact person, found by the application's reference and
the contact's email address: their applications, the participant rows that carry that address
in other applications, and their opening alerts (applications.data_protection).
"""

import json

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as log_action

from applications.admin_actions import ApplicationAction
from applications.data_protection import erase, export_applicant_data, is_anonymised
from applications.records import Application

PERMISSION = "applications.handle_data_requests"
EXPORTED = "applications.applicant_data_exported"
ERASED = "applications.applicant_data_erased"
INSPECT_URL_NAME = "applications_application_modeladmin_inspect"
INDEX_URL_NAME = "applications_application_modeladmin_index"


def can_handle_data_requests(user):
    return user.has_perm(PERMISSION)


def applicant_of(application):
    return {"reference": application.reference, "email": application.contact_email}


def what_is_stored(application):
    """What the export holds and the erasure reaches, for the confirmation page."""
    found = export_applicant_data(**applicant_of(application))
    to_erase = [a for a in found["applications"] if not a["anonymised"]]
    return {
        **found,
        "to_erase": to_erase,
        "anything_to_erase": bool(
            to_erase or found["proposed_as_participant"] or found["opening_alerts"]
        ),
    }


class DataRequestView(WagtailAdminTemplateMixin, TemplateView):
    """GET: the confirmation page. POST (with its CSRF token): the request, carried out."""

    http_method_names = ["get", "post"]
    header_icon = "user"
    template_name = "applications/admin/data_request.html"
    kind = ""

    def dispatch(self, request, *args, pk, **kwargs):
        if not can_handle_data_requests(request.user):
            raise PermissionDenied
        self.application = get_object_or_404(Application.objects.select_related("cohort"), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    @property
    def inspect_url(self):
        return reverse(INSPECT_URL_NAME, args=[self.application.pk])

    def get_page_subtitle(self):
        return str(self.application)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL_NAME), "label": _("Applications")},
            {"url": self.inspect_url, "label": self.application.reference},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kind=self.kind,
            application=self.application,
            anonymised=is_anonymised(self.application),
            stored=what_is_stored(self.application),
            inspect_url=self.inspect_url,
            **kwargs,
        )


class ExportView(DataRequestView):
    page_title = gettext_lazy("Export the applicant's data")
    kind = "export"

    def post(self, request, *args, **kwargs):
        data = export_applicant_data(**applicant_of(self.application))
        log_action(
            self.application,
            EXPORTED,
            user=request.user,
            data={"applications": [a["reference"] for a in data["applications"]]},
        )
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        filename = f"applicant-data-{self.application.reference}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


class EraseView(DataRequestView):
    page_title = gettext_lazy("Erase the applicant's data")
    kind = "erase"

    def post(self, request, *args, **kwargs):
        if not what_is_stored(self.application)["anything_to_erase"]:
            messages.info(
                request,
                _("Nothing is left to erase: this applicant’s personal data was already erased."),
            )
            return redirect(self.inspect_url)
        # The erasure and its log entry stand or fall together.
        with transaction.atomic():
            counts = erase(**applicant_of(self.application), by=request.user)
            log_action(self.application, ERASED, user=request.user, data=counts)
        messages.success(
            request,
            _(
                "The applicant's personal data is erased (applications: %(applications)s; "
                "participant rows in other applications: %(participant_rows)s; opening alerts: "
                "%(opening_alerts)s)."
            )
            % counts,
        )
        return redirect(self.inspect_url)


class ErasedFormatter(LogFormatter):
    label = gettext_lazy("Erase an applicant's personal data")

    def format_message(self, log_entry):
        counts = {"applications": 0, "participant_rows": 0, "opening_alerts": 0}
        counts.update(log_entry.data or {})
        return (
            _(
                "Applicant's personal data erased (applications: %(applications)s; participant "
                "rows in other applications: %(participant_rows)s; opening alerts: "
                "%(opening_alerts)s)"
            )
            % counts
        )


def register_log_actions(actions):
    actions.register_action(
        EXPORTED,
        gettext_lazy("Export an applicant's personal data"),
        gettext_lazy("Applicant's personal data exported"),
    )
    actions.register_action(ERASED)(ErasedFormatter)


def data_request_actions(request, application):
    """The two requests, offered on the application to those who may handle them."""
    if not can_handle_data_requests(request.user):
        return None
    return [
        ApplicationAction(
            label=_("Export the applicant's data"),
            url=reverse("applications_export_applicant_data", args=[application.pk]),
            help=_("A JSON file of everything stored about the applicant."),
            order=200,
        ),
        ApplicationAction(
            label=_("Erase the applicant's data"),
            url=reverse("applications_erase_applicant_data", args=[application.pk]),
            help=_("Their personal data is removed; the statistics stay right."),
            order=210,
        ),
    ]
