"""Template tags that show cohorts, sessions and events with their dates and badges."""

from django import template
from django.template.loader import render_to_string
from django.utils.translation import gettext, pgettext

from home import dates
from programme.models import CohortIndexPage, DateState
from programme.subscriptions import subscription_links

register = template.Library()


@register.simple_tag(takes_context=True)
def cohort_url(context, cohort_index, cohort):
    request = context.get("request")
    base = cohort_index.get_url(request)
    return f"{base}{CohortIndexPage.cohort_path(cohort.slug)}"


@register.simple_tag
def time_range(start, end):
    """ "Tuesday, 19 March 2026, 10:00–12:30 Brussels time (UTC+1)" in the active language."""
    return dates.time_range(start, end)


@register.simple_tag
def session_when(session):
    """When a session takes place, or "to be confirmed" with the cohort's planned period."""
    if session.is_cancelled and not session.starts_at:
        return pgettext("session date", "Cancelled")
    if not session.is_confirmed:
        return gettext("To be confirmed (planned: %(period)s)") % {
            "period": session.cohort.period_label
        }
    return time_range(session.local_start, session.local_end)


@register.simple_tag
def date_badge(session):
    """The state of a session's date, and "Past" once a confirmed session has ended."""
    state = session.state
    badge = render_to_string(
        "programme/includes/badge.html",
        {"kind": f"date-{state}", "label": DateState(state).label},
    )
    if session.is_past:
        badge += render_to_string(
            "programme/includes/badge.html",
            {"kind": "date-past", "label": pgettext("session", "Past")},
        )
    return badge


@register.simple_tag
def status_badge(cohort):
    status = cohort.status
    return render_to_string(
        "programme/includes/badge.html", {"kind": f"status-{status}", "label": status.label}
    )


@register.inclusion_tag("programme/includes/calendar_links.html")
def calendar_links(path, name, intro):
    """The feed at `path` offered as subscriptions and as a download (programme.subscriptions)."""
    return {"links": subscription_links(path, name), "intro": intro}
