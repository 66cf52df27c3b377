"""The geometry of the compliance chart, a server-rendered SVG line chart of percentages over time."""

from dataclasses import dataclass, field


@dataclass
class Line:
    label: str
    colour: str
    dash: str
    points: list = field(default_factory=list)  # {"x", "y", "value", "label"}

    @property
    def path(self):
        parts, pen_down = [], False
        for p in self.points:
            if p["value"] is None:
                pen_down = False
                continue
            parts.append(f"{'L' if pen_down else 'M'}{p['x']},{p['y']}")
            pen_down = True
        return " ".join(parts)


WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 48


def line_chart(labels, series):
    """``labels``: the x-axis labels; ``series``: [(name, colour, dash, [percent or None, ...])]."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(labels) - 1, 1)

    def x(i):
        return round(LEFT + i * step, 1)

    def y(value):
        return round(TOP + plot_h * (1 - value / 100), 1)

    lines = []
    for name, colour, dash, values in series:
        line = Line(name, colour, dash)
        for i, value in enumerate(values):
            line.points.append({"x": x(i), "y": y(value) if value is not None else None, "value": value, "label": labels[i]})
        lines.append(line)
    return {
        "width": WIDTH, "height": HEIGHT,
        "left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM,
        "grid": [{"y": y(v), "label": f"{v}%", "text_y": y(v) + 4} for v in (0, 25, 50, 75, 100)],
        "ticks": [{"x": x(i), "label": label, "text_y": HEIGHT - BOTTOM + 18} for i, label in enumerate(labels)],
        "lines": lines,
    }
