"""How a published figure reads in a table: a number, "fewer than 5" or "not shown"."""

from django import template

from figures.charts import value_text

register = template.Library()


@register.filter
def figure(value):
    return value_text(value)


@register.filter
def index(items, position):
    return items[position]
