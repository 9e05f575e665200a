"""Signal wiring of the committee: page privacy kept the same in every language, each new
notes section opened to committee members, a translated note's slug in its own language,
documents' files moved to private storage when their collection becomes restricted (and back),
and members told of new notes, library documents and web conferences (`committee.notices`)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published

from committee import privacy
from committee.models import CommitteeNoteIndexPage, CommitteeNotePage, Resource
from committee.note_translations import localize_slug
from committee.notices import announce_conference, announce_document, announce_note
from committee.permissions import MEMBER_LIBRARY, grant_committee_section
from programme.models import Event, EventKind

post_save.connect(privacy.on_restriction_saved, sender=PageViewRestriction)
m2m_changed.connect(
    privacy.on_restriction_groups_changed, sender=PageViewRestriction.groups.through
)


@receiver(post_save, sender=CommitteeNoteIndexPage, dispatch_uid="committee.open_notes_section")
def open_new_notes_section(sender, instance, created, **kwargs):
    if created:
        grant_committee_section(instance)


@receiver(page_published, sender=CommitteeNotePage, dispatch_uid="committee.localize_slug")
def give_a_translated_note_its_slug(sender, instance, revision, **kwargs):
    localize_slug(instance, revision)


@receiver(page_published, sender=CommitteeNotePage, dispatch_uid="committee.index_topics")
def index_a_note_with_its_topics(sender, instance, **kwargs):
    """Index the note again once its topics are stored: a page is indexed when it is saved,
    before modelcluster writes its many-to-many topics, so a note would be found by the topics
    it had before this revision."""
    index.insert_or_update_object(instance)


def documents_of(collection):
    """The documents of a collection and of the collections under it."""
    collections = Collection.objects.descendant_of(collection, inclusive=True)
    return Resource.objects.filter(collection__in=collections)


@receiver(post_save, sender=CollectionViewRestriction, dispatch_uid="committee.private_files")
@receiver(post_delete, sender=CollectionViewRestriction, dispatch_uid="committee.public_files")
def move_files_when_a_collection_changes_privacy(sender, instance, **kwargs):
    """A restriction added to (or removed from) a collection moves its documents' files."""
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is None:  # the collection itself is being deleted
        return
    for document in documents_of(collection):
        document.keep_file_private()


@receiver(page_published, sender=CommitteeNotePage, dispatch_uid="committee.announce_note")
def tell_members_of_a_note(sender, instance, **kwargs):
    announce_note(instance)


@receiver(post_save, sender=Resource, dispatch_uid="committee.announce_document")
def tell_members_of_a_library_document(sender, instance, created, **kwargs):
    if created and instance.collection.name == MEMBER_LIBRARY:
        announce_document(instance)


@receiver(post_save, sender=Event, dispatch_uid="committee.announce_conference")
def tell_members_of_a_web_conference(sender, instance, **kwargs):
    if instance.kind == EventKind.WEB_CONFERENCE and instance.is_confirmed:
        announce_conference(instance)
