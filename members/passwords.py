"""A password rule beside Django's validators: a member's password does not contain their name.

Django's UserAttributeSimilarityValidator compares the whole password with each attribute, so
"jurgengross2027" passes for Jürgen Groß; this one looks for each part of the name, the user
name and the email's local part (three letters or more) inside the password, ignoring case
and accents ("ß" reads "ss").
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SHORTEST_PART = 3


def plain(text):
    """Lower case, without accents: "Jürgen Groß" → "jurgen gross"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_parts(user):
    values = [user.first_name, user.last_name, user.get_username(), user.email or ""]
    parts = set()
    for value in values:
        local = value.split("@")[0]
        parts.update(p for p in re.split(r"[\W_\d]+", plain(local)) if len(p) >= SHORTEST_PART)
    return parts


class NameInPasswordValidator:
    def validate(self, password, user=None):
        if user is None:
            return
        password = plain(password)
        if any(part in password for part in name_parts(user)):
            raise ValidationError(
                _("Your password must not contain your name."), code="password_contains_name"
            )

    def get_help_text(self):
        return _("Your password must not contain your name.")
