"""The demo programme (content, translations, accounts, files) and the benchmark built on it.

The top floor of the project: it imports every app and nothing imports it.
"""
