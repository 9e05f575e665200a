"""The home page, the site-wide contact settings and the translated footer."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.urls import Resolver404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.sections import by_place
from home.visibility import (
    discoverable_pages,
    is_restricted,
    keep_section_pages,
)


class PageRestriction(PageViewRestriction):
    """Wagtail's page view restriction, checked with the reader's groups read as Django
    prefetches them: once per request, shared with the member tests (members/access.py)."""

    class Meta:
        proxy = True

    def accept_request(self, request):
        if request.user.is_authenticated:
            prefetch_related_objects([request.user], "groups")
        return super().accept_request(request)


class ViewRestrictionsInOneQuery:
    """A page whose privacy is checked in one query (two with the restrictions' groups), for the
    page and its ancestors together, when the route has already read the ancestors.

    Wagtail reads the ancestors again to learn which of them are aliases (an alias follows its
    source's restrictions). The route leaves each page its parent (`_cached_parent_obj`, as
    Wagtail's and `HomePage.route` do); when every ancestor below the tree's root is known and
    none is an alias, the restrictions of the page and its ancestors are those on their paths.
    Otherwise Wagtail's own lookup answers. Nothing is kept between requests.
    """

    def get_view_restrictions(self):
        paths = _ancestor_paths_without_aliases(self)
        if paths is None:
            wagtails = super().get_view_restrictions()
            restrictions = PageRestriction.objects.filter(pk__in=wagtails.values("pk"))
        else:
            restrictions = PageRestriction.objects.filter(page__path__in=paths)
        return restrictions.prefetch_related("groups")


def _ancestor_paths_without_aliases(page):
    """The paths of `page` and its ancestors, if the route left each page its parent and none
    is an alias; else None. The tree's root (depth 1) is never an alias."""
    paths = []
    while True:
        if page.alias_of_id is not None:
            return None
        paths.append(page.path)
        if page.depth == 1:
            return paths
        if page.depth == 2:
            return [*paths, page.path[: Page.steplen]]
        parent = page.__dict__.get("_cached_parent_obj")
        if parent is None or parent.path != page.path[: -Page.steplen]:
            return None
        page = parent


# The apps above the site frame fill the home page (the call to apply, figures, next sessions,
# cohorts) through this hook: functions (page, request) that return `Section`s (home/sections.py)
# for the places "call_to_action", "figures" and "main".
HOME_PAGE_HOOK = "home_page_context"


class HomePage(ViewRestrictionsInOneQuery, Page):
    """The front page of one language tree."""

    intro = models.TextField(
        _("introduction"), help_text=_("What the programme is, in a few lines.")
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Wagtail's route, with the pages along the address read in one query.

        Wagtail walks down one level at a time, two queries per level (the child, then its
        specific page): six for a committee note. Here the pages whose addresses begin the
        requested one are read at once; the walk goes down them as Wagtail's would, and the
        deepest page (or the first whose class routes for itself: a listing with a page per
        cohort) routes the rest, with Wagtail's own code (its live check, its 404). A routable
        page whose own routes do not match the rest (a note under the notes listing) is walked
        through, as Wagtail's routable page would hand the rest to its child.
        """
        prefixes = [
            self.url_path + "".join(f"{slug}/" for slug in path_components[: depth + 1])
            for depth in range(len(path_components))
        ]
        # The sections under this home page (the menu's) come in the same query.
        pages = list(
            Page.objects.filter(
                Q(url_path__in=prefixes) | Q(depth=self.depth + 1, live=True),
                path__startswith=self.path,
            )
            .annotate(restricted=is_restricted())
            .order_by("path")
        )
        keep_section_pages(request, self.path, pages)
        found = {page.url_path: page for page in pages if page.url_path in prefixes}
        page, remaining = self, list(path_components)
        for prefix in prefixes:
            if (page is not self and not _routes_to_child(page, remaining)) or prefix not in found:
                break
            child = found[prefix]
            child._cached_parent_obj = page  # as Wagtail's walk does: no query for the parent
            page, remaining = child, remaining[1:]
        if page is self:
            return super().route(request, path_components)
        return page.specific.route(request, remaining)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["participants_target"] = settings.PROGRAMME_PARTICIPANT_TARGET
        # Read only if the page's part is rendered, not when it is remembered (web/fragments.py).
        context["sections"] = SimpleLazyObject(
            lambda: by_place(
                section
                for sections_of in hooks.get_hooks(HOME_PAGE_HOOK)
                for section in sections_of(self, request)
            )
        )
        return context


def _routes_to_child(page, remaining):
    """Whether `page` routes the `remaining` path to its child as Wagtail's Page does: it is not
    a routable page, or it is one (the notes listing) whose own routes do not match that path,
    so that Wagtail's routable page would hand it to the child too."""
    route = getattr(page.specific_class, "route", None)
    if route is Page.route:
        return True
    if route is not RoutablePageMixin.route:
        return False
    try:
        page.specific_class.get_resolver().resolve("/" + "".join(f"{part}/" for part in remaining))
    except Resolver404:
        return True
    return not page.live


# Efus's name as stored by default; pages show its official name in their language.
EFUS_NAME = gettext_noop("Efus – European Forum for Urban Security")


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """Who to contact about the programme (names and addresses are not translated)."""

    manager_name = models.CharField(_("programme manager"), max_length=120)
    manager_email = models.EmailField(_("programme manager email"))
    manager_phone = models.CharField(_("programme manager phone"), max_length=40, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, default=EFUS_NAME)
    organisation_address = models.TextField(_("organisation address"), blank=True)
    organisation_url = models.URLField(_("organisation website"), default="https://efus.eu")
    staff_notification_email = models.EmailField(
        _("staff notification email"), blank=True, help_text=_("Receives new applications.")
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Linked from every form that collects personal data (in the reader's language)."
        ),
    )
    legal_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("legal notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page (in the reader's language)."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page (in the reader's language)."),
    )
    sitemap_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sitemap page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The readable sitemap, linked from the footer (the XML one stays for crawlers)."
        ),
    )
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    programme_ended_on = models.DateField(
        _("programme ended on"),
        null=True,
        blank=True,
        help_text=_(
            "From this day (Brussels time), every page says the programme has ended, calls for "
            "applications, alerts and registrations close, and the home page leads with the "
            "results."
        ),
    )

    # Empty: the open data is published under CC BY 4.0 (figures/open_data.py).
    open_data_licence_name = models.CharField(
        _("open data licence"),
        max_length=100,
        blank=True,
        help_text=_("Leave both licence fields empty to publish the open data under CC BY 4.0."),
    )
    open_data_licence_url = models.URLField(
        _("open data licence address"),
        blank=True,
        help_text=_("The address of the licence's text."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("manager_name"), FieldPanel("manager_email"), FieldPanel("manager_phone")],
            heading=_("Senior programme manager"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("organisation_address"),
                FieldPanel("organisation_url"),
            ],
            heading=_("Organisation"),
        ),
        FieldPanel("staff_notification_email"),
        MultiFieldPanel(
            [
                FieldPanel("privacy_page"),
                FieldPanel("legal_notice_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("sitemap_page"),
            ],
            heading=_("Footer pages"),
        ),
        MultiFieldPanel([FieldPanel("linkedin_url"), FieldPanel("youtube_url")], _("Social")),
        FieldPanel("programme_ended_on"),
        MultiFieldPanel(
            [FieldPanel("open_data_licence_name"), FieldPanel("open_data_licence_url")],
            heading=_("Open data licence"),
        ),
    ]

    class Meta:
        verbose_name = _("programme contact")

    def clean(self):
        super().clean()
        name, url = self.open_data_licence_name.strip(), self.open_data_licence_url.strip()
        if bool(name) != bool(url):
            missing = "open_data_licence_url" if name else "open_data_licence_name"
            raise ValidationError(
                {missing: _("Give both the licence's name and its address, or neither.")}
            )


class FooterText(TranslatableMixin, models.Model):
    """The footer's words, one per language (site settings cannot be translated)."""

    body = RichTextField(_("footer text"), features=["bold", "italic", "link"])

    panels = [FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self):
        return f"{_('Footer')} ({self.locale})"


class SitemapPage(Page):
    """The readable sitemap of one language: every page the public may open, as a tree (the XML
    sitemap stays for crawlers)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("sitemap page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent()
        pages = discoverable_pages(home.get_descendants(inclusive=True)).order_by("path")
        context["sitemap_tree"] = page_tree(
            list(pages.only("id", "title", "path", "depth", "url_path"))
        )
        return context


def page_tree(pages):
    """Nest pages (sorted by tree path) as (page, children) pairs under their nearest listed
    ancestor, so a hidden page's children still show."""
    roots, stack = [], []
    for page in pages:
        node = (page, [])
        while stack and not page.path.startswith(stack[-1][0].path):
            stack.pop()
        (stack[-1][1] if stack else roots).append(node)
        stack.append(node)
    return roots
