"""The "Apply" link of an open cohort: the application page in the reader's language, with the
cohort chosen. The home page, the cohort listing and each cohort's page all use it, through the
`apply_url` template tag (applications/templatetags/application_tags.py)."""

from urllib.parse import urlencode

from wagtail.models import Locale

from applications.page import ApplicationPage


def application_page_for(locale):
    return (
        ApplicationPage.objects.live()
        .filter(locale=locale)
        .only("id", "url_path", "locale_id")
        .first()
    )


def apply_url(cohort, application_page, request=None):
    """Where to apply for `cohort`; "" when its window is not open or there is no page."""
    if application_page is None or not cohort.is_open_for_applications:
        return ""
    return f"{application_page.get_url(request)}?{urlencode({'cohort': cohort.slug})}"


def active_application_page():
    return application_page_for(Locale.get_active())
