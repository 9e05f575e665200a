"""The "Apply" link of an open cohort: the application page in the reader's language, with the
cohort chosen. The home page, the cohort listing and each cohort's page all use it, through the
`apply_url` template tag (applications/templatetags/application_tags.py)."""

from urllib.parse import urlencode

from applications.page import ApplicationPage
from home.visibility import section_or_page_in_language


def application_page_for(request, page=None):
    """The live application page for a reader of `page` (see section_or_page_in_language)."""
    return section_or_page_in_language(request, page, ApplicationPage)


def apply_url(cohort, application_page, request=None):
    """Where to apply for `cohort`; "" when its window is not open or there is no page."""
    if application_page is None or not cohort.is_open_for_applications:
        return ""
    return f"{application_page.get_url(request)}?{urlencode({'cohort': cohort.slug})}"
