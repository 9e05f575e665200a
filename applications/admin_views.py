"""Staff review of applications in the Wagtail admin: the list and detail views, decisions
(one or several at once), the private letter download and the per-cohort selection summary."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail_modeladmin.views import HistoryView, IndexView, InspectView

from applications import exports
from applications.admin_actions import actions_for
from applications.decisions import NotDecidable, NotEnoughSeats, change_status
from applications.records import Application, ApplicationStatus, DeclineReason
from applications.selection import authorities, by_country_and_status, make_up, percent
from programme.models import Cohort

INDEX_URL_NAME = "applications_application_modeladmin_index"
DECISION_CHOICES = [
    (status.value, status.label)
    for status in (
        ApplicationStatus.UNDER_REVIEW,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.WAITLISTED,
        ApplicationStatus.DECLINED,
    )
]


def can_review(user):
    return user.has_perm("applications.view_application") or can_decide(user)


def can_decide(user):
    return user.has_perm("applications.change_application")


class DecisionForm(forms.Form):
    """A decision to record; `current` (one application's status) is shown as the one selected,
    so sending the form again unchanged never reverts a recorded decision."""

    status = forms.ChoiceField(label=gettext_lazy("Decision"), choices=DECISION_CHOICES)
    decline_reason = forms.ChoiceField(
        label=gettext_lazy("Reason for declining"),
        choices=[("", gettext_lazy("(only when declining)")), *DeclineReason.choices],
        required=False,
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        if current is None:
            return
        self.fields["status"].initial = current
        if current not in dict(DECISION_CHOICES):
            self.fields["status"].choices = [
                (current, ApplicationStatus(current).label),
                *DECISION_CHOICES,
            ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") != ApplicationStatus.DECLINED:
            cleaned["decline_reason"] = ""
        elif not cleaned.get("decline_reason"):
            self.add_error(
                "decline_reason", _("Choose the reason for declining: it is counted in reports.")
            )
        return cleaned


class BulkDecisionForm(DecisionForm):
    applications = forms.ModelMultipleChoiceField(
        queryset=Application.objects.all(),
        error_messages={"required": gettext_lazy("Select at least one application.")},
    )


def decide(request, applications, status, decline_reason=""):
    """Take one decision on each application; a refusal for one does not stop the others."""
    label = ApplicationStatus(status).label
    decided, refused = [], 0
    for application in applications:
        if not application.can_be_decided:
            refused += 1
            messages.error(request, why_not_decidable(application))
            continue
        try:
            if change_status(application, status, request.user, decline_reason):
                decided.append(application.reference)
        except NotDecidable:  # Erased since the list was shown.
            refused += 1
            messages.error(request, why_not_decidable(application))
        except NotEnoughSeats:
            refused += 1
            cohort = Cohort.objects.get(pk=application.cohort_id)
            messages.error(
                request,
                _(
                    "%(reference)s was not accepted: not enough seats left in %(cohort)s "
                    "(%(count)s needed, %(left)s left)."
                )
                % {
                    "reference": application.reference,
                    "count": application.participants.count(),
                    "left": cohort.seats_left,
                    "cohort": cohort,
                },
            )
    if decided:
        messages.success(
            request,
            ngettext(
                "“%(status)s” recorded for %(references)s; the applicant will be emailed.",
                "“%(status)s” recorded for %(references)s; the applicants will be emailed.",
                len(decided),
            )
            % {"status": label, "references": ", ".join(decided)},
        )
    elif not refused:
        messages.info(request, _("Nothing changed: the status was already “%s”.") % label)


def why_not_decidable(application):
    if application.status == ApplicationStatus.WITHDRAWN:
        return _("%(reference)s was withdrawn by the applicant and cannot be decided.") % {
            "reference": application.reference
        }
    return _(
        "The personal data of %(reference)s was erased: it cannot be decided, and nobody can "
        "be emailed."
    ) % {"reference": application.reference}


def recipients(applications, status):
    """Who a decision of `status` would email: the applications it changes, with their contact."""
    return [
        {
            "application": application,
            "current": application.get_status_display(),
            "name": application.contact_name,
            "email": application.contact_email,
            "language": application.get_language_display(),
        }
        for application in applications
        if application.can_be_decided and application.status != status
    ]


class DecisionConfirmationView(WagtailAdminTemplateMixin, TemplateView):
    """The step between choosing a decision and recording it: who will be emailed, and what."""

    http_method_names = ["post"]
    page_title = gettext_lazy("Confirm the decision")
    header_icon = "mail"
    template_name = "applications/admin/confirm_decision.html"

    def post(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(**kwargs))

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL_NAME), "label": _("Applications")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, applications, status, decline_reason="", **kwargs):
        applications = list(applications)
        emailed = recipients(applications, status)
        return super().get_context_data(
            applications=applications,
            recipients=emailed,
            unchanged=len(applications) - len(emailed),
            status=status,
            status_label=ApplicationStatus(status).label,
            decline_reason=decline_reason,
            decline_reason_label=DeclineReason(decline_reason).label if decline_reason else "",
            **kwargs,
        )


def confirm_or_decide(request, applications, form, action_url, next_url):
    """Record the decision once the reviewer confirmed it; until then, ask them to confirm."""
    status, reason = form.cleaned_data["status"], form.cleaned_data["decline_reason"]
    if form.cleaned_data["confirmed"] or not recipients(applications, status):
        # With nobody to email, `decide` only explains why nothing changes.
        decide(request, applications, status, reason)
        return redirect(next_url)
    return DecisionConfirmationView.as_view()(
        request,
        applications=applications,
        status=status,
        decline_reason=reason,
        action_url=action_url,
        next_url=next_url,
    )


class ApplicationIndexView(IndexView):
    def get_context_data(self, **kwargs):
        decision_form = DecisionForm(auto_id="bulk-%s") if can_decide(self.request.user) else None
        return super().get_context_data(decision_form=decision_form, **kwargs)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return exports.response(queryset, spreadsheet_format)

    @property
    def csv_export_url(self):
        return self.get_query_string({self.EXPORT_VAR: exports.CSV})

    @property
    def xlsx_export_url(self):
        return self.get_query_string({self.EXPORT_VAR: exports.XLSX})


class ApplicationInspectView(InspectView):
    page_title = pgettext_lazy("a city's application", "Application")

    def get_fields_dict(self):
        return []  # The template lays the application out in sections.

    def get_context_data(self, **kwargs):
        application = self.instance
        user = self.request.user
        return super().get_context_data(
            participants=application.participants.all(),
            history=application.status_changes.select_related("changed_by"),
            letter_url=reverse("applications_letter", args=[application.pk])
            if application.letter
            else "",
            decision_form=DecisionForm(current=application.status)
            if can_decide(user) and application.can_be_decided
            else None,
            actions=actions_for(self.request, application),
            history_url=self.url_helper.get_action_url("history", self.pk_quoted),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not can_decide(request.user):
            raise PermissionDenied
        here = self.url_helper.get_action_url("inspect", self.pk_quoted)
        if not self.instance.can_be_decided:
            messages.error(request, why_not_decidable(self.instance))
            return redirect(here)
        form = DecisionForm(request.POST, current=self.instance.status)
        if not form.is_valid():
            if "status" in form.errors:
                messages.error(request, _("Choose one of the decisions offered."))
            for error in form.errors.get("decline_reason", []):
                messages.error(request, error)
            return redirect(here)
        return confirm_or_decide(request, [self.instance], form, action_url=here, next_url=here)


class ApplicationHistoryView(HistoryView):
    """Wagtail's log of an application, to reviewers only (modeladmin checks nobody here)."""

    def check_action_permitted(self, user):
        return can_review(user)


@require_POST
def bulk_decision(request):
    if not can_decide(request.user):
        raise PermissionDenied
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse(INDEX_URL_NAME)
    form = BulkDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(next_url)
    applications = form.cleaned_data["applications"].order_by("submitted_at", "pk")
    return confirm_or_decide(
        request,
        applications,
        form,
        action_url=reverse("applications_bulk_decision"),
        next_url=next_url,
    )


def letter(request, pk):
    """The signed letter, only to reviewers: letters are never given a public address."""
    if not can_review(request.user):
        raise PermissionDenied
    application = get_object_or_404(Application, pk=pk)
    if not application.letter:
        raise Http404
    try:
        file = application.letter.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        file,
        as_attachment=True,
        filename=f"{application.reference}-letter.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


class SelectionSummaryView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Selection summary")
    header_icon = "form"
    template_name = "applications/admin/summary.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL_NAME), "label": _("Applications")},
            {"url": "", "label": self.page_title},
        ]

    def chosen_cohort(self, cohorts):
        by_pk = {str(cohort.pk): cohort for cohort in cohorts}
        chosen = by_pk.get(self.request.GET.get("cohort", ""))
        if chosen is None:
            latest = Application.objects.order_by("-submitted_at").values_list("cohort_id")[:1]
            chosen = by_pk.get(str(latest[0][0])) if latest else None
        return chosen or (cohorts[0] if cohorts else None)

    def get_context_data(self, **kwargs):
        cohorts = list(Cohort.objects.all())
        cohort = self.chosen_cohort(cohorts)
        accepted = Cohort.objects.aggregate(total=Sum("accepted_participants"))["total"] or 0
        target = settings.PROGRAMME_PARTICIPANT_TARGET
        programme = {"accepted": accepted, "target": target, "percent": percent(accepted, target)}
        programme["bar"] = min(programme["percent"], 100)
        context = super().get_context_data(
            cohorts=cohorts,
            cohort=cohort,
            programme=programme,
            **kwargs,
        )
        if cohort:
            context.update(
                by_country_and_status=by_country_and_status(cohort),
                seats_percent=percent(cohort.accepted_participants, cohort.seats),
                make_up=make_up(cohort),
                authorities=authorities(cohort),
            )
        return context
