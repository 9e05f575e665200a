"""Translations of the demo content, one module per language: STRINGS maps English to it, and
PLACES maps the English name of a place to its name in that language."""

from importlib import import_module


def strings_for(language_code):
    return import_module(f"demo.translations.{language_code}").STRINGS


def places_for(language_code):
    return getattr(import_module(f"demo.translations.{language_code}"), "PLACES", {})
