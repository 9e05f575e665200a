"""Admin wiring (event registrations and their registrants), the registration link on the
events page and in the calendars, editors' rights, and the nightly prune."""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.utils import timezone
from wagtail import hooks

from members.groups import EDITORS, SETUP_GROUPS_HOOK
from programme.models import EVENT_REGISTRATION_HOOK
from registrations.admin_views import EventRegistrationViewSet
from registrations.data_protection import prune_registrants
from registrations.links import registration_path
from registrations.models import EventRegistration
from web import page_cache
from web.pruning import PRUNE_HOOK

EDITOR_PERMISSIONS = [
    "add_eventregistration",
    "change_eventregistration",
    "view_eventregistration",
    "view_registrant",
    "change_registrant",
]


# The page cache (web/page_cache.py): an event's registration settings decide the "Register"
# link on the events page and in the calendars, kept with the programme's pages.
page_cache.register("programme", models=[EventRegistration])


@hooks.register("register_admin_viewset")
def register_event_registrations():
    return EventRegistrationViewSet()


@hooks.register(EVENT_REGISTRATION_HOOK)
def link_open_registrations(events):
    """Events open to the public and not closed yet lead to their form (one query); a static
    archive, made when the site stops, leads to none."""
    if settings.SITE_ARCHIVE_MADE_ON:
        return
    now = timezone.now()
    by_event = {
        registration.event_id: registration
        for registration in EventRegistration.objects.filter(
            event_id__in=[event.pk for event in events], is_open=True
        )
    }
    for event in events:
        registration = by_event.get(event.pk)
        if registration is not None:
            registration.event = event
            if not registration.is_closed(now):
                event.registration_url = registration_path(event.pk)


@hooks.register(SETUP_GROUPS_HOOK)
def let_editors_manage_registrations(groups):
    groups[EDITORS].permissions.add(
        *Permission.objects.filter(
            content_type__app_label="registrations", codename__in=EDITOR_PERMISSIONS
        )
    )


@hooks.register(PRUNE_HOOK)
def prune_old_registrants():
    return {"registrants": prune_registrants}
