"""A committee member's part of the admin: their notes (drafts first) on the dashboard, and
their notes section in their language, where the admin's menu leads them."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from committee.models import CommitteeNoteIndexPage, CommitteeNotePage
from home.visibility import page_in_language

MY_NOTES_ON_DASHBOARD = 20


def notes_of(user):
    """Every note the user owns or co-signs, in any language, drafts and recent edits first."""
    return (
        CommitteeNotePage.objects.filter(Q(owner=user) | Q(note_authors__member__account=user))
        .distinct()
        .select_related("locale")
        .order_by("live", "-latest_revision_created_at", "-pk")[:MY_NOTES_ON_DASHBOARD]
    )


def notes_section(language=None):
    """The notes listing in the admin's language (the first one when it has none)."""
    return page_in_language(CommitteeNoteIndexPage.objects.all(), language or get_language())


def my_notes_menu_item(section):
    """The "Pages" item of a committee member's menu, opening their notes section rather
    than the tree's root (where Wagtail warns that pages there are unreachable)."""
    return MenuItem(
        _("My notes"),
        reverse("wagtailadmin_explore", args=[section.pk]),
        name="explorer",
        icon_name="doc-empty-inverse",
        order=100,
    )


def lead_to_my_notes(menu_items):
    section = notes_section()
    if section is None:
        return
    menu_items[:] = [
        my_notes_menu_item(section) if item.name == "explorer" else item for item in menu_items
    ]


class MyNotesPanel(Component):
    name = "my_notes"
    template_name = "committee/admin/dashboard/my_notes.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        section = notes_section()
        return {
            "notes": list(notes_of(self.user)),
            "section": section,
            "section_url": reverse("wagtailadmin_explore", args=[section.pk]) if section else "",
            "add_url": reverse(
                "wagtailadmin_pages:add", args=["committee", "committeenotepage", section.pk]
            )
            if section
            else "",
        }
