"""Template tags of the application process, for its own pages and for the programme's."""

from django import template
from wagtail.models import Page

from applications import links

register = template.Library()
PAGE_KEY = "applications:application-page"


@register.simple_tag(takes_context=True)
def apply_url(context, cohort):
    """`{% apply_url cohort as url %}`: the application page with `cohort` chosen, or ""."""
    if not cohort.is_open_for_applications:
        return ""  # before looking the page up: most cohorts of a listing are not open
    # One look-up of the page per rendering, however many cohorts a listing shows.
    if PAGE_KEY not in context.render_context:
        page = context.get("page")
        context.render_context[PAGE_KEY] = links.application_page_for(
            context.get("request"), page if isinstance(page, Page) else None
        )
    return links.apply_url(cohort, context.render_context[PAGE_KEY], context.get("request"))


@register.simple_tag
def error_anchor(field):
    """Where an error summary's link leads: the field, or a radio group's first button."""
    return field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
