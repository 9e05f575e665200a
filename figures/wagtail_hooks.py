"""Admin wiring (the questionnaires, the feedback screen), and the figures' part of "my space",
of the nightly pruning and of the editors' rights."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from applications.records import Application, ProposedParticipant
from certificates.holders import enrolments_of
from certificates.models import Attendance, Certificate, Enrolment
from figures import admin_views
from figures.feedback import awaiting_feedback, prune_feedback
from figures.forms import QuestionsAdminForm, SelfAssessmentAdminForm
from figures.models import (
    FeedbackAnswer,
    OutcomeRating,
    Questionnaire,
    SelfAssessment,
    SelfAssessmentAnswer,
)
from figures.sitemap import FiguresSitemap
from home.views import SITEMAP_HOOK
from members.access import is_participant
from members.groups import EDITORS, SETUP_GROUPS_HOOK
from members.my_space import MY_SPACE_HOOK, MySpaceSection
from programme.models import Cohort, Event, EventTopic, Session
from web import page_cache
from web.pruning import PRUNE_HOOK

EDITOR_PERMISSIONS = [
    "add_questionnaire",
    "change_questionnaire",
    "view_questionnaire",
    "view_feedbackanswer",
    "add_selfassessment",
    "change_selfassessment",
    "view_selfassessment",
]


class QuestionnaireViewSet(SnippetViewSet):
    model = Questionnaire
    icon = "form"
    menu_label = _("Feedback questions")
    add_to_admin_menu = True
    menu_order = 230
    list_display = ["name", "created_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            InlinePanel(
                "texts",
                label=_("Questions in each language"),
                heading=_("Questions in each language"),
            ),
        ],
        base_form_class=QuestionsAdminForm,
    )


register_snippet(QuestionnaireViewSet)


class SelfAssessmentViewSet(SnippetViewSet):
    model = SelfAssessment
    icon = "tasks"
    menu_label = _("Learning outcomes")
    add_to_admin_menu = True
    menu_order = 231
    list_display = ["name", "created_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            InlinePanel(
                "texts",
                label=_("Learning outcomes in each language"),
                heading=_("Learning outcomes in each language"),
            ),
        ],
        base_form_class=SelfAssessmentAdminForm,
    )


register_snippet(SelfAssessmentViewSet)


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [
        path("figures/feedback/", admin_views.FeedbackView.as_view(), name="figures_feedback"),
        path("figures/report/", admin_views.ReportView.as_view(), name="figures_report"),
    ]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_FEEDBACK)


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return FeedbackMenuItem(
        _("Session feedback"), reverse("figures_feedback"), icon_name="comment", order=225
    )


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return FeedbackMenuItem(
        _("Report to the funder"), reverse("figures_report"), icon_name="download", order=226
    )


@hooks.register(SETUP_GROUPS_HOOK)
def let_editors_read_feedback(groups):
    groups[EDITORS].permissions.add(
        *Permission.objects.filter(
            content_type__app_label="figures", codename__in=EDITOR_PERMISSIONS
        )
    )


@hooks.register(MY_SPACE_HOOK)
def feedback_in_my_space(request):
    """The sessions a participant may still give feedback on."""
    if not is_participant(request.user):
        return None
    awaiting = awaiting_feedback(request.user, enrolments=enrolments_of(request))
    if not awaiting:
        return None
    return MySpaceSection(
        "figures/includes/my_space_feedback.html", {"awaiting": awaiting}, order=15
    )


@hooks.register(PRUNE_HOOK)
def prune_old_feedback():
    return {"feedback": prune_feedback}


# The page cache (web/page_cache.py): the figures page counts these records.
page_cache.register(
    "figures",
    models=[
        Cohort,
        Session,
        Enrolment,
        Attendance,
        Certificate,
        Application,
        ProposedParticipant,
        FeedbackAnswer,
        SelfAssessmentAnswer,
        OutcomeRating,
    ],
    url_names=["figures:figures", "figures:open_data_file", "figures:dcat"],
)
page_cache.register(
    "open_data",
    models=[Cohort, Session, Event, EventTopic],
    url_names=["figures:open_data_file", "figures:dcat"],
)


@hooks.register(SITEMAP_HOOK)
def figures_in_the_sitemap():
    return {"figures": FiguresSitemap}
