"""Load the committee's demo content: members, topics, notes, a web conference summary, library."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import PageViewRestriction

from committee.models import (
    CommitteeMember,
    CommitteeNoteIndexPage,
    CommitteeNotePage,
    CommitteePage,
    LibraryPage,
    NoteAuthor,
    Resource,
    Topic,
)
from committee.permissions import ensure_member_library
from demo.content import committee as content
from demo.content.site import EVENT_TOPICS, paragraph
from demo.pdf import simple_pdf
from members.groups import MEMBER_GROUPS
from programme.models import Event


def _add_child(parent, page, spec):
    page.title = spec["title"]
    page.slug = spec["slug"]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_pages(home, groups):
    """The committee page with its notes listing and its restricted library (English)."""
    committee = CommitteePage.objects.child_of(home).first()
    if committee is None:
        spec = content.COMMITTEE_PAGE
        committee = _add_child(
            home,
            CommitteePage(
                intro=spec["intro"],
                body=spec["body"],
                working_group_url=spec["working_group_url"],
                show_in_menus=True,
            ),
            spec,
        )
    notes_index = CommitteeNoteIndexPage.objects.child_of(committee).first()
    if notes_index is None:
        spec = content.NOTES_INDEX
        notes_index = _add_child(committee, CommitteeNoteIndexPage(intro=spec["intro"]), spec)
    library = LibraryPage.objects.child_of(committee).first()
    if library is None:
        spec = content.LIBRARY_PAGE
        library = _add_child(
            committee,
            LibraryPage(intro=spec["intro"], collection=ensure_member_library(groups)),
            spec,
        )
    if not PageViewRestriction.objects.filter(page=library).exists():
        restriction = PageViewRestriction.objects.create(
            page=library, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([groups[name] for name in MEMBER_GROUPS])
    return committee, notes_index, library


def ensure_topics(locale):
    return {
        slug: Topic.objects.get_or_create(slug=slug, locale=locale, defaults={"name": name})[0]
        for slug, name in content.TOPICS.items()
    }


def ensure_members(locale, users):
    members = []
    # The committee account's public member was once named after its account ("Carlos
    # Committee"): a demo loaded then gets the real-sounding name, not a second member.
    CommitteeMember.objects.filter(name="Carlos Committee").update(name="Carlos Martínez Ruiz")
    for name, role, organisation, city, country, bio, username in content.MEMBERS:
        member, _created = CommitteeMember.objects.get_or_create(
            name=name,
            locale=locale,
            defaults={
                "role": role,
                "organisation": organisation,
                "city": city,
                "country": country,
                "bio": bio,
                "account": users.get(username) if username else None,
                "sort_order": len(members) + 1,
            },
        )
        members.append(member)
    return members


def ensure_notes(notes_index, topics, members, users):
    existing = set(CommitteeNotePage.objects.child_of(notes_index).values_list("slug", flat=True))
    events = {event.topic.title: event for event in Event.objects.select_related("topic")}
    for index, (
        slug,
        title,
        note_type,
        date,
        members_only,
        topic_slugs,
        summary,
        body,
        event_key,
    ) in enumerate(content.NOTES):
        if slug in existing:
            continue
        event = events.get(EVENT_TOPICS[event_key][0]) if event_key else None
        note = CommitteeNotePage(
            title=title,
            slug=slug,
            date=date,
            note_type=note_type,
            members_only=members_only,
            summary=summary,
            body=[paragraph(f"<p>{text}</p>") for text in body],
            event=event,
            owner=users["committee"] if index % 2 else users["editor"],
        )
        notes_index.add_child(instance=note)
        note.topics.set([topics[slug] for slug in topic_slugs])
        note.note_authors = [
            NoteAuthor(member=member) for member in members[index % 3 : index % 3 + 2]
        ]
        note.save_revision(user=note.owner).publish()


def ensure_library_documents(library, topics):
    if Resource.objects.filter(collection_id=library.collection_id).exists():
        return
    for title, description, resource_type, language, topic_slugs, day in content.LIBRARY_DOCUMENTS:
        document = Resource(
            title=title,
            description=description,
            resource_type=resource_type,
            language=language,
            collection_id=library.collection_id,
        )
        filename = f"{slugify_ascii(title)}.pdf"
        document.file.save(filename, ContentFile(simple_pdf(title, [description])), save=False)
        document.save()
        document.topics.set([topics[slug] for slug in topic_slugs])
        created = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
        Resource.objects.filter(pk=document.pk).update(created_at=created)


def slugify_ascii(text):
    return slugify(text)[:60] or "document"


def load_committee(home, english, users, groups):
    """Build the committee's English content; return the objects to translate."""
    committee, notes_index, library = ensure_pages(home, groups)
    topics = ensure_topics(english)
    members = ensure_members(english, users)
    ensure_notes(notes_index, topics, members, users)
    ensure_library_documents(library, topics)
    return {
        "pages": [
            committee,
            notes_index,
            library,
            *CommitteeNotePage.objects.child_of(notes_index).order_by("path"),
        ],
        "snippets": [*topics.values(), *members],
    }
