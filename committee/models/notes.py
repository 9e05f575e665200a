"""The committee's page, its notes listing (with feeds) and its notes, public or members only."""

from django import forms
from django.contrib.auth.models import Group
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from committee.feeds import NotesAtomFeed, NotesRssFeed
from committee.forms import NoteAdminForm
from committee.models.members import CommitteeMember
from committee.models.topics import Topic
from committee.permissions import NoteIndexPermissionTester, NotePermissionTester
from home.blocks import BaseStreamBlock
from home.models import ViewRestrictionsInOneQuery
from home.visibility import discoverable_pages, readable_pages
from members.access import is_member
from members.groups import MEMBER_GROUPS

NOTES_PER_PAGE = 10


class NoteType(models.TextChoices):
    MEETING_NOTES = "meeting_notes", _("Meeting notes")
    RECOMMENDATION = "recommendation", _("Recommendation")
    POSITION_PAPER = "position_paper", _("Position paper")
    WEB_CONFERENCE_SUMMARY = "web_conference_summary", _("Web conference summary")


class CommitteePage(ViewRestrictionsInOneQuery, Page):
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
        context["sections"] = readable_pages(children, is_member(request.user)).specific()
        return context


class CommitteeNoteIndexPage(ViewRestrictionsInOneQuery, RoutablePageMixin, Page):
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
        return NoteIndexPermissionTester(user, self)

    def notes_for(self, user):
        """Live notes of this listing that `user` may read: members see the members-only ones."""
        notes = readable_pages(CommitteeNotePage.objects.child_of(self), is_member(user))
        return notes.order_by("-date", "-pk")

    def public_notes(self):
        """The notes anyone may read (the feeds' and the public listing's), newest first."""
        notes = discoverable_pages(CommitteeNotePage.objects.child_of(self))
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
        return NotesRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
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


def attach_topic_names(note):
    """Give one note its topic names, as `attach_note_details` does, in one query: a topic
    shows under the name of the topic with its slug in the note's language, else its slug."""
    name_here = Topic.objects.filter(locale_id=note.locale_id, slug=OuterRef("topic__slug"))
    links = CommitteeNotePage.topics.through.objects.filter(committeenotepage_id=note.pk)
    names = links.annotate(
        name=Coalesce(
            Subquery(name_here.values("name")[:1]), "topic__slug", output_field=CharField()
        )
    )
    note.topic_names = sorted(names.values_list("name", flat=True))


def attach_summary_notes(events, locale_id, user):
    """Give each past web conference its summary notes in the page's language (one query)."""
    notes = readable_pages(
        CommitteeNotePage.objects.filter(locale_id=locale_id, event__in=events), is_member(user)
    )
    by_event = {}
    for note in notes.order_by("date").only("id", "title", "url_path", "locale_id", "event_id"):
        by_event.setdefault(note.event_id, []).append(note)
    for event in events:
        event.summary_note_list = by_event.get(event.pk, [])


class CommitteeNotePage(ViewRestrictionsInOneQuery, Page):
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
        MultipleChooserPanel(
            "note_authors",
            chooser_field_name="member",
            heading=_("Authors"),
            label=_("author"),
        ),
        FieldPanel("body"),
        FieldPanel("documents"),
    ]
    search_fields = Page.search_fields + [
        # A note is found by the names of its topics, in its own language.
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["committee.CommitteeNoteIndexPage"]
    subpage_types = []
    override_translatable_fields = [
        SynchronizedField("topics"),
        SynchronizedField("note_authors"),
        SynchronizedField("event"),
    ]

    class Meta:
        verbose_name = _("committee note")
        verbose_name_plural = _("committee notes")

    def permissions_for_user(self, user):
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
        attach_topic_names(self)
        context["authors"] = self.author_members()
        return context

    def author_members(self):
        """The committee members who sign the note, in their chosen order."""
        return [author.member for author in self.note_authors.select_related("member")]


class NoteAuthor(Orderable):
    """One signature of a note: a committee member of the note's language, in order."""

    note = ParentalKey(CommitteeNotePage, on_delete=models.CASCADE, related_name="note_authors")
    member = models.ForeignKey(
        CommitteeMember,
        verbose_name=_("committee member"),
        on_delete=models.CASCADE,
        related_name="signed_notes",
    )

    panels = [FieldPanel("member")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
