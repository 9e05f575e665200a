"""The "Apply" link of an open cohort: the application page in the reader's language, with the
cohort chosen. The home page, the cohort listing and each cohort's page all use it, through the
`apply_url` template tag (applications/templatetags/application_tags.py)."""

from urllib.parse import urlencode

from django.utils.translation import get_language

from applications.page import ApplicationPage
from home.visibility import home_path_of, section_of_type


def application_page_for(request, page=None):
    """The live application page in the active language: the section of that type under the
    current page's home page when there is one (no query of its own), else any in the
    language."""
    if request is not None and page is not None and page.depth >= 2:
        section = section_of_type(request, home_path_of(page), ApplicationPage)
        if section is not None:
            return section
    return (
        ApplicationPage.objects.live()
        .filter(locale__language_code=get_language())
        .only("id", "url_path", "locale_id")
        .first()
    )


def apply_url(cohort, application_page, request=None):
    """Where to apply for `cohort`; "" when its window is not open or there is no page."""
    if application_page is None or not cohort.is_open_for_applications:
        return ""
    return f"{application_page.get_url(request)}?{urlencode({'cohort': cohort.slug})}"
