"""`{% remembered "name" what else it depends on… %}…{% endremembered %}`: a part of a page
rendered once per generation of the records it shows (web/fragments.py).

The part's output is kept, not what it sets in the context: a tag inside that sets a variable
(`{% x as y %}`) is only seen inside it.
"""

from django import template
from django.utils.safestring import mark_safe

from web.fragments import remembered

register = template.Library()


class RememberedNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        vary = [expression.resolve(context) for expression in self.vary]
        text = remembered(
            context.get("request"), self.name, vary, lambda: self.nodelist.render(context)
        )
        return mark_safe(text)


@register.tag("remembered")
def do_remembered(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' takes a quoted name, then what the part depends on."
        )
    nodelist = parser.parse(("endremembered",))
    parser.delete_first_token()
    return RememberedNode(nodelist, bits[1][1:-1], [parser.compile_filter(b) for b in bits[2:]])
