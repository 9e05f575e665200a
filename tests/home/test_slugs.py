"""Addresses keep the letters of their language: umlauts and ß are written out (ü → ue, ß → ss),
not dropped, in translated pages' slugs, translated notes' slugs and certificate file names."""

import pytest
from wagtail_localize.models import Translation, TranslationSource

from home.slugs import transliterated_slug
from programme.factories import ProgrammePageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Über das Programm", "ueber-das-programm"),
        ("Größe der Städte", "groesse-der-staedte"),
        ("Jürgen Groß", "juergen-gross"),
        ("Œuvre commune à Liège", "oeuvre-commune-a-liege"),
        ("Edición de España", "edicion-de-espana"),
        ("Françoise Ĳsselmuiden", "francoise-ijsselmuiden"),
    ],
)
def test_letters_are_written_out_not_dropped(text, slug):
    assert transliterated_slug(text) == slug


def test_a_translators_slug_keeps_its_umlauts_written_out(site_tree, locales):
    page = ProgrammePageFactory(parent=site_tree.home, slug="about-us", title="About us")
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locales["de"])
    po = translation.export_po()
    for entry in po:
        entry.msgstr = "über-uns" if entry.msgctxt.endswith("slug") else f"{entry.msgid} (de)"
    translation.import_po(po)
    translation.save_target(publish=True)
    german = page.get_translation(locales["de"])
    assert german.slug == "ueber-uns"
    assert german.url.endswith("/ueber-uns/")
