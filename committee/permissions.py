"""What committee members may do in the admin: add and publish notes, never touch the listing."""

from wagtail.models import PagePermissionTester

from committee.access import is_editor


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
