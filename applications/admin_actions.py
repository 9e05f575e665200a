"""The actions offered on an application's admin screen.

Each is given by a function registered with the `applications_admin_actions` hook, called with
the request and the application; it returns an `ApplicationAction`, a list of them, or None
when the action does not apply (or the user may not take it). Apps above applications
(certificates: enrolment) offer theirs this way, without applications knowing them.
"""

from dataclasses import dataclass

from wagtail import hooks

ADMIN_ACTIONS_HOOK = "applications_admin_actions"


@dataclass(frozen=True)
class ApplicationAction:
    label: str
    url: str
    help: str = ""
    # A POST form with its CSRF token (for an action taken at once), else a link to a page.
    post: bool = False
    order: int = 100


def actions_for(request, application):
    actions = []
    for offer in hooks.get_hooks(ADMIN_ACTIONS_HOOK):
        found = offer(request, application)
        if isinstance(found, ApplicationAction):
            actions.append(found)
        elif found:
            actions.extend(found)
    return sorted(actions, key=lambda action: action.order)
