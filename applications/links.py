"""The "Apply" link of an open cohort: the application page in the reader's language, with the
cohort chosen. The home page, the cohort listing and each cohort's page all show it, through the
programme's `apply_url` template tag, which asks `apply_url_in_template` through a hook
(programme/cohort_extras.py)."""

from urllib.parse import urlencode

from wagtail.models import Page

from applications.page import ApplicationPage
from home.visibility import section_or_page_in_language

PAGE_KEY = "applications:application-page"


def application_page_for(request, page=None):
    """The live application page for a reader of `page` (see section_or_page_in_language)."""
    return section_or_page_in_language(request, page, ApplicationPage)


def apply_url(cohort, application_page, request=None):
    """Where to apply for `cohort`; "" when its window is not open or there is no page."""
    if application_page is None or not cohort.is_open_for_applications:
        return ""
    return f"{application_page.get_url(request)}?{urlencode({'cohort': cohort.slug})}"


def apply_url_in_template(context, cohort):
    """`apply_url` for a template being rendered: one look-up of the application page per
    rendering, however many cohorts a listing shows."""
    if not cohort.is_open_for_applications:
        return ""  # before looking the page up: most cohorts of a listing are not open
    if PAGE_KEY not in context.render_context:
        page = context.get("page")
        context.render_context[PAGE_KEY] = application_page_for(
            context.get("request"), page if isinstance(page, Page) else None
        )
    return apply_url(cohort, context.render_context[PAGE_KEY], context.get("request"))
