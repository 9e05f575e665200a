"""What committee members may do: write notes in their sections (never touch the listing) and
upload to the member library, which only members may read."""

from wagtail.models import Collection, CollectionViewRestriction, PagePermissionTester

from members.access import is_editor
from members.groups import (
    COMMITTEE_MEMBERS,
    MEMBER_GROUPS,
    grant_collection_permissions,
    grant_page_permissions,
    group,
)


class NoteIndexPermissionTester(PagePermissionTester):
    """On the notes listing, committee members may only add notes under it.

    Their group holds add, change and publish permissions on the listing so that they can
    write and publish notes below it; everything on the listing page itself stays with editors.
    """

    def _staff(self):
        return is_editor(self.user)

    def can_edit(self):
        return self._staff() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self._staff() and super().can_delete(ignore_bulk)

    def can_publish(self):
        return self._staff() and super().can_publish()

    def can_unpublish(self):
        return self._staff() and super().can_unpublish()

    def can_set_view_restrictions(self):
        return self._staff() and super().can_set_view_restrictions()

    def can_lock(self):
        return self._staff() and super().can_lock()

    def can_move(self):
        return self._staff() and super().can_move()

    def can_copy(self):
        return self._staff() and super().can_copy()

    def can_reorder_children(self):
        return self._staff() and super().can_reorder_children()


class NotePermissionTester(PagePermissionTester):
    """A note's privacy follows its "members only" box in every language, not the dialog."""

    def can_set_view_restrictions(self):
        return False

    def can_move(self):
        return is_editor(self.user) and super().can_move()


MEMBER_LIBRARY = "Member library"
COMMITTEE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def ensure_member_library(groups):
    """The collection of member-only documents: restricted to members, committee may upload."""
    library = Collection.objects.filter(name=MEMBER_LIBRARY).first()
    if library is None:
        library = Collection.get_first_root_node().add_child(name=MEMBER_LIBRARY)
    restriction = CollectionViewRestriction.objects.filter(collection=library).first()
    if restriction is None:
        restriction = CollectionViewRestriction(collection=library)
    restriction.restriction_type = CollectionViewRestriction.GROUPS
    restriction.save()
    restriction.groups.set([groups[name] for name in MEMBER_GROUPS])
    grant_collection_permissions(
        groups[COMMITTEE_MEMBERS], library, "wagtaildocs", ["add_document", "choose_document"]
    )
    return library


def grant_committee_section(notes_section):
    """Let committee members write and publish notes under `notes_section` (one language's)."""
    grant_page_permissions(group(COMMITTEE_MEMBERS), notes_section, COMMITTEE_PAGE_PERMISSIONS)
