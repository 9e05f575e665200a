"""Render an email in its recipient's language: subject, plain text and an optional HTML part.

An email is a template prefix: `<prefix>_subject.txt`, `<prefix>.txt` and, when it exists,
`<prefix>.html`.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def _render_html(template_prefix, context):
    try:
        return render_to_string(f"{template_prefix}.html", context)
    except TemplateDoesNotExist:
        return None


def render_message(template_prefix, context, *, language, to, reply_to=None):
    """The email of `template_prefix`, written in `language`, ready to send to `to`."""
    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        body = render_to_string(f"{template_prefix}.txt", context)
        html = _render_html(template_prefix, context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=list(reply_to) if reply_to else None,
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message
