"""The member-only library: the site's documents, described and classified, on a restricted page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument, Document
from wagtail.models import Collection, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from committee.forms import LibraryFilterForm
from committee.models.topics import Topic
from home.models import ViewRestrictionsInOneQuery
from members.access import is_member
from web.storage import PRIVATE_PREFIX, document_storage, move_file


class ResourceType(models.TextChoices):
    REPORT = "report", _("Report")
    GUIDE = "guide", _("Guide")
    SLIDES = "slides", _("Slides")
    LEGAL_TEXT = "legal_text", _("Legal text")
    TEMPLATE = "template", _("Template")


def is_restricted(collection):
    return collection is not None and collection.get_view_restrictions().exists()


def resource_upload_to(instance, filename):
    """Documents of restricted collections are stored privately from their first byte."""
    prefix = PRIVATE_PREFIX if is_restricted(instance.collection) else ""
    return f"{prefix}documents/{filename}"


class Resource(AbstractDocument):
    """A document of the site; in the member library it is also described and classified.

    Its file is in public media only while its collection is public: documents of restricted
    collections are stored privately (web/storage.py), and moved when their collection or its
    restrictions change (`keep_file_private`).
    """

    file = models.FileField(
        upload_to=resource_upload_to, storage=document_storage, verbose_name=_("file")
    )

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

    def save(self, *args, **kwargs):
        # Wagtail's upload form measures the file; documents saved in code (the demo, imports)
        # were not, and the library showed "PDF, 0 bytes".
        if self.file and self.file_size is None:
            self._set_document_file_metadata()
        super().save(*args, **kwargs)
        self.keep_file_private()

    def keep_file_private(self):
        """Move the file to the private side if the collection is restricted (or back)."""
        if not self.file:
            return
        new_name = move_file(self.file, private=is_restricted(self.collection))
        if new_name != self.file.name:
            self.file.name = new_name
            type(self).objects.filter(pk=self.pk).update(file=new_name)


def library_documents(collection_id, filters, topic_names):
    """Documents of the collection matching `filters`, each with its topic names
    (`topic_names` maps a topic slug to its name in the page's language).

    Two queries whatever the size of the library (search adds one).
    """
    documents = Resource.objects.filter(collection_id=collection_id)
    if filters["q"]:
        hits = Resource.objects.filter(collection_id=collection_id).search(filters["q"])
        documents = documents.filter(pk__in=[hit.pk for hit in hits])
    if filters["topic"]:
        documents = documents.filter(topics__slug=filters["topic"]).distinct()
    if filters["type"]:
        documents = documents.filter(resource_type=filters["type"])
    if filters["language"]:
        documents = documents.filter(language=filters["language"])
    order = "created_at" if filters["sort"] == "oldest" else "-created_at"
    documents = list(documents.order_by(order, "title"))
    _attach_topics(documents, topic_names)
    return documents


def _attach_topics(documents, names):
    links = Resource.topics.through.objects.filter(
        resource_id__in=[document.pk for document in documents]
    ).values_list("resource_id", "topic__slug")
    slugs_by_document = {}
    for document_id, slug in links:
        slugs_by_document.setdefault(document_id, set()).add(slug)
    for document in documents:
        document.topic_names = sorted(
            names.get(slug, slug) for slug in slugs_by_document.get(document.pk, ())
        )


class LibraryPage(ViewRestrictionsInOneQuery, Page):
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
            # wagtail.views loads the Page model, so it cannot be imported with the models.
            from wagtail.views import require_wagtail_login

            return require_wagtail_login(next=request.get_full_path())
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topics = list(Topic.objects.filter(locale_id=self.locale_id))
        form = LibraryFilterForm(
            request.GET or None, topics=topics, resource_types=ResourceType.choices
        )
        context["filter_form"] = form
        context["documents"] = library_documents(
            self.collection_id, form.filters(), {topic.slug: topic.name for topic in topics}
        )
        return context
