"""One glossary per language (locale/glossary.toml): every translation the site shows — the UI
catalogues behind pages, emails, the certificate PDF and the admin, and the demo content — uses its
one word for each key notion and its one form of address."""

import importlib
import re
import tomllib
from pathlib import Path

import polib
import pytest
from django.conf import settings

from home.management.commands.compile_translations import catalogue_dirs
from tests.conftest import TRANSLATED_CODES

GLOSSARY_PATH = Path(settings.BASE_DIR) / "locale" / "glossary.toml"
KEY_NOTIONS = {
    "cohort",
    "application",
    "session",
    "steering_committee",
    "certificate",
    "participant",
}
# Not words of the language: placeholders, tags, character references and addresses.
NOT_WORDS = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>|&\w+;|https?://\S+|\S+@\S+")


def glossary():
    with GLOSSARY_PATH.open("rb") as handle:
        return tomllib.load(handle)


def catalogue_texts(language):
    """(where, source text, translation) for every translated entry of `language`."""
    for locale_dir in catalogue_dirs():
        for po_path in sorted(locale_dir.glob(f"{language}/LC_MESSAGES/*.po")):
            where = po_path.relative_to(settings.BASE_DIR)
            for entry in polib.pofile(str(po_path)).translated_entries():
                for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                    yield where, entry.msgid, text
    demo = importlib.import_module(f"demo.translations.{language}")
    for source, text in demo.STRINGS.items():
        yield f"demo/translations/{language}.py", source, text


def words_of(text, allowed):
    text = NOT_WORDS.sub(" ", text)
    for phrase in allowed:
        text = text.replace(phrase, " ")
    return text


def glossary_breaches(language):
    rules = glossary()[language]
    forbidden = [(re.compile(pattern), why) for pattern, why in rules["forbidden"].items()]
    breaches = []
    for where, source, text in catalogue_texts(language):
        words = words_of(text, rules["allowed"])
        for pattern, why in forbidden:
            found = pattern.search(words)
            if found:
                breaches.append(f"{where}: «{found.group(0)}» in {text!r} ({source!r}): {why}")
    return breaches


def test_the_glossary_names_every_key_notion_and_one_address_per_language():
    rules = glossary()
    assert set(rules) == {"en", *TRANSLATED_CODES}
    for language, entry in rules.items():
        assert set(entry["terms"]) == KEY_NOTIONS, language
        assert all(entry["terms"].values()), language
        assert entry["address"], language


@pytest.mark.parametrize("language", TRANSLATED_CODES)
def test_translations_follow_the_glossary(language):
    breaches = glossary_breaches(language)
    assert not breaches, f"{len(breaches)} breaches of the glossary:\n" + "\n".join(breaches)


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Il tuo certificato è allegato."),
        ("it", "Controllate la vostra casella di posta"),
        ("it", "Ora fai parte del gruppo %(country)s."),
        ("es", "Hemos recibido tu solicitud."),
        ("es", "Su candidatura ha sido aceptada."),
        ("de", "Hast du dein Zertifikat?"),
        ("de", "Willkommen in der Kohorte %(country)s"),
        ("nl", "Je aanmelding is ontvangen."),
        ("fr", "Ta candidature est reçue."),
    ],
)
def test_the_check_catches_a_wrong_word_or_address(language, text):
    rules = glossary()[language]
    words = words_of(text, rules["allowed"])
    assert any(re.search(pattern, words) for pattern in rules["forbidden"])


def test_placeholders_and_working_groups_are_not_cohorts():
    rules = glossary()["es"]
    words = words_of("Grupo de trabajo del Efus, edición %(cohort)s", rules["allowed"])
    assert not any(re.search(pattern, words) for pattern in rules["forbidden"])


# French typography: a no-break space before « : » (U+00A0 or the narrow U+202F) and a narrow
# no-break space (U+202F) before « ; », « ? » and « ! », so that the sign never starts a line.
FRENCH_PUNCTUATION = re.compile(r"(.?)([:;?!])(?=\s|$|[»”\"<)])")
ADDRESSES = re.compile(r"https?://\S+|\S+@\S+")


def french_spacing_breaches(text):
    breaches = []
    for found in FRENCH_PUNCTUATION.finditer(ADDRESSES.sub("", text)):
        before, sign = found.groups()
        spaces = "\u00a0\u202f" if sign == ":" else "\u202f"
        if before not in spaces:
            breaches.append(f"{before!r} before «{sign}»")
    return breaches


def test_french_puts_a_no_break_space_before_high_punctuation():
    breaches = [
        f"{where}: {found} in {text!r}"
        for where, _source, text in catalogue_texts("fr")
        for found in french_spacing_breaches(text)
    ]
    assert not breaches, f"{len(breaches)} French spacing breaches:\n" + "\n".join(breaches)


@pytest.mark.parametrize(
    "text, breaks",
    [
        ("Votre référence\u00a0:", False),
        ("Qui peut candidater\u202f?", False),
        ("Votre référence :", True),
        ("Votre référence:", True),
        ("Qui peut candidater ?", True),
        ("Voir https://efus.eu/?page=1 ou 10:30", False),
    ],
)
def test_the_french_spacing_check(text, breaks):
    assert bool(french_spacing_breaches(text)) is breaks
