"""Words of Wagtail and wagtail-localize that this site translates itself, because their own
German catalogue leaves them in English ("Locale", "Locales umschalten") in the page editor's
side panel and the translation editor.

Only the strings are needed here, for `makemessages`: home's catalogues come before Wagtail's in
INSTALLED_APPS, so their translations win. A language whose home catalogue leaves one of them
empty keeps Wagtail's own translation.
"""

from django.utils.translation import gettext_noop

WAGTAIL_WORDS = [
    gettext_noop("locale"),
    gettext_noop("Locale"),
    gettext_noop("Locale: "),
    gettext_noop("Locales"),
    gettext_noop("{} locales"),
    gettext_noop("Available in %(translations_total)s locales"),
    gettext_noop("Switch locales"),
    gettext_noop("Synchronise content from another locale"),
    gettext_noop("This locale cannot be synced into itself."),
]
