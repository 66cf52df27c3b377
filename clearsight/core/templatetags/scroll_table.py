"""A wide table in its own sideways-scrolling box, so that at 320 CSS pixels (400% zoom) the table
scrolls and the page does not (WCAG 2.2 1.4.10 Reflow). The box is a labelled region a keyboard
user can Tab to and scroll with the arrow keys (axe's scrollable-region-focusable), as the board's
tables are:

    {% load scroll_table %}
    {% scroll_table labelledby="cases-caption" %}<table class="govuk-table">
      <caption class="govuk-table__caption" id="cases-caption">Cases</caption>…</table>{% end_scroll_table %}

or ``{% scroll_table label="Spend imports" %}`` for a table without a caption. Tables in no box of
their own are boxed by assets/js/table-scroll.js when they are wider than the page.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


class ScrollTableNode(template.Node):
    def __init__(self, nodelist, options):
        self.nodelist, self.options = nodelist, options

    def render(self, context):
        values = {key: value.resolve(context) for key, value in self.options.items()}
        if bool(values.get("labelledby")) == bool(values.get("label")):
            raise template.TemplateSyntaxError("scroll_table needs one of labelledby or label")
        name = (
            format_html('aria-labelledby="{}"', values["labelledby"])
            if values.get("labelledby")
            else format_html('aria-label="{}"', values["label"])
        )
        return format_html(
            '<div class="app-table-scroll" role="region" {} tabindex="0">{}</div>', name, self.nodelist.render(context)
        )


@register.tag
def scroll_table(parser, token):
    bits = token.split_contents()[1:]
    options = {}
    for bit in bits:
        key, sep, value = bit.partition("=")
        if not sep or key not in ("labelledby", "label"):
            raise template.TemplateSyntaxError(f"scroll_table takes labelledby= or label=, not {bit}")
        options[key] = parser.compile_filter(value)
    nodelist = parser.parse(("end_scroll_table",))
    parser.delete_first_token()
    return ScrollTableNode(nodelist, options)
