"""Web addresses and file names from text in any of the site's languages: letters that ASCII lacks
are written out as their language writes them without the mark (ü → ue, ß → ss, œ → oe), not
dropped ("groe") or stripped of their mark ("uber")."""

from django.utils.text import slugify

# Letters whose plain form is not the letter without its mark. The others (é → e, ñ → n, à → a)
# lose their mark in Django's slugify, as their languages do when they write without accents.
TRANSLITERATIONS = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ß": "ss",
        "ẞ": "SS",
        "œ": "oe",
        "Œ": "Oe",
        "æ": "ae",
        "Æ": "Ae",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
    }
)


def transliterated_slug(text):
    """'Größe der Städte' → 'groesse-der-staedte'."""
    return slugify(str(text).translate(TRANSLITERATIONS))


def transliterate_translated_slug(sender, instance, **kwargs):
    """A translator's slug ("über-uns") reaches the page through Django's slugify in
    wagtail-localize, which would drop the umlaut ("uber-uns"): write it out first."""
    if instance.context_id and instance.context.path == "slug":
        instance.data = transliterated_slug(instance.data) or instance.data
