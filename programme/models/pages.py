"""Programme pages: content pages, the cohort listing with a page per cohort, and the events."""

import itertools

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from members.access import is_member
from programme.models.cohorts import Cohort
from programme.models.events import Event, attach_registration_links, attach_topics
from web.links import page_url


class ProgrammePage(Page):
    """A page of programme information: about, format, who it is for, certificate, FAQ, contact."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "programme.ProgrammePage"]

    class Meta:
        verbose_name = _("programme page")


class ListingPage(Page):
    """A page under home that introduces a listing built from stored records."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("introduction"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True


class CohortIndexPage(RoutablePageMixin, ListingPage):
    """All cohorts grouped by year, and a page for each cohort built from its stored facts."""

    class Meta:
        verbose_name = _("cohort listing")

    @classmethod
    def cohort_path(cls, slug):
        """A cohort's route under any cohort listing ("fr-2025/"): the listing's own URL
        comes first. A class method, so a listing looked up as a plain Page can use it."""
        return cls.get_resolver().reverse("cohort", slug=slug)

    @path("")
    def cohort_list(self, request):
        # Read only if the listing's table is rendered, not when remembered (web/fragments.py).
        years = SimpleLazyObject(cohorts_by_year)
        return self.render(request, context_overrides={"years": years})

    @path("<slug:slug>/", name="cohort")
    def cohort_detail(self, request, slug):
        # Its sessions and date changes (a query each) are read only if the page's part is
        # rendered, not when it is remembered (web/fragments.py).
        cohort = get_object_or_404(Cohort, slug=slug)
        return self.render(
            request,
            template="programme/cohort_page.html",
            context_overrides={"cohort": cohort, "route_suffix": f"{slug}/"},
        )

    def get_cached_paths(self):
        """The listing and each cohort's page, for the frontend cache's purge (a CDN)."""
        return ["/", *(f"/{slug}/" for slug in Cohort.objects.values_list("slug", flat=True))]

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = page_url(self)
        for cohort in Cohort.objects.only("slug"):
            urls.append({"location": f"{base}{cohort.slug}/", "lastmod": self.last_published_at})
        return urls


def cohorts_by_year():
    """[(year, [its cohorts in order])] for the listing."""
    cohorts = list(Cohort.objects.with_sessions().order_by("year", "planned_start", "country"))
    return [(year, list(group)) for year, group in itertools.groupby(cohorts, lambda c: c.year)]


# Apps that tell more about past events (the committee's summary notes) register a function
# (events, locale_id, user) under this hook; it sets attributes on the events in place.
PAST_EVENTS_HOOK = "programme_past_events"


class EventIndexPage(ListingPage):
    """The steering committee's web conferences and the final conference, upcoming then past."""

    class Meta:
        verbose_name = _("event listing")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        # Read only if the lists are rendered, not when they are remembered (web/fragments.py).
        lists = SimpleLazyObject(lambda: self.event_lists(request, now))
        context["now"] = now
        context["upcoming_events"] = SimpleLazyObject(lambda: lists[0])
        context["past_events"] = SimpleLazyObject(lambda: lists[1])
        context["shows_join_links"] = is_member(request.user)
        return context

    def event_lists(self, request, now):
        """(upcoming events, past events newest first, with what apps tell about them)."""
        events = attach_topics(Event.objects.select_related("topic"))
        upcoming = attach_registration_links(e for e in events if e.ends_at >= now)
        past = [e for e in reversed(events) if e.ends_at < now]
        for attach_details in hooks.get_hooks(PAST_EVENTS_HOOK):
            attach_details(past, self.locale_id, request.user)
        return upcoming, past
