"""The site's user groups and what editors may do; safe to run again at any time.

Apps that give a group more (the committee's notes section and member library) add it through
the `members_setup_groups` hook, called with the groups by name once they exist.
"""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

EDITORS = "Editors"
COMMITTEE_MEMBERS = "Committee members"
PARTICIPANTS = "Participants"

GROUP_LABELS = {
    EDITORS: _("Editors"),
    COMMITTEE_MEMBERS: _("Committee members"),
    PARTICIPANTS: _("Participants"),
}
# The groups allowed to read members-only pages and the library (staff included, so that
# editors can check what members see).
MEMBER_GROUPS = [COMMITTEE_MEMBERS, PARTICIPANTS, EDITORS]

SETUP_GROUPS_HOOK = "members_setup_groups"

# Models whose records editors manage in full (add, change, delete, view).
EDITOR_MODELS = {
    "programme": ["cohort", "session", "event", "eventtopic"],
    "home": ["footertext", "contactsettings"],
    "mail": ["outgoingemail"],
    "wagtail_localize": ["translation"],
    "committee": ["committeemember", "topic"],
    "applications": ["application", "proposedparticipant", "applicationstatuschange"],
    "certificates": ["enrolment", "attendance", "certificate"],
}
# Sign-in lockouts (django-axes): editors see them and lift them, nothing more.
EDITOR_LOCKOUT_PERMISSIONS = ["view_accessattempt", "delete_accessattempt"]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_COLLECTION_PERMISSIONS = {
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "choose_image"],
}


def _model_permissions(app_label, models):
    return Permission.objects.filter(
        content_type__app_label=app_label, content_type__model__in=models
    )


def group(name):
    """One of the site's groups, created if missing."""
    return Group.objects.get_or_create(name=name)[0]


def ensure_groups():
    """Create the three groups and give editors what they need; return them by name."""
    groups = {name: group(name) for name in GROUP_LABELS}
    editors = groups[EDITORS]
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    editors.permissions.add(admin_access)
    groups[COMMITTEE_MEMBERS].permissions.add(admin_access)
    for app_label, models in EDITOR_MODELS.items():
        editors.permissions.add(*_model_permissions(app_label, models))
    editors.permissions.add(*Permission.objects.filter(codename__in=["submit_translation"]))
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="axes", codename__in=EDITOR_LOCKOUT_PERMISSIONS
        )
    )

    root_page = Page.get_first_root_node()
    if root_page is not None:
        grant_page_permissions(editors, root_page, EDITOR_PAGE_PERMISSIONS)
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codenames in EDITOR_COLLECTION_PERMISSIONS.items():
            grant_collection_permissions(editors, root_collection, app_label, codenames)
        grant_collection_permissions(
            groups[COMMITTEE_MEMBERS], root_collection, "wagtailimages", ["choose_image"]
        )
    for setup in hooks.get_hooks(SETUP_GROUPS_HOOK):
        setup(groups)
    return groups


def grant_page_permissions(group, page, codenames):
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_collection_permissions(group, collection, app_label, codenames):
    for permission in Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
