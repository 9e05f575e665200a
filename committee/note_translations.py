"""Notes in the other languages: a committee member translates their own notes (through
wagtail-localize's translation editor) or asks the editors for a translation, and a translated
note gets a slug in its own language.

wagtail-localize's own "Translate" view opens to anyone holding its global permission, for any
page; committee members get this narrower one instead: their own notes, into the languages whose
notes listing they may write in.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Locale, PageLogEntry
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from committee.models import CommitteeNoteIndexPage
from home.slugs import transliterated_slug
from members.groups import EDITORS

TRANSLATION_ASKED = "committee.translation_asked"


def wrote(user, note):
    """Whether `user` owns the note or signs it."""
    if not user.is_authenticated:
        return False
    return note.owner_id == user.pk or note.note_authors.filter(member__account=user).exists()


def missing_locales(note):
    """The languages the note has no translation in yet."""
    translated = note.get_translations(inclusive=True).values_list("locale_id", flat=True)
    return Locale.objects.exclude(pk__in=translated).order_by("language_code")


def locales_writable_by(user, note):
    """The languages `user` may translate the note into: no translation yet, and a notes listing
    there that they may add notes to (the committee's section, granted in every language)."""
    sections = CommitteeNoteIndexPage.objects.filter(
        translation_key=note.get_parent().translation_key,
        locale__in=missing_locales(note),
    )
    return Locale.objects.filter(
        pk__in=[
            section.locale_id
            for section in sections
            if section.permissions_for_user(user).can_add_subpage()
        ]
    ).order_by("language_code")


def may_translate(user, note):
    return wrote(user, note) and locales_writable_by(user, note).exists()


@transaction.atomic
def translate_note(note, locales, user):
    """Start a synced translation of the note in each locale, as a draft: it stays unpublished
    until its writer has translated and published it in the translation editor."""
    source, _created = TranslationSource.update_or_create_from_instance(note)
    translated = []
    for locale in locales:
        translation, _created = Translation.objects.update_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        translation.save_target(user=user, publish=False)
        translated.append(source.get_translated_instance(locale))
    return translated


def editors_to_ask():
    return (
        get_user_model()
        .objects.filter(groups__name=EDITORS, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .distinct()
    )


# --- A translated note's slug in its own language ---------------------------------------------


def source_of(note):
    """The wagtail-localize translation that made `note`, or None for an original note."""
    return (
        Translation.objects.filter(
            source__object_id=note.translation_key, target_locale_id=note.locale_id
        )
        .select_related("source")
        .first()
    )


def was_published_translated(note, source_title, revision):
    """Whether the note went live before with a title of its own (its URL is then known)."""
    earlier = PageLogEntry.objects.filter(page=note, action="wagtail.publish").exclude(
        revision=revision
    )
    return any(
        entry.revision and entry.revision.content.get("title") != source_title
        for entry in earlier.select_related("revision")
    )


def localize_slug(note, revision):
    """Give a translated note, when first published with a translated title, the slug of that
    title. Translations already published with their title keep their address."""
    translation = source_of(note)
    if translation is None:
        return
    try:
        original = translation.source.get_source_instance()
    except ObjectDoesNotExist:  # the source note was deleted: nothing to compare with
        return
    if note.slug != original.slug or note.title == original.title:
        return  # the translator chose a slug, or the title is not translated
    if was_published_translated(note, original.title, revision):
        return
    slug = find_available_slug(
        note.get_parent(), transliterated_slug(note.title), ignore_page_id=note.pk
    )
    if not slug or slug == note.slug:
        return
    note.slug = slug
    note.save(update_fields=["slug", "url_path"])
    for stored in {revision, note.latest_revision} - {None}:
        stored.content["slug"] = slug
        stored.save(update_fields=["content"])
    remember_slug(translation, note.locale, slug)


def remember_slug(translation, locale, slug):
    """Record the slug as the translation of the source's slug, so that the next sync from the
    source (which copies untranslated strings) keeps it."""
    segment = (
        StringSegment.objects.filter(source=translation.source, context__path="slug")
        .select_related("string", "context")
        .first()
    )
    if segment is None:
        return
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=locale,
        context=segment.context,
        defaults={"data": slug, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
    )


def log_translation_asked(note, locales, user):
    log(
        instance=note,
        action=TRANSLATION_ASKED,
        user=user,
        data={"languages": [locale.language_code for locale in locales]},
    )
