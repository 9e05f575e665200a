"""Translate demo pages and snippets through wagtail-localize, as an editor would."""

import json

from django.core.management.base import CommandError
from django.urls import Resolver404, resolve
from django.utils.translation import override
from wagtail.models import Page
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    Translation,
    TranslationSource,
)

from demo.translations import places_for, strings_for


class MissingDemoTranslations(CommandError):
    pass


def translate(instance, locale, user=None, missing_report=None):
    """Create (or keep) the translation of `instance` in `locale` from the demo string tables.

    Every segment must have a translation: an English copy is never published as French.
    Returns the translated instance. With `missing_report` (a dict), untranslated strings are
    collected there instead of raising, and nothing is translated.
    """
    existing = instance.get_translation_or_none(locale)
    if existing is not None:
        return existing
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    strings = strings_for(locale.language_code)
    po = translation.export_po()
    missing = []
    for entry in po:
        translated = strings.get(entry.msgid)
        if translated is None and entry.msgctxt.endswith("slug"):
            translated = entry.msgid
        if translated is None:
            missing.append(entry.msgid)
        else:
            entry.msgstr = translated
    if missing and missing_report is not None:
        missing_report.setdefault(locale.language_code, []).extend(missing)
        return None
    if missing:
        raise MissingDemoTranslations(
            f"Demo content lacks {locale.language_code} translations for: "
            + "; ".join(repr(text) for text in missing)
        )
    translation.import_po(po, user=user)
    override_segments(source, locale, user)
    if not isinstance(instance, Page):
        translation.save_target(user=user, publish=True)
        return instance.get_translation(locale)
    # wagtail-localize defers publishing to the end of the transaction, where a revision
    # captured before the page's children existed would reset the page's child count; so
    # save a draft and publish it now, from a freshly read page.
    translation.save_target(user=user, publish=False)
    translated = Page.objects.get(pk=instance.get_translation(locale).pk).specific
    translated.get_latest_revision().publish(user=user)
    return translated


def localised_value(value, language_code, places):
    """What an overridable segment reads in `language_code`, or None when it stays as it is.

    A link to one of the site's own English addresses outside the page tree ("/en/certificates/
    verify/") leads to the same address in the translation's language; a place name ("Turin")
    takes its name in that language ("Torino", "Turijn").
    """
    if not isinstance(value, str):
        return None
    if value.startswith("/en/"):
        localised = f"/{language_code}/{value.removeprefix('/en/')}"
        return localised if _is_site_route(localised, language_code) else None
    return places.get(value)


def _is_site_route(path, language_code):
    """A route of the site's own views (pages have slugs of their own in each language)."""
    with override(language_code):
        try:
            return resolve(path).url_name != "wagtail_serve"
        except Resolver404:
            return False


def override_segments(source, locale, user=None):
    """Set, as an editor would in wagtail-localize, the overridable segments (links, synchronised
    fields such as a member's city) that read differently in `locale`."""
    places = places_for(locale.language_code)
    for segment in OverridableSegment.objects.filter(source=source).select_related("context"):
        value = localised_value(segment.data, locale.language_code, places)
        if value is None or value == segment.data:
            continue
        SegmentOverride.objects.update_or_create(
            locale=locale,
            context=segment.context,
            defaults={"data_json": json.dumps(value), "last_translated_by": user},
        )
