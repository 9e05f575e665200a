"""Site-wide records that every page shows, kept in the shared cache and cleared on change.

The frame of every page (locale, footer, contact) would otherwise cost three queries per view.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale

from home.models import ContactSettings, FooterText

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


def footer_for(locale):
    return _remember(
        f"footer-text:{locale.pk}", lambda: FooterText.objects.filter(locale=locale).first()
    )


def contact_for(site):
    return _remember(
        f"contact-settings:{site.pk}", lambda: ContactSettings.objects.filter(site=site).first()
    )


@receiver([post_save, post_delete], sender=Locale)
def forget_locale(sender, instance, **kwargs):
    cache.delete(f"locale:{instance.language_code}")


@receiver([post_save, post_delete], sender=FooterText)
def forget_footer(sender, instance, **kwargs):
    cache.delete(f"footer-text:{instance.locale_id}")


@receiver([post_save, post_delete], sender=ContactSettings)
def forget_contact(sender, instance, **kwargs):
    cache.delete(f"contact-settings:{instance.site_id}")
