"""schema.org structured data (JSON-LD) in a page's head: what search engines read.

Each app builds the data of its own records (the programme: courses and events); this module
names the organisation behind the site, from the contact settings the footer shows, and writes
the data into the page.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from home.identity import logo_url

SCHEMA_CONTEXT = "https://schema.org"
# Characters that could end the script element or open a comment, written as JSON escapes.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def organisation(contact):
    """Efus: its name and website as the contact settings give them, and its logo."""
    return {
        "@type": "Organization",
        "name": contact.organisation_name,
        "url": contact.organisation_url,
        "logo": logo_url(),
    }


def json_ld_script(data):
    """`data` (a dict, without its @context) as a JSON-LD script element."""
    text = json.dumps(
        {"@context": SCHEMA_CONTEXT, **data}, cls=DjangoJSONEncoder, ensure_ascii=False
    )
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(SCRIPT_ESCAPES)),
    )
