"""Template tags of the application process's own pages."""

from django import template

register = template.Library()


@register.simple_tag
def error_anchor(field):
    """Where an error summary's link leads: the field, or a radio group's first button."""
    return field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
