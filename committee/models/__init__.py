"""The steering committee's records and pages: members, topics, notes and the member library."""

from committee.models.library import LibraryPage, Resource, ResourceType
from committee.models.members import CommitteeMember, CommitteeRole
from committee.models.notes import (
    CommitteeNoteIndexPage,
    CommitteeNotePage,
    CommitteePage,
    NoteAuthor,
    NoteType,
    attach_note_details,
    attach_summary_notes,
    topic_names_in,
)
from committee.models.notices import Notice, NoticeFrequency, NoticeKind, NoticePreference
from committee.models.topics import Topic

__all__ = [
    "CommitteeMember",
    "CommitteeNoteIndexPage",
    "CommitteeNotePage",
    "CommitteePage",
    "CommitteeRole",
    "LibraryPage",
    "NoteAuthor",
    "NoteType",
    "Notice",
    "NoticeFrequency",
    "NoticeKind",
    "NoticePreference",
    "Resource",
    "ResourceType",
    "Topic",
    "attach_note_details",
    "attach_summary_notes",
    "topic_names_in",
]
