"""The steering committee: its members, its notes, its topics and the member-only library."""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import StreamField
from wagtail.models import Collection, Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from committee.access import MEMBER_GROUPS, is_member
from committee.forms import NoteAdminForm
from home.blocks import BaseStreamBlock
from home.visibility import discoverable_pages
from programme.facts import COUNTRIES

NOTES_PER_PAGE = 10


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    AI_EXPERT = "ai_expert", _("AI expert")
    CITY_PARTICIPANT = "city_participant", _("City participant")
    EFUS_STAFF = "efus_staff", _("Efus staff")


class NoteType(models.TextChoices):
    MEETING_NOTES = "meeting_notes", _("Meeting notes")
    RECOMMENDATION = "recommendation", _("Recommendation")
    POSITION_PAPER = "position_paper", _("Position paper")
    WEB_CONFERENCE_SUMMARY = "web_conference_summary", _("Web conference summary")


class ResourceType(models.TextChoices):
    REPORT = "report", _("Report")
    GUIDE = "guide", _("Guide")
    SLIDES = "slides", _("Slides")
    LEGAL_TEXT = "legal_text", _("Legal text")
    TEMPLATE = "template", _("Template")


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A subject the committee works on (ethics, the EU AI Act…), named in each language."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, help_text=_("The same in every language."))

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.FilterField("locale_id")]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CommitteeMember(TranslatableMixin, index.Indexed, models.Model):
    """A person on the steering committee; the role and bio are translated, the name is not."""

    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=CommitteeRole.choices)
    organisation = models.CharField(_("organisation"), max_length=200)
    city = models.CharField(_("city"), max_length=150, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short biography"), max_length=600, blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_profiles",
        help_text=_("The member's login, so that their notes appear in their space."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order on the committee page"), default=10)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("sort_order")]),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("account"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("organisation"),
        index.FilterField("locale_id"),
    ]
    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("organisation"),
        SynchronizedField("city"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Resource(AbstractDocument):
    """A document of the site; in the member library it is also described and classified."""

    description = models.TextField(_("description"), max_length=1000, blank=True)
    resource_type = models.CharField(
        _("type"), max_length=20, choices=ResourceType.choices, blank=True
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")

    admin_form_fields = Document.admin_form_fields + (
        "description",
        "resource_type",
        "language",
        "topics",
    )
    search_fields = AbstractDocument.search_fields + [
        index.SearchField("description"),
        index.FilterField("resource_type"),
        index.FilterField("language"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class CommitteePage(Page):
    """The committee's home: its mission, how it works, its members and its sections."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    working_group_url = models.URLField(
        _("Efus working group link"),
        blank=True,
        help_text=_("The page of Efus's Innovation and Technology Working Group."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("working_group_url"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["committee.CommitteeNoteIndexPage", "committee.LibraryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("committee page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["members"] = CommitteeMember.objects.filter(
            locale_id=self.locale_id
        ).select_related("photo")
        children = self.get_children()
        visible = children.live() if is_member(request.user) else discoverable_pages(children)
        context["sections"] = visible.specific()
        return context


class CommitteeNoteIndexPage(RoutablePageMixin, Page):
    """The committee's notes, newest first, filterable by type and topic, with RSS and Atom feeds.

    Committee members may add notes here and nowhere else; the listing itself stays the
    editors' page (see `permissions_for_user`).
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["committee.CommitteePage"]
    subpage_types = ["committee.CommitteeNotePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("committee notes listing")

    def permissions_for_user(self, user):
        from committee.permissions import NoteIndexPermissionTester

        return NoteIndexPermissionTester(user, self)

    def notes_for(self, user):
        """Live notes of this listing that `user` may read: members see the members-only ones."""
        notes = CommitteeNotePage.objects.child_of(self)
        if is_member(user):
            notes = notes.live().filter(alias_of__isnull=True)
        else:
            notes = discoverable_pages(notes)
        return notes.order_by("-date", "-pk")

    @path("")
    def note_list(self, request):
        notes = self.notes_for(request.user)
        note_type = request.GET.get("type", "")
        if note_type in NoteType.values:
            notes = notes.filter(note_type=note_type)
        else:
            note_type = ""
        topics = list(Topic.objects.filter(locale_id=self.locale_id))
        topic_slug = request.GET.get("topic", "")
        if topic_slug in {topic.slug for topic in topics}:
            notes = notes.filter(topics__slug=topic_slug).distinct()
        else:
            topic_slug = ""
        paginator = Paginator(notes, NOTES_PER_PAGE)
        try:
            page_of_notes = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_of_notes = paginator.page(1)
        except EmptyPage:
            raise Http404 from None
        notes_on_page = list(page_of_notes.object_list)
        attach_note_details(notes_on_page, {topic.slug: topic.name for topic in topics})
        return self.render(
            request,
            context_overrides={
                "notes": notes_on_page,
                "page_of_notes": page_of_notes,
                "note_types": NoteType.choices,
                "topics": topics,
                "selected_type": note_type,
                "selected_topic": topic_slug,
                "filter_query": _filter_query(note_type, topic_slug),
            },
        )

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        from committee.feeds import NotesRssFeed

        return NotesRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from committee.feeds import NotesAtomFeed

        return NotesAtomFeed(self)(request)


def _filter_query(note_type, topic_slug):
    parts = []
    if note_type:
        parts.append(f"type={note_type}")
    if topic_slug:
        parts.append(f"topic={topic_slug}")
    return "&".join(parts)


def attach_note_details(notes, topic_names):
    """Give each note its topic names (`topic_names` maps slug to name) in one query."""
    links = CommitteeNotePage.topics.through.objects.filter(
        committeenotepage_id__in=[note.pk for note in notes]
    ).values_list("committeenotepage_id", "topic__slug")
    topics = {}
    for note_id, slug in links:
        topics.setdefault(note_id, []).append(topic_names.get(slug, slug))
    for note in notes:
        note.topic_names = sorted(topics.get(note.pk, []))


def topic_names_in(locale_id):
    return dict(Topic.objects.filter(locale_id=locale_id).values_list("slug", "name"))


def attach_summary_notes(events, locale_id, user):
    """Give each past web conference its summary notes in the page's language (one query)."""
    notes = CommitteeNotePage.objects.live().filter(
        locale_id=locale_id, alias_of__isnull=True, event__in=events
    )
    if not is_member(user):
        notes = notes.public()
    by_event = {}
    for note in notes.order_by("date").only("id", "title", "url_path", "locale_id", "event_id"):
        by_event.setdefault(note.event_id, []).append(note)
    for event in events:
        event.summary_note_list = by_event.get(event.pk, [])


class CommitteeNotePage(Page):
    """A note of the committee: meeting notes, a recommendation, a position paper or a summary."""

    date = models.DateField(_("date"))
    note_type = models.CharField(_("type"), max_length=30, choices=NoteType.choices)
    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_(
            "Only committee members and participants can read it; it is left out of listings, "
            "search, the sitemap and the feeds for everyone else, in every language."
        ),
    )
    summary = models.TextField(_("summary"), max_length=400, blank=True)
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    authors = ParentalManyToManyField(CommitteeMember, verbose_name=_("authors"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    documents = StreamField(
        [("document", DocumentChooserBlock(label=_("document")))],
        blank=True,
        verbose_name=_("attached documents"),
    )
    event = models.ForeignKey(
        "programme.Event",
        verbose_name=_("web conference"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="summary_notes",
        help_text=_("For a web conference summary: the conference it sums up."),
    )

    base_form_class = NoteAdminForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("note_type")]),
                FieldPanel("members_only"),
                FieldPanel("event"),
            ],
            heading=_("About this note"),
        ),
        FieldPanel("summary"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("authors"),
        FieldPanel("body"),
        FieldPanel("documents"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["committee.CommitteeNoteIndexPage"]
    subpage_types = []
    override_translatable_fields = [
        SynchronizedField("topics"),
        SynchronizedField("authors"),
        SynchronizedField("event"),
    ]

    class Meta:
        verbose_name = _("committee note")
        verbose_name_plural = _("committee notes")

    def permissions_for_user(self, user):
        from committee.permissions import NotePermissionTester

        return NotePermissionTester(user, self)

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # Saving a draft writes only bookkeeping fields: the audience changes when published.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "members_only" in update_fields:
            self.apply_audience()
        return result

    def apply_audience(self):
        """Keep the page's view restriction in line with `members_only` (Wagtail page privacy)."""
        restrictions = list(PageViewRestriction.objects.filter(page=self).order_by("pk"))
        if not self.members_only:
            for restriction in restrictions:
                restriction.delete()
            return
        restriction = restrictions[0] if restrictions else PageViewRestriction(page=self)
        for extra in restrictions[1:]:
            extra.delete()
        restriction.restriction_type = PageViewRestriction.GROUPS
        restriction.save()
        restriction.groups.set(Group.objects.filter(name__in=MEMBER_GROUPS))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        attach_note_details([self], topic_names_in(self.locale_id))
        context["authors"] = list(self.authors.all())
        return context


class LibraryPage(Page):
    """The member-only resource library: the documents of one restricted collection."""

    intro = models.TextField(_("introduction"), blank=True)
    collection = models.ForeignKey(
        Collection,
        verbose_name=_("collection"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The collection whose documents are listed; give it a view restriction."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("collection")]
    parent_page_types = ["committee.CommitteePage"]
    subpage_types = []
    max_count_per_parent = 1
    override_translatable_fields = [SynchronizedField("collection")]

    class Meta:
        verbose_name = _("member library")

    def serve(self, request, *args, **kwargs):
        # Belt and braces: even if a translation lost its view restriction, only members read it.
        if not is_member(request.user):
            from wagtail.views import require_wagtail_login

            return require_wagtail_login(next=request.get_full_path())
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from committee.forms import LibraryFilterForm
        from committee.library import library_documents

        context = super().get_context(request, *args, **kwargs)
        topics = list(Topic.objects.filter(locale_id=self.locale_id))
        form = LibraryFilterForm(request.GET or None, topics=topics)
        context["filter_form"] = form
        context["documents"] = library_documents(
            self.collection_id, form.filters(), {topic.slug: topic.name for topic in topics}
        )
        return context
