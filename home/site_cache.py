"""Site-wide records that every page shows, kept in the shared cache and cleared on change.

The frame of every page (locale, footer, contact) would otherwise cost three queries per view.
"""

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language
from wagtail.models import Locale, Site
from wagtail.signals import page_published, page_unpublished

from home.models import ContactSettings, FooterText
from web.generations import move_on

TIMEOUT = 3600
MISSING = "missing"


def _remember(key, load):
    value = cache.get(key)
    if value is None:
        value = load()
        cache.set(key, MISSING if value is None else value, TIMEOUT)
    return None if value == MISSING else value


def locale_for(language_code):
    return _remember(
        f"locale:{language_code}",
        lambda: Locale.objects.filter(language_code=language_code).first(),
    )


def active_locale():
    """The Locale of the active language (the default one if it has none), without a query
    once remembered."""
    return locale_for(get_language()) or Locale.get_default()


def footer_for(locale):
    return _remember(
        f"footer-text:{locale.pk}", lambda: FooterText.objects.filter(locale=locale).first()
    )


def contact_for(site):
    return _remember(f"contact-settings:{site.pk}", lambda: _load_contact(site))


def contact_of_request(request):
    """The contact settings of the request's site, read once per request (the frame, the
    closing notice and the structured data all ask)."""
    memo = request.__dict__
    if "_contact_settings" not in memo:
        site = site_for_request(request)
        memo["_contact_settings"] = contact_for(site) if site else None
    return memo["_contact_settings"]


def _load_contact(site):
    contact = ContactSettings.objects.filter(site=site).first()
    if contact is not None:
        cache.set(LAST_CONTACT, contact, None)
    return contact


# The contact last read from the database, for the 500 page, which must not query it.
LAST_CONTACT = "contact-settings:last"


def last_contact():
    """The programme's contact as last read, from the shared cache alone (or None)."""
    try:
        return cache.get(LAST_CONTACT)
    except Exception:  # the 500 page answers even when the cache does not
        return None


def _generation(key):
    return cache.get(key) or 0


# Wagtail reads the request's site on every request; sites change in the admin's settings only.
SITES_GENERATION = "sites:generation"


def site_for_request(request):
    """The request's Wagtail site (`Site.find_for_request`), kept by host and port, and left on
    the request where Wagtail looks for it first."""
    if not hasattr(request, "_wagtail_site"):
        try:
            host = request.get_host()
        except DisallowedHost:  # an error page for a host we do not serve: not kept
            return Site.find_for_request(request)
        request._wagtail_site = _remember(
            f"site:{_generation(SITES_GENERATION)}:{host}:{request.get_port()}",
            lambda: Site.find_for_request(request),
        )
    return request._wagtail_site


@receiver([post_save, post_delete], sender=Site)
def forget_sites(sender, instance, **kwargs):
    move_on(SITES_GENERATION)


@receiver([post_save, post_delete], sender=Locale)
def forget_locale(sender, instance, **kwargs):
    cache.delete(f"locale:{instance.language_code}")


@receiver([post_save, post_delete], sender=FooterText)
def forget_footer(sender, instance, **kwargs):
    cache.delete(f"footer-text:{instance.locale_id}")


@receiver([post_save, post_delete], sender=ContactSettings)
def forget_contact(sender, instance, **kwargs):
    cache.delete(f"contact-settings:{instance.site_id}")
    cache.delete(LAST_CONTACT)


# The footer's page links (legal pages, pages kept out of the menu) depend on many pages: they
# are kept per site and language under a generation number that any page change moves on.
FOOTER_LINKS_GENERATION = "footer-links:generation"


def footer_links_for(site_id, locale_id, load):
    generation = _generation(FOOTER_LINKS_GENERATION)
    return _remember(f"footer-links:{generation}:{site_id}:{locale_id}", load)


def forget_footer_links(sender, instance=None, **kwargs):
    # Footer pages sit right under a home page: deeper pages (notes…) leave the links as they are.
    if getattr(instance, "depth", 0) > 3:
        return
    move_on(FOOTER_LINKS_GENERATION)


for _signal in (page_published, page_unpublished, post_delete):
    _signal.connect(forget_footer_links, sender=None, dispatch_uid=f"footer-links-{id(_signal)}")
post_save.connect(forget_footer_links, sender=ContactSettings, dispatch_uid="footer-links-contact")
