"""What the apps above the programme add to its cohort pages and listings: the link to apply
(applications) and who sees the sessions' join links (certificates). They register functions under
these Wagtail hooks and the programme's template tags ask them, so the programme's templates never
load a higher app's tag library."""

from wagtail import hooks

# Functions (template context, cohort) that return where to apply for the cohort, or "".
APPLY_URL_HOOK = "programme_apply_url"
# Functions (user, cohort) that return True when the user may join the cohort's online sessions.
JOIN_LINKS_HOOK = "programme_shows_join_links"


def apply_url(context, cohort):
    for find_url in hooks.get_hooks(APPLY_URL_HOOK):
        if url := find_url(context, cohort):
            return url
    return ""


def shows_join_links(user, cohort):
    if user is None or not user.is_authenticated:
        return False
    return any(may_join(user, cohort) for may_join in hooks.get_hooks(JOIN_LINKS_HOOK))
