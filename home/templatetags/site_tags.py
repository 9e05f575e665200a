"""Template tags for the site frame: languages, menu, footer and dates."""

from django import template
from django.utils.formats import date_format
from wagtail.models import Locale, Page, Site

from home.languages import language_links
from home.models import FooterText

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


def _localized_home(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    cached = getattr(request, "_localized_home", None)
    if cached is None:
        root = site.root_page
        cached = (
            Page.objects.live()
            .filter(translation_key=root.translation_key, locale=Locale.get_active())
            .first()
            or root
        )
        request._localized_home = cached
    return cached


@register.simple_tag(takes_context=True)
def home_page(context):
    request = context.get("request")
    return _localized_home(request) if request else None


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages of the active language that editors chose to show in menus."""
    home = home_page(context)
    if home is None:
        return []
    return list(
        home.get_children().live().public().in_menu().only("id", "title", "url_path", "locale_id")
    )


@register.simple_tag
def footer_text():
    return FooterText.objects.filter(locale=Locale.get_active()).first()


@register.filter
def local_date(moment, fmt="DATE_FORMAT"):
    if not moment:
        return ""
    return date_format(moment, fmt)
