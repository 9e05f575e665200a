"""Fixtures for the committee tests: the committee section in six languages, its notes, the
member library with a document, and one user of each kind."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from wagtail.models import PageViewRestriction

from committee.models import (
    CommitteeNoteIndexPage,
    CommitteeNotePage,
    CommitteePage,
    LibraryPage,
    Resource,
    Topic,
)
from committee.permissions import ensure_member_library
from demo.pdf import simple_pdf
from members.groups import COMMITTEE_MEMBERS, EDITORS, MEMBER_GROUPS, PARTICIPANTS, ensure_groups
from tests.accounts import make_user
from tests.conftest import (
    TRANSLATED_CODES,
    build_site_tree,
    ensure_locales,
    kept_for_the_module,
    publish_translation,
)

PUBLIC_NOTE_TITLE = "Recommendation on video analytics"
PRIVATE_NOTE_TITLE = "Confidential draft on the AI Act"
PRIVATE_DOCUMENT_TITLE = "Confidential checklist for members"


def make_people(groups):
    return SimpleNamespace(
        participant=make_user("paula", groups[PARTICIPANTS]),
        committee=make_user("carlos", groups[COMMITTEE_MEMBERS]),
        editor=make_user("eva", groups[EDITORS]),
        outsider=make_user("olga"),
    )


def add_note(index, slug, title, members_only, date=datetime.date(2026, 3, 1), topics=(), **fields):
    note = CommitteeNotePage(
        title=title,
        slug=slug,
        date=date,
        note_type=fields.pop("note_type", "recommendation"),
        members_only=members_only,
        summary=fields.pop("summary", f"Summary of {title}"),
        **fields,
    )
    index.add_child(instance=note)
    note.topics.set(topics)  # parental: stored with the published revision
    note.save_revision().publish()
    return CommitteeNotePage.objects.get(pk=note.pk)


def build_committee_world(site_tree=None):
    """The committee section in English, then translated into the five other languages, on
    `site_tree` (a new one when not given)."""
    site_tree = site_tree or build_site_tree(ensure_locales())
    groups = ensure_groups()
    home = site_tree.home
    committee = CommitteePage(title="Steering committee", slug="committee", intro="Who we are.")
    home.add_child(instance=committee)
    committee.save_revision().publish()
    notes = CommitteeNoteIndexPage(title="Notes", slug="notes", intro="Our notes.")
    committee.add_child(instance=notes)
    notes.save_revision().publish()
    collection = ensure_member_library(groups)
    library = LibraryPage(
        title="Member library", slug="library", intro="For members.", collection=collection
    )
    committee.add_child(instance=library)
    library.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=library, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([groups[name] for name in MEMBER_GROUPS])

    topic = Topic.objects.create(name="Ethics", slug="ethics", locale=site_tree.locales["en"])
    public_note = add_note(
        notes, "video-analytics", PUBLIC_NOTE_TITLE, members_only=False, topics=[topic]
    )
    private_note = add_note(notes, "ai-act-draft", PRIVATE_NOTE_TITLE, members_only=True)

    document = Resource(
        title=PRIVATE_DOCUMENT_TITLE,
        description="Questions to ask suppliers.",
        resource_type="template",
        language="en",
        collection=collection,
    )
    document.file.save(
        "checklist.pdf",
        ContentFile(simple_pdf(PRIVATE_DOCUMENT_TITLE, ["Members only."])),
        save=False,
    )
    document.save()

    pages = {
        "en": {
            "committee": committee,
            "notes": notes,
            "library": library,
            "public_note": public_note,
            "private_note": private_note,
        }
    }
    for code in TRANSLATED_CODES:
        locale = site_tree.locales[code]
        pages[code] = {
            key: publish_translation(page, locale, f"{page.title} ({code})")
            for key, page in pages["en"].items()
        }
    Topic.objects.create(name="Éthique", slug="ethics", locale=site_tree.locales["fr"])
    return SimpleNamespace(
        people=make_people(groups),
        groups=groups,
        site_tree=site_tree,
        pages=pages,
        document=document,
        collection=collection,
        topic=topic,
    )


@pytest.fixture(scope="module")
def committee_world(site_world, django_db_blocker):
    """Built once per test module on the module's site tree, inside a transaction that is
    rolled back at its end; each test runs in a savepoint within it (pytest-django's `db`), so
    tests stay independent."""
    with kept_for_the_module(django_db_blocker):
        yield build_committee_world(site_world)


@pytest.fixture
def committee_tree(committee_world, db):
    return committee_world


@pytest.fixture
def people(committee_tree):
    return committee_tree.people
