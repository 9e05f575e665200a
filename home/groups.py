"""The site's user groups and what editors may do; safe to run again at any time."""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
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

# Models whose records editors manage in full (add, change, delete, view).
EDITOR_MODELS = {
    "programme": ["cohort", "session", "event", "eventtopic"],
    "home": ["footertext", "contactsettings"],
    "wagtail_localize": ["translation"],
    "committee": ["committeemember", "topic"],
    "applications": ["application", "proposedparticipant", "applicationstatuschange"],
    "certificates": ["enrolment", "attendance", "certificate"],
}
MEMBER_LIBRARY = "Member library"
COMMITTEE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_COLLECTION_PERMISSIONS = {
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "choose_image"],
}


def _model_permissions(app_label, models):
    return Permission.objects.filter(
        content_type__app_label=app_label, content_type__model__in=models
    )


def ensure_groups():
    """Create the three groups and give editors what they need; return them by name."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GROUP_LABELS}
    editors = groups[EDITORS]
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    editors.permissions.add(admin_access)
    groups[COMMITTEE_MEMBERS].permissions.add(admin_access)
    for app_label, models in EDITOR_MODELS.items():
        editors.permissions.add(*_model_permissions(app_label, models))
    editors.permissions.add(*Permission.objects.filter(codename__in=["submit_translation"]))

    root_page = Page.get_first_root_node()
    if root_page is not None:
        _grant_page_permissions(editors, root_page, EDITOR_PAGE_PERMISSIONS)
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codenames in EDITOR_COLLECTION_PERMISSIONS.items():
            for permission in Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            ):
                GroupCollectionPermission.objects.get_or_create(
                    group=editors, collection=root_collection, permission=permission
                )
        choose_image = Permission.objects.get(
            content_type__app_label="wagtailimages", codename="choose_image"
        )
        GroupCollectionPermission.objects.get_or_create(
            group=groups[COMMITTEE_MEMBERS], collection=root_collection, permission=choose_image
        )
        ensure_member_library(groups)
    from committee.models import CommitteeNoteIndexPage

    for notes_section in CommitteeNoteIndexPage.objects.all():
        grant_committee_section(notes_section, groups[COMMITTEE_MEMBERS])
    return groups


def ensure_member_library(groups=None):
    """The collection of member-only documents: restricted to members, committee may upload."""
    from committee.access import MEMBER_GROUPS

    groups = groups or {name: Group.objects.get_or_create(name=name)[0] for name in GROUP_LABELS}
    library = Collection.objects.filter(name=MEMBER_LIBRARY).first()
    if library is None:
        library = Collection.get_first_root_node().add_child(name=MEMBER_LIBRARY)
    restriction = CollectionViewRestriction.objects.filter(collection=library).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=library, restriction_type=CollectionViewRestriction.GROUPS
        )
    restriction.restriction_type = CollectionViewRestriction.GROUPS
    restriction.save()
    restriction.groups.set([groups[name] for name in MEMBER_GROUPS])
    for permission in Permission.objects.filter(
        content_type__app_label="wagtaildocs", codename__in=["add_document", "choose_document"]
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=groups[COMMITTEE_MEMBERS], collection=library, permission=permission
        )
    return library


def grant_committee_section(notes_section, committee_group=None):
    """Let committee members write and publish notes under `notes_section` (one language's)."""
    committee_group = committee_group or Group.objects.get_or_create(name=COMMITTEE_MEMBERS)[0]
    _grant_page_permissions(committee_group, notes_section, COMMITTEE_PAGE_PERMISSIONS)


def _grant_page_permissions(group, page, codenames):
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
