"""Server-rendered SVG horizontal bar charts: the geometry here, the drawing in
``core/_bar_chart.html``. A chart is always shown beside a table of the same figures, which is what
screen readers and exports use, so the SVG is only a picture of that table.

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


def bar_chart(items):
    """``items``: [(label, value as a number >= 0, value as text, colour)], one bar each, in order.
    The longest bar is the largest value; a value above 0 always gets at least a sliver of a bar."""
    biggest = max((value for _, value, _, _ in items), default=0) or 1
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for position, (label, value, text, colour) in enumerate(items):
        y = TOP + position * (BAR_HEIGHT + GAP)
        width = round(plot * max(float(value), 0) / float(biggest), 1)
        bars.append({"label": label[:LABEL_CHARACTERS] + ("…" if len(label) > LABEL_CHARACTERS else ""),
                     "text": text, "colour": colour,
                     "y": y, "text_y": y + BAR_HEIGHT / 2 + 5, "width": max(width, 1 if value else 0),
                     "value_x": LABEL_WIDTH + max(width, 0) + 6})
    return {"width": WIDTH, "height": TOP * 2 + len(items) * (BAR_HEIGHT + GAP), "label_x": LABEL_WIDTH - 8,
            "plot_x": LABEL_WIDTH, "bar_height": BAR_HEIGHT, "bars": bars}
