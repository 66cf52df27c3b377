"""The geometry of the overview's charts: server-rendered SVG horizontal bar charts. Each chart is
shown beside a table of the same figures, which is what screen readers and exports use."""

WIDTH = 720
LABEL_WIDTH = 230
VALUE_WIDTH = 110
BAR_HEIGHT = 24
GAP = 10
TOP = 8

TIER_COLOURS = {"very_high": "#d4351c", "high": "#f47738", "medium": "#ffdd00", "low": "#00703c", None: "#b1b4b6"}


def bar_chart(items):
    """``items``: [(label, value as a number >= 0, value as text, colour)]."""
    biggest = max((value for _, value, _, _ in items), default=0) or 1
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for position, (label, value, text, colour) in enumerate(items):
        y = TOP + position * (BAR_HEIGHT + GAP)
        width = round(plot * max(float(value), 0) / float(biggest), 1)
        bars.append({"label": label[:34] + ("…" if len(label) > 34 else ""), "text": text, "colour": colour,
                     "y": y, "text_y": y + BAR_HEIGHT / 2 + 5, "width": max(width, 1 if value else 0),
                     "value_x": LABEL_WIDTH + max(width, 0) + 6})
    return {"width": WIDTH, "height": TOP * 2 + len(items) * (BAR_HEIGHT + GAP), "label_x": LABEL_WIDTH - 8,
            "plot_x": LABEL_WIDTH, "bar_height": BAR_HEIGHT, "bars": bars}
