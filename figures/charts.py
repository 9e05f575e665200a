"""Bar charts drawn on the server as SVG: no script, no inline style (the CSP allows neither),
colours from the stylesheet's classes, a title and a description for screen readers. The
numbers are in the table below each chart too; the chart is an image of that table."""

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from figures.counts import FEWER_THAN_5

WIDTH = 320
LABEL_HEIGHT = 18
BAR_HEIGHT = 14
BAR_GAP = 4
ROW_GAP = 10
VALUE_ROOM = 78
LEGEND_HEIGHT = 22


def chart_columns(table):
    """The columns drawn: the averages when the figure is one, else the counts of people (or
    every column when none counts people)."""
    if table.average_of:
        return list(table.average_of)
    people = [i for i, counts_people in enumerate(table.people) if counts_people]
    return people or list(range(len(table.columns)))


def value_text(value):
    if value is None:
        return gettext("not shown")
    if value == FEWER_THAN_5:
        return gettext("fewer than 5")
    return number_format(value, None if isinstance(value, int) else 1)


def bar_chart(table, dom_id):
    columns = chart_columns(table)
    numbers = [v for _l, values in table.rows for i, v in enumerate(values) if i in columns]
    largest = (
        5 if table.average_of else max([v for v in numbers if isinstance(v, int | float)] or [1])
    )
    scale = (WIDTH - VALUE_ROOM) / (largest or 1)
    parts, y = [], 0
    if len(columns) > 1:
        x = legend_y = 0
        for n, i in enumerate(columns):
            room = 16 + 9 * len(str(table.columns[i]))
            if x and x + room > WIDTH:  # the next key on a line of its own
                x, legend_y = 0, legend_y + LEGEND_HEIGHT
            parts.append(
                format_html(
                    '<rect class="bar bar-{}" x="{}" y="{}" width="12" height="12"/>'
                    '<text x="{}" y="{}">{}</text>',
                    n,
                    x,
                    legend_y + 2,
                    x + 16,
                    legend_y + 13,
                    table.columns[i],
                )  # fmt: skip
            )
            x += room + 12
        y = legend_y + LEGEND_HEIGHT
    for label, values in table.rows:
        parts.append(format_html('<text class="label" x="0" y="{}">{}</text>', y + 13, label))
        y += LABEL_HEIGHT
        for n, i in enumerate(columns):
            value = values[i]
            width = round(value * scale, 1) if isinstance(value, int | float) else 0
            parts.append(
                format_html(
                    '<rect class="bar bar-{}" x="0" y="{}" width="{}" height="{}"/>'
                    '<text class="value" x="{}" y="{}">{}</text>',
                    n,
                    y,
                    width,
                    BAR_HEIGHT,
                    width + 4,
                    y + BAR_HEIGHT - 2,
                    value_text(value),
                )  # fmt: skip
            )
            y += BAR_HEIGHT + BAR_GAP
        y += ROW_GAP
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {} {}" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>'
        '<desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH, y, dom_id, dom_id, dom_id, table.title, dom_id, table.description,
        mark_safe("".join(parts)),  # noqa: S308  (each part escaped by format_html)
    )  # fmt: skip
