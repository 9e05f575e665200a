"""Factories for the committee's records and pages (tests)."""

import datetime

import factory
import wagtail_factories

from committee.models import (
    CommitteeMember,
    CommitteeNoteIndexPage,
    CommitteeNotePage,
    CommitteePage,
    LibraryPage,
    Topic,
)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    name = factory.Sequence(lambda n: f"Member {n}")
    role = "ai_expert"
    organisation = "Efus"


class CommitteePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CommitteePage

    title = "Steering committee"
    slug = "committee"
    intro = "Who we are."


class CommitteeNoteIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CommitteeNoteIndexPage

    title = "Notes"
    slug = "notes"
    intro = "Our notes."


class CommitteeNotePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CommitteeNotePage

    title = factory.Sequence(lambda n: f"Note {n}")
    date = datetime.date(2026, 3, 1)
    note_type = "recommendation"
    summary = factory.LazyAttribute(lambda note: f"Summary of {note.title}")


class LibraryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LibraryPage

    title = "Member library"
    slug = "library"
    intro = "Documents for members."
