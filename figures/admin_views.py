"""Staff's screens: session feedback (per session, the number of answers, the average
usefulness, the pace and the free text, which only staff ever read; after the in-person session,
the self-assessment per learning outcome) and the funder's report."""

import datetime
from collections import Counter, defaultdict

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from figures.counts import self_assessment_table
from figures.forms import ReportForm
from figures.models import FeedbackAnswer, Pace, SelfAssessmentAnswer
from figures.report import pdf_report, xlsx_report
from programme.models import Cohort, Session
from web.cache_headers import mark_private

VIEW_FEEDBACK = "figures.view_feedbackanswer"


class StaffView(WagtailAdminTemplateMixin, TemplateView):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_FEEDBACK):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


class FeedbackView(StaffView):
    page_title = gettext_lazy("Session feedback")
    header_icon = "comment"
    template_name = "figures/admin/feedback.html"

    def get_context_data(self, **kwargs):
        answers = defaultdict(list)
        for answer in FeedbackAnswer.objects.order_by("pk"):
            answers[answer.session_id].append(answer)
        cohorts = []
        for cohort in (
            Cohort.objects.with_sessions()
            .filter(sessions__feedback_answers__isnull=False)
            .distinct()
        ):
            sessions = [
                session_summary(session, answers[session.pk])
                for session in cohort.ordered_sessions
                if answers[session.pk]
            ]
            cohorts.append({"cohort": cohort, "sessions": sessions})
        return super().get_context_data(
            cohorts=cohorts, self_assessments=self_assessments(), **kwargs
        )


def self_assessments():
    """[(session, exact table per learning outcome)] of the sessions with self-assessments."""
    assessed = (
        SelfAssessmentAnswer.objects.values_list("session_id", flat=True).distinct().order_by()
    )
    sessions = Session.objects.filter(pk__in=assessed).select_related("cohort")
    ordered = sorted(sessions, key=lambda session: (session.cohort.planned_start, session.pk))
    return [(session, self_assessment_table([session.pk])) for session in ordered]


def session_summary(session, answers):
    paces = Counter(answer.pace for answer in answers)
    return {
        "session": session,
        "count": len(answers),
        "average": sum(a.usefulness for a in answers) / len(answers),
        "paces": [(label, paces[value]) for value, label in Pace.choices],
        "will_use": [a.will_use for a in answers if a.will_use.strip()],
        "missing": [a.missing for a in answers if a.missing.strip()],
    }


class ReportView(StaffView):
    """The funder's report: a period, then the XLSX (exact, confidential) or the PDF."""

    page_title = gettext_lazy("Report to the funder")
    header_icon = "download"
    template_name = "figures/admin/report.html"

    def get(self, request, *args, **kwargs):
        form = ReportForm(request.GET or None)
        export = request.GET.get("format")
        if export in FORMATS and form.is_valid():
            return report_download(export, form.cleaned_data)
        return self.render_to_response(self.get_context_data(form=form))


FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def report_download(export, period):
    zone = timezone.get_current_timezone()
    since = period["since"] and datetime.datetime.combine(period["since"], datetime.time.min, zone)
    until = (
        datetime.datetime.combine(period["until"], datetime.time.max, zone)
        if period["until"]
        else timezone.now()
    )
    body = xlsx_report(since, until) if export == "xlsx" else pdf_report(since, until)
    response = HttpResponse(body, content_type=FORMATS[export])
    name = f"aicities-report-{until.date().isoformat()}.{export}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return mark_private(response)
