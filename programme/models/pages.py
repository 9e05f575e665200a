"""Programme pages: content pages, the cohort listing with a page per cohort, and the events."""

import itertools

from django.conf import settings
from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
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
from home.languages import language_of
from home.models import ViewRestrictionsInOneQuery
from members.access import is_member
from programme.cohort_slugs import english_slug
from programme.models.cohorts import Cohort
from programme.models.events import Event, attach_registration_links, attach_topics
from web.links import page_url


class ProgrammePage(ViewRestrictionsInOneQuery, Page):
    """A page of programme information: about, format, who it is for, certificate, FAQ, contact."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "programme.ProgrammePage"]

    class Meta:
        verbose_name = _("programme page")


class ListingPage(ViewRestrictionsInOneQuery, Page):
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
    def cohort_path(cls, cohort, language_code):
        """A cohort's route under a cohort listing in `language_code` ("deutschland-2026/"):
        the listing's own URL comes first. A class method, so a listing looked up as a plain
        Page can use it."""
        return cls.get_resolver().reverse("cohort", slug=cohort.slug_in(language_code))

    @classmethod
    def cohort_address(cls, listing_url, cohort):
        """The address of `cohort`'s page under the listing at `listing_url` (a path or a full
        address), its slug in the listing's language (the address's prefix, /de/)."""
        return f"{listing_url}{cls.cohort_path(cohort, language_of(listing_url))}"

    @path("")
    def cohort_list(self, request):
        # Read only if the listing's table is rendered, not when remembered (web/fragments.py).
        years = SimpleLazyObject(cohorts_by_year)
        return self.render(request, context_overrides={"years": years})

    @path("<slug:slug>/", name="cohort")
    def cohort_detail(self, request, slug):
        language = language_of(request.path)
        cohort = cohort_at(slug, language)
        if cohort is None:
            raise Http404
        if cohort.slug_in(language) != slug:
            # The English slug under /de/ (addresses before they were translated, in emails
            # and bookmarks), or another language's: to the page in this listing's language.
            return HttpResponsePermanentRedirect(self.redirect_address(request, cohort, language))
        # Its sessions and date changes (a query each) are read only if the page's part is
        # rendered, not when it is remembered (web/fragments.py).
        return self.render(
            request,
            template="programme/cohort_page.html",
            context_overrides={
                "cohort": cohort,
                "route_suffix": {
                    code: self.cohort_path(cohort, code) for code, _name in settings.LANGUAGES
                },
            },
        )

    def redirect_address(self, request, cohort, language_code):
        query = request.META.get("QUERY_STRING", "")
        address = f"{self.get_url(request)}{self.cohort_path(cohort, language_code)}"
        return f"{address}?{query}" if query else address

    def get_cached_paths(self):
        """The listing and each cohort's page, for the frontend cache's purge (a CDN): at its
        address in the listing's language, and at its English one, which may hold a cached
        redirect (or, from before addresses were translated, the page itself)."""
        language = language_of(self.get_url() or "")
        paths = {"/"}
        for cohort in Cohort.objects.only("slug", "country"):
            paths.add(f"/{self.cohort_path(cohort, language)}")
            paths.add(f"/{self.cohort_path(cohort, settings.LANGUAGE_CODE)}")
        return sorted(paths)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = page_url(self)
        for cohort in Cohort.objects.only("slug", "country"):
            urls.append(
                {
                    "location": self.cohort_address(base, cohort),
                    "lastmod": self.last_published_at,
                    # One route in every language, though its address differs (home/sitemap.py).
                    "route": f"cohort:{cohort.slug}",
                }
            )
        return urls


def cohort_at(slug, language_code):
    """The cohort whose address in `language_code` ends in `slug`, else one whose address in
    another language does (a redirect), else None: one query."""
    candidates = Cohort.objects.filter(slug__in={slug, english_slug(slug)})
    return max(
        candidates,
        key=lambda cohort: (cohort.slug_in(language_code) == slug, cohort.slug == slug),
        default=None,
    )


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
