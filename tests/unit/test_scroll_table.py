"""The {% scroll_table %} box around a wide table: a labelled region a keyboard user can Tab to and
scroll, so that at 320 CSS pixels the table scrolls and the page does not (WCAG 2.2 1.4.10)."""

import pytest
from django.template import Context, Template, TemplateSyntaxError


def render(source, **context):
    return Template("{% load scroll_table %}" + source).render(Context(context))


def test_the_box_is_a_region_named_by_the_tables_caption_and_reachable_by_keyboard():
    html = render('{% scroll_table labelledby=key|add:"-caption" %}<table></table>{% end_scroll_table %}', key="cases")
    assert (
        html
        == '<div class="app-table-scroll" role="region" aria-labelledby="cases-caption" tabindex="0"><table></table></div>'
    )


def test_a_table_without_a_caption_names_its_box_in_words_escaped():
    html = render("{% scroll_table label=name %}<table></table>{% end_scroll_table %}", name='Files & "layouts"')
    assert 'aria-label="Files &amp; &quot;layouts&quot;"' in html


def test_a_box_without_a_name_is_refused():
    with pytest.raises(TemplateSyntaxError):
        render("{% scroll_table %}<table></table>{% end_scroll_table %}")
    with pytest.raises(TemplateSyntaxError):
        render("{% scroll_table caption=x %}<table></table>{% end_scroll_table %}")
