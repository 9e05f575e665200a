"""Render an email in its recipient's language: subject, plain text and the same text in HTML.

An email is a template prefix: `<prefix>_subject.txt` and `<prefix>.txt`, rendered without HTML
escaping ("Commune d'Ixelles", never "d&#x27;Ixelles"). Every message says its language
(`Content-Language`), that a machine sent it (`Auto-Submitted`, RFC 3834, so vacation replies stay
away), keeps its text lines within 78 characters (RFC 5322) and carries an HTML part made from
that same text, with its `lang`, so both parts always say the same thing.
"""

import re
import textwrap

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template
from django.utils import translation
from django.utils.html import escape

MAX_LINE_LENGTH = 78
URL = re.compile(r"(https?://[^\s<>\"]+)")


def render_text(template_name, context):
    """A text template rendered as text: no HTML escaping, whatever the template says."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def wrap_lines(text, width=MAX_LINE_LENGTH):
    """Each line folded at `width` on spaces; an address is never cut, it gets its own line."""
    lines = []
    for line in text.splitlines():
        if len(line) <= width:
            lines.append(line)
            continue
        indent = re.match(r"\s*(?:[-*•] )?", line).group()
        lines.extend(
            textwrap.wrap(
                line,
                width,
                subsequent_indent=" " * len(indent),
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


def _linked(line):
    parts = URL.split(line)
    return "".join(
        f'<a href="{escape(part)}">{escape(part)}</a>' if index % 2 else escape(part)
        for index, part in enumerate(parts)
    )


def text_to_html(text, *, language, title):
    """The text as an HTML document in `language`: paragraphs, line breaks and live links."""
    paragraphs = [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    body = "\n".join(
        "<p>" + "<br>\n".join(_linked(line) for line in block.splitlines()) + "</p>"
        for block in paragraphs
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def compose(subject, body, *, language, to, from_email=None, reply_to=None, unsubscribe_url=None):
    """The message with its headers, wrapped text and HTML part.

    `unsubscribe_url` adds RFC 8058's one-click unsubscribe (a POST to that address).
    """
    subject = " ".join(subject.split())
    headers = {"Content-Language": language, "Auto-Submitted": "auto-generated"}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=subject,
        body=wrap_lines(body),
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=list(reply_to) if reply_to else None,
        headers=headers,
    )
    message.attach_alternative(text_to_html(body, language=language, title=subject), "text/html")
    return message


def render_message(template_prefix, context, *, language, to, reply_to=None, unsubscribe_url=None):
    """The email of `template_prefix`, written in `language`, ready to send to `to`."""
    with translation.override(language):
        subject = render_text(f"{template_prefix}_subject.txt", context)
        body = render_text(f"{template_prefix}.txt", context)
    return compose(
        subject,
        body,
        language=language,
        to=to,
        reply_to=reply_to,
        unsubscribe_url=unsubscribe_url,
    )
