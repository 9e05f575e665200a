"""Staff's screen of session feedback: per session, the number of answers, the average
usefulness, the pace and the free text (which only staff ever read)."""

from collections import Counter, defaultdict

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from figures.models import FeedbackAnswer, Pace
from programme.models import Cohort

VIEW_FEEDBACK = "figures.view_feedbackanswer"


class FeedbackView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Session feedback")
    header_icon = "comment"
    template_name = "figures/admin/feedback.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_FEEDBACK):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

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
        return super().get_context_data(cohorts=cohorts, **kwargs)


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


def feedback_url():
    return reverse("figures_feedback")
