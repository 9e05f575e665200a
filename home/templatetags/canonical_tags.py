"""Template tags for the page head: the canonical link, absolute URLs on the public base, the
share previews' locale and the organisation's structured data."""

from django import template
from django.utils.encoding import iri_to_uri
from wagtail.models import Page

from home.languages import language_of, route_suffix_in
from home.structured_data import json_ld_script, organisation
from home.templatetags.site_tags import contact_settings
from web.links import absolute_url, public_url

register = template.Library()

# The locale a share preview (OpenGraph's og:locale) names for each site language: language and
# territory, as Facebook and LinkedIn read them. Belgium's cohort reads fr, nl and de pages too.
SHARE_LOCALES = {
    "en": "en_GB",
    "fr": "fr_FR",
    "it": "it_IT",
    "nl": "nl_NL",
    "de": "de_DE",
    "es": "es_ES",
}


def result_page_number(request):
    """The `?page=N` of a paginated listing, kept in its canonical URL when N > 1, else None."""
    number = request.GET.get("page", "")
    if number.isascii() and number.isdigit() and int(number) > 1:
        return int(number)
    return None


def canonical_path(request, page, route_suffix=""):
    """The path the current document is known by.

    A page or a route of a page (a cohort) is known by its own path; an alias (an untranslated
    copy) by its original's. Query strings are dropped, except the number of a result page.
    """
    path = request.path
    if isinstance(page, Page) and page.alias_of_id:
        original = page.alias_of
        _site_id, _root_url, original_path = original.get_url_parts(request) or (None, None, None)
        if original_path:
            path = f"{original_path}{route_suffix_in(route_suffix, language_of(original_path))}"
    number = result_page_number(request)
    return f"{path}?page={number}" if number else path


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The absolute canonical URL of the document being rendered ("" outside a request, and for
    a document with no public address of its own, marked `unlisted`: a private page reached
    through a token, the page-not-found page)."""
    request = context.get("request")
    if request is None or context.get("unlisted"):
        return ""
    path = canonical_path(request, context.get("page"), context.get("route_suffix", ""))
    return absolute_url(iri_to_uri(path))


register.filter("on_public_base", public_url)


@register.filter
def share_locale(language_code):
    """A site language's OpenGraph locale ("fr" → "fr_FR")."""
    return SHARE_LOCALES.get(language_code, language_code)


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    """Efus as a schema.org Organization (on the home pages)."""
    contact = contact_settings(context)
    return json_ld_script(organisation(contact)) if contact else ""
