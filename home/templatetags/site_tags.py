"""Template tags for the site frame: languages, menu, footer and dates."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from home.dates import long_date, weekday_date
from home.languages import language_links
from home.site_cache import contact_for, footer_for, locale_for
from home.visibility import menu_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context):
    request = context.get("request")
    if request is None:
        return []
    cache_key = "_language_links"
    if cache_key not in context.render_context:
        context.render_context[cache_key] = language_links(
            request, context.get("page"), context.get("route_suffix", "")
        )
    return context.render_context[cache_key]


def active_locale():
    return locale_for(get_language()) or Locale.get_default()


def _home_path(context):
    """The tree path of the active language's home page, read off the current page if any."""
    page = context.get("page")
    if isinstance(page, Page) and page.depth >= 2:
        return page.path[: Page.steplen * 2]
    request = context["request"]
    site = Site.find_for_request(request)
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
    return list(menu_pages(home_path))


@register.simple_tag
def footer_text():
    return footer_for(active_locale())


@register.simple_tag(takes_context=True)
def contact_settings(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return contact_for(site) if site else None


register.filter("long_date", long_date)
register.filter("weekday_date", weekday_date)
