"""Template tags for the cohort page's join links."""

from django import template

from certificates.models import Enrolment
from certificates.views import is_staff

register = template.Library()


@register.simple_tag(takes_context=True)
def shows_join_links(context, cohort):
    """Only participants enrolled in `cohort`, and staff, see its sessions' join links."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    # The enrolment first: one query for a participant; staff permissions cost two more.
    return Enrolment.objects.filter(cohort=cohort, user=user).exists() or is_staff(user)
