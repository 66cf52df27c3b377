"""Server-rendered SVG horizontal bar charts: the geometry here, the drawing in
``core/_bar_chart.html``. A chart is always shown beside a table of the same figures, which is what
screen readers and exports use, so the SVG is only a picture of that table.

The chart is drawn twice: wide, each label beside its bar, and narrow, each label above its bar,
for screens narrower than 641 CSS pixels (a phone, or 400% zoom), where the wide drawing would
shrink its 14-pixel labels to 6 pixels (WCAG 2.2 1.4.10 Reflow). The stylesheet shows one of them.

Include the template with the chart and the ids of its title and of a note that describes it:

    {% include "core/_bar_chart.html" with chart=chart title_id="spend-title" note_id="spend-note" %}
"""

WIDTH = 720
LABEL_WIDTH = 230
VALUE_WIDTH = 110
BAR_HEIGHT = 24
GAP = 10
TOP = 8
LABEL_CHARACTERS = 34  # longer labels are cut short with an ellipsis (the table beside has them whole)
# The narrow drawing: as wide as the page's column at 320 CSS pixels, so its text is drawn at its size.
NARROW_WIDTH = 290
NARROW_VALUE_WIDTH = 80
NARROW_BAR_HEIGHT = 16
NARROW_LABEL_HEIGHT = 20


def bar_chart(items):
    """``items``: [(label, value as a number >= 0, value as text, colour)], one bar each, in order.
    The longest bar is the largest value; a value above 0 always gets at least a sliver of a bar."""
    biggest = max((value for _, value, _, _ in items), default=0) or 1
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for position, (label, value, text, colour) in enumerate(items):
        y = TOP + position * (BAR_HEIGHT + GAP)
        width = round(plot * max(float(value), 0) / float(biggest), 1)
        bars.append(
            {
                "label": label[:LABEL_CHARACTERS] + ("…" if len(label) > LABEL_CHARACTERS else ""),
                "text": text,
                "colour": colour,
                "y": y,
                "text_y": y + BAR_HEIGHT / 2 + 5,
                "width": max(width, 1 if value else 0),
                "value_x": LABEL_WIDTH + max(width, 0) + 6,
            }
        )
    return {
        "width": WIDTH,
        "height": TOP * 2 + len(items) * (BAR_HEIGHT + GAP),
        "label_x": LABEL_WIDTH - 8,
        "plot_x": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "bars": bars,
        "narrow": _narrow(items, biggest),
    }


def _narrow(items, biggest):
    """The narrow drawing: each label on a line of its own, its bar under it, the value after the bar."""
    plot = NARROW_WIDTH - NARROW_VALUE_WIDTH
    step = NARROW_LABEL_HEIGHT + NARROW_BAR_HEIGHT + GAP
    bars = []
    for position, (label, value, text, colour) in enumerate(items):
        top = TOP + position * step
        width = round(plot * max(float(value), 0) / float(biggest), 1)
        bar_y = top + NARROW_LABEL_HEIGHT
        bars.append(
            {
                "label": label[:LABEL_CHARACTERS] + ("…" if len(label) > LABEL_CHARACTERS else ""),
                "text": text,
                "colour": colour,
                "label_y": top + 14,
                "y": bar_y,
                "text_y": bar_y + NARROW_BAR_HEIGHT / 2 + 5,
                "width": max(width, 1 if value else 0),
                "value_x": max(width, 0) + 6,
            }
        )
    return {"width": NARROW_WIDTH, "height": TOP * 2 + len(items) * step, "bar_height": NARROW_BAR_HEIGHT, "bars": bars}
