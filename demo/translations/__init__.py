"""Translations of the demo content, one module per language: STRINGS maps English to it."""

from importlib import import_module


def strings_for(language_code):
    return import_module(f"demo.translations.{language_code}").STRINGS
