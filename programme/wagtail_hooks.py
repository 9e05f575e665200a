"""Admin wiring for the programme (cohorts with their dates, events and event topics), and its
part of the home page and of site search."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.bootstrap import BOOTSTRAP_HOOK, add_draft
from home.models import HOME_PAGE_HOOK, HomePage
from home.views import SEARCH_HOOK
from programme.dashboard import add_programme_panels
from programme.forms import CohortAdminForm
from programme.front_page import (
    add_cohorts_to_home_page,
    add_matching_cohorts_to_search,
    add_matching_events_to_search,
)
from programme.models import (
    Cohort,
    CohortIndexPage,
    Event,
    EventIndexPage,
    EventTopic,
    ProgrammePage,
    Session,
    SessionDateChange,
)
from programme.panels import DateHistoryPanel, SessionTimesPanel, moment_with_zone
from web import page_cache


def field_label(model, name):
    """A column's label as Wagtail writes a form's: the field's name, capitalised."""
    return capfirst(model._meta.get_field(name).verbose_name)


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "date"
    menu_label = _("Cohorts and dates")
    list_display = [
        "__str__",
        "country",
        "year",
        "seats",
        Column("status", label=_("Status"), accessor="status.label"),
        Column(
            "dates_updated_at",
            label=field_label(Cohort, "dates_updated_at"),
            accessor=lambda cohort: moment_with_zone(cohort.dates_updated_at),
        ),
    ]
    list_filter = ["country", "year"]
    search_fields = ["slug", "country"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("country"), FieldPanel("year")]),
                    FieldPanel("slug"),
                    FieldPanel("delivery_languages"),
                    FieldRowPanel([FieldPanel("planned_start"), FieldPanel("planned_end")]),
                    FieldRowPanel([FieldPanel("seats"), FieldPanel("time_zone")]),
                ],
                heading=_("Cohort"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("applications_open_on"), FieldPanel("applications_close_on")]
                    )
                ],
                heading=_("Application window"),
            ),
            FieldPanel("status_override"),
            SessionTimesPanel(heading=_("Time zone of the session times")),
            InlinePanel(
                "sessions",
                heading=_("Sessions"),
                label=_("Session"),
                panels=[
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("position")]),
                    FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                    FieldRowPanel([FieldPanel("is_confirmed"), FieldPanel("is_cancelled")]),
                    FieldPanel("venue"),
                    FieldPanel("join_url"),
                ],
            ),
            DateHistoryPanel(heading=_("History of date confirmations and changes")),
        ],
        base_form_class=CohortAdminForm,
    )

    def get_queryset(self, request):
        # The status follows the sessions' dates: load them with the cohorts, not per row.
        return Cohort.objects.with_sessions()


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "calendar-alt"
    menu_label = _("Events")
    list_display = [
        "__str__",
        "kind",
        Column(
            "starts_at",
            label=field_label(Event, "starts_at"),
            accessor=lambda event: moment_with_zone(event.starts_at, event.zone),
        ),
        BooleanColumn("is_confirmed", label=field_label(Event, "is_confirmed")),
    ]
    list_filter = ["kind"]


class EventTopicViewSet(SnippetViewSet):
    model = EventTopic
    icon = "doc-full"
    menu_label = _("Event topics")


class ProgrammeViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Programme")
    menu_icon = "date"
    menu_order = 200
    items = (CohortViewSet, EventViewSet, EventTopicViewSet)


register_snippet(ProgrammeViewSetGroup)


hooks.register(HOME_PAGE_HOOK, add_cohorts_to_home_page)
hooks.register(SEARCH_HOOK, add_matching_cohorts_to_search)
hooks.register(SEARCH_HOOK, add_matching_events_to_search)
hooks.register("construct_homepage_panels", add_programme_panels)


@hooks.register(BOOTSTRAP_HOOK)
def add_programme_sections(home):
    """The programme's pages, empty, for editors to write: about, cohorts, events, privacy."""
    add_draft(home, ProgrammePage(title=str(_("About the programme")), slug="programme"))
    add_draft(home, CohortIndexPage(title=str(_("Cohorts and dates")), slug="cohorts"))
    add_draft(home, EventIndexPage(title=str(_("Events")), slug="events"))
    add_draft(home, ProgrammePage(title=str(_("Privacy notice")), slug="privacy"))


def cohort_calendar_paths():
    """Each cohort's iCalendar feed in every language, for the frontend cache's purge."""
    slugs = list(Cohort.objects.values_list("slug", flat=True))
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths += [reverse("programme:cohort_calendar", args=[slug]) for slug in slugs]
    return paths


# The page cache (web/page_cache.py): cohorts, their sessions and date changes, events and
# their topics appear on the home page, the cohort listing and its cohort pages, the events
# page and the calendars.
page_cache.register(
    "programme",
    models=[Cohort, Session, SessionDateChange, Event, EventTopic],
    pages=[HomePage, CohortIndexPage, EventIndexPage],
    url_names=["programme:all_calendar", "programme:cohort_calendar"],
    purge_paths=cohort_calendar_paths,
)
