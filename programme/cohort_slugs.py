"""A cohort's slug in each of the site's languages: its English country part written as that
language names the country ("germany-2026" → "deutschland-2026" under /de/), and back.

A slug an editor wrote otherwise (one that does not start with the country's English name) is
the same in every language.
"""

# Each country's name in each site language, in address form: CLDR's names (the site's own
# translations of the country, `programme.facts.COUNTRIES`) through `home.slugs.
# transliterated_slug` (België → belgie). Written out rather than read from Babel when a page is
# served: an address once published must not move with a library's data.
# tests/programme/test_cohort_addresses.py checks that they agree.
COUNTRY_SLUGS = {
    "FR": {
        "en": "france",
        "fr": "france",
        "it": "francia",
        "nl": "frankrijk",
        "de": "frankreich",
        "es": "francia",
    },
    "IT": {
        "en": "italy",
        "fr": "italie",
        "it": "italia",
        "nl": "italie",
        "de": "italien",
        "es": "italia",
    },
    "NL": {
        "en": "netherlands",
        "fr": "pays-bas",
        "it": "paesi-bassi",
        "nl": "nederland",
        "de": "niederlande",
        "es": "paises-bajos",
    },
    "DE": {
        "en": "germany",
        "fr": "allemagne",
        "it": "germania",
        "nl": "duitsland",
        "de": "deutschland",
        "es": "alemania",
    },
    "ES": {
        "en": "spain",
        "fr": "espagne",
        "it": "spagna",
        "nl": "spanje",
        "de": "spanien",
        "es": "espana",
    },
    "BE": {
        "en": "belgium",
        "fr": "belgique",
        "it": "belgio",
        "nl": "belgie",
        "de": "belgien",
        "es": "belgica",
    },
}


def _english_by_name():
    """Every language's name of a country → its English name, longest names first."""
    names = {name: slugs["en"] for slugs in COUNTRY_SLUGS.values() for name in slugs.values()}
    return sorted(names.items(), key=lambda item: -len(item[0]))


ENGLISH_BY_NAME = _english_by_name()


def _rest_after(slug, name):
    """What follows the country part `name` of `slug` ("-2026"), or None if it has none."""
    if slug == name or slug.startswith(f"{name}-"):
        return slug[len(name) :]
    return None


def localized_slug(slug, country, language_code):
    """`slug` ("germany-2026") of a cohort in `country` ("DE"), as `language_code` reads it
    ("deutschland-2026"); itself if it does not start with the country's English name."""
    names = COUNTRY_SLUGS.get(country)
    if names is None:
        return slug
    rest = _rest_after(slug, names["en"])
    if rest is None:
        return slug
    return f"{names.get(language_code, names['en'])}{rest}"


def english_slug(slug):
    """The English slug that `slug`, written in any site language, stands for
    ("deutschland-2026", "allemagne-2026" → "germany-2026"); itself if it names no country."""
    for name, english in ENGLISH_BY_NAME:
        rest = _rest_after(slug, name)
        if rest is not None:
            return f"{english}{rest}"
    return slug
