"""Template tags that show cohorts, sessions and events with their dates and badges."""

from django import template
from django.template.loader import render_to_string
from django.utils.translation import gettext, pgettext

from home import dates
from home.structured_data import json_ld_script, organisation
from home.templatetags.site_tags import contact_settings
from programme import cohort_extras, structured_data
from programme.models import CohortIndexPage, DateState
from programme.subscriptions import subscription_links
from web.links import page_url

register = template.Library()


@register.simple_tag(takes_context=True)
def cohort_url(context, cohort_index, cohort):
    request = context.get("request")
    return CohortIndexPage.cohort_address(cohort_index.get_url(request), cohort)


@register.simple_tag(takes_context=True)
def apply_url(context, cohort):
    """`{% apply_url cohort as url %}`: where to apply for `cohort`, or "" (applications)."""
    return cohort_extras.apply_url(context, cohort)


@register.simple_tag(takes_context=True)
def shows_join_links(context, cohort):
    """`{% shows_join_links cohort as shown %}`: whether the reader sees the sessions' join
    links (certificates: its enrolled participants, and staff)."""
    return cohort_extras.shows_join_links(getattr(context.get("request"), "user", None), cohort)


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


# --- structured data (schema.org JSON-LD) in the head of the cohort and event pages ----------


def _organiser(context):
    contact = contact_settings(context)
    return organisation(contact) if contact else None


def _course(context, instances):
    """The programme as a Course at its cohort listing (`page`), with `instances`."""
    return structured_data.course(
        page_url(context["page"]), context.get("default_description", ""),
        _organiser(context), instances,
    )  # fmt: skip


@register.simple_tag(takes_context=True)
def cohort_json_ld(context, cohort):
    """A cohort's page: the programme with this cohort and its sessions."""
    instance = structured_data.course_instance(
        cohort, context.get("canonical", ""), _organiser(context), with_sessions=True
    )
    return json_ld_script(_course(context, [instance]))


@register.simple_tag(takes_context=True)
def cohorts_json_ld(context, years):
    """The cohort listing: the programme with every cohort."""
    listing, organiser = context.get("canonical", ""), _organiser(context)
    instances = [
        structured_data.course_instance(
            cohort, CohortIndexPage.cohort_address(listing, cohort), organiser
        )
        for _year, cohorts in years
        for cohort in cohorts
    ]
    return json_ld_script(_course(context, instances))


@register.simple_tag(takes_context=True)
def events_json_ld(context, *event_lists):
    """The events page: each event of the lists given."""
    url, organiser = context.get("canonical", ""), _organiser(context)
    events = [
        structured_data.programme_event(event, url, organiser)
        for events in event_lists
        for event in events
    ]
    return json_ld_script({"@graph": events}) if events else ""


@register.inclusion_tag("programme/includes/calendar_links.html")
def calendar_links(path, name, intro):
    """The feed at `path` offered as subscriptions and as a download (programme.subscriptions)."""
    return {"links": subscription_links(path, name), "intro": intro}
