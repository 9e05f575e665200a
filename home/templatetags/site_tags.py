"""Template tags for the site frame: languages, menu, footer and dates."""

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from wagtail.models import Page

from home.closing import programme_ended_on
from home.dates import long_date, weekday_date
from home.languages import language_links, route_key
from home.models import EFUS_NAME
from home.site_cache import (
    active_locale,
    contact_of_request,
    footer_for,
    footer_links_for,
    site_for_request,
)
from home.visibility import discoverable_pages, home_path_of, menu_pages, page_in_language

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context):
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    route_suffix, kept_query = context.get("route_suffix", ""), context.get("kept_query", ())
    # Once per request, however many templates (head, share tags, switcher) ask.
    memo = request.__dict__.setdefault("_language_links", {})
    key = (getattr(page, "pk", None), route_key(route_suffix), tuple(kept_query))
    if key not in memo:
        memo[key] = language_links(request, page, route_suffix, kept_query)
    return memo[key]


def _home_path(context):
    """The tree path of the active language's home page, read off the current page if any."""
    page = context.get("page")
    if isinstance(page, Page) and page.depth >= 2:
        return home_path_of(page)
    request = context["request"]
    memo = request.__dict__.setdefault("_home_paths", {})  # the menu and the footer both ask
    language = get_language()
    if language not in memo:
        memo[language] = _language_home_path(request)
    return memo[language]


def _language_home_path(request):
    site = site_for_request(request)
    if site is None:
        return None
    home = (
        Page.objects.filter(translation_key=site.root_page.translation_key, locale=active_locale())
        .only("path")
        .first()
    )
    return (home or site.root_page).path


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages of the active language that editors chose to show in menus."""
    if context.get("request") is None:
        return []
    home_path = _home_path(context)
    if home_path is None:
        return []
    return menu_pages(context["request"], home_path)


@register.simple_tag
def footer_text():
    return footer_for(active_locale())


@register.simple_tag(takes_context=True)
def contact_settings(context):
    request = context.get("request")
    return contact_of_request(request) if request else None


@register.filter
def organisation_name(contact):
    """The organisation's name in the page's language: Efus's official name where Efus has one;
    any other name as the editors wrote it (in English, the site's source language), marked so."""
    name = contact.organisation_name
    shown = gettext(EFUS_NAME) if name == EFUS_NAME else name
    if shown != name or get_language() == "en":
        return shown
    return format_html('<span lang="en">{}</span>', name)


@register.simple_tag(takes_context=True)
def programme_ended(context):
    """The day the programme ended, once it has come: every page then says so."""
    request = context.get("request")
    return programme_ended_on(request) if request else None


@register.simple_tag
def site_archive():
    """The day the static archive being rendered was made; None on the live site."""
    return settings.SITE_ARCHIVE_MADE_ON


register.filter("long_date", long_date)
register.filter("weekday_date", weekday_date)


FOOTER_PAGE_FIELDS = ["privacy_page", "legal_notice_page", "accessibility_page", "sitemap_page"]


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The privacy, legal, accessibility and sitemap pages chosen in the contact settings, each
    in the active language when it is translated, public ones only, as (title, url) pairs."""
    contact = contact_settings(context)
    if contact is None:
        return []
    ids = [getattr(contact, f"{field}_id") for field in FOOTER_PAGE_FIELDS]
    if not any(ids):
        return []

    def load():
        pages = {page.pk: page for page in Page.objects.filter(pk__in=[i for i in ids if i])}
        links = []
        for page_id in ids:
            if page_id not in pages:
                continue
            same_page = Page.objects.filter(translation_key=pages[page_id].translation_key)
            translated = page_in_language(discoverable_pages(same_page))
            if translated is not None:
                links.append((translated.title, translated.url))
        return links

    return footer_links_for(contact.site_id, active_locale().pk, load)


# The share image (OpenGraph, Twitter) of each kind of page, by page type.
SHARE_IMAGES = {
    "HomePage": "home",
    "CohortIndexPage": "cohorts",
    "EventIndexPage": "events",
    "CommitteePage": "committee",
    "CommitteeNoteIndexPage": "committee",
    "CommitteeNotePage": "committee",
    "LibraryPage": "committee",
    "ApplicationPage": "apply",
}


@register.simple_tag(takes_context=True)
def share_image(context, kind=None):
    """The static path of the share image for this page (a 1200×630 PNG)."""
    if kind is None:
        page = context.get("page")
        kind = SHARE_IMAGES.get(type(getattr(page, "specific", page)).__name__, "default")
    return f"img/share/{kind}.png"


@register.simple_tag(takes_context=True)
def footer_more_pages(context, exclude=()):
    """Pages right under the active language's home page that editors keep out of the top
    menu (help, contact…), listed in the footer as (title, url) pairs; the footer pages proper
    (`exclude`, their urls) are left out."""
    request = context.get("request")
    site = site_for_request(request) if request else None
    if site is None:
        return []
    home_path = _home_path(context)
    if home_path is None:
        return []

    def load():
        pages = (
            discoverable_pages()
            .filter(depth=3, path__startswith=home_path, show_in_menus=False)
            .order_by("path")
            .only("id", "title", "url_path", "locale_id", "path", "depth")
        )
        return [(page.title, page.url) for page in pages]

    links = footer_links_for(site.pk, f"more:{home_path}", load)
    excluded = {url for _title, url in exclude}
    return [(title, url) for title, url in links if url not in excluded]


@register.filter
def initials(name):
    """'Ana María López' → 'AL': the first letters of the first and last words of a name."""
    words = [word for word in str(name).split() if word[:1].isalpha()]
    if not words:
        return ""
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


@register.filter
def keep_together(text, part):
    """`text`, escaped, with `part` (a reference such as AIC-2027-BE-0004) kept on one line:
    a line never breaks at its hyphens."""
    text, part = conditional_escape(text), conditional_escape(part)
    if not part:
        return text
    return mark_safe(text.replace(part, format_html('<span class="nowrap">{}</span>', part)))


@register.filter
def label_before_error(label):
    """A field's label as it leads its error in an error summary ("Label: error"), without the
    punctuation that ends it as a sentence or a question: "Is your authority a member of Efus"
    (not "…Efus?:"), "Votre collectivité est-elle membre de l'Efus" (not "…Efus ?:")."""
    return str(label).strip().lstrip("¿¡").rstrip(" .?!:;…\u00a0\u202f")
