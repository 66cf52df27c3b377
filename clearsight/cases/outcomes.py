"""Outcome measures scored over time (Merton's eight measures, 1 = most concern, 5 = best), as plain
functions: a person's progress, the progress across many cases, and the geometry of the charts that
show them. The pages draw each chart from these figures and then list the same figures in a table.

Scores are plain ``Score(measure, score, scored_on)`` values (OutcomeScore rows have the same
attributes, so they can be passed as they are).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .models import OutcomeScore

MEASURES = list(OutcomeScore.Measure.choices)  # [(code, label)] in the order the pages show them
MEASURE_LABELS = dict(MEASURES)
LOWEST, HIGHEST = 1, 5

# What each measure means, for the scoring form (from Merton's matrix, in plain words).
MEASURE_HINTS = {
    "risk": "How far the risk of harm, re-trafficking or further exploitation has reduced.",
    "independence": "Independence from the control of a trafficker or anyone else, and the chances of long-term recovery.",
    "trauma": "Recovery from bereavement and trauma, such as sense of self-worth and care for their own safety.",
    "relationships": "Healthy and trusting relationships with carers, workers and friends.",
    "recognising": "Whether they can recognise abusive or exploitative behaviour.",
    "safety": "Whether they can describe ways of keeping themselves safe.",
    "accommodation": "Stable and secure accommodation, and a lower risk of going missing or returning to traffickers.",
    "rights": "Awareness of their rights and of how to get support without turning to exploiters.",
}


@dataclass(frozen=True)
class Score:
    measure: str
    score: int
    scored_on: date


@dataclass(frozen=True)
class Progress:
    """One measure for one case: the first and the latest score."""

    measure: str
    first_on: date
    first: int
    latest_on: date
    latest: int
    times_scored: int

    @property
    def change(self) -> int:
        return self.latest - self.first

    @property
    def change_text(self) -> str:
        return signed(self.change)


def one_decimal(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def by_date(scores) -> dict:
    """{date: {measure: score}} in date order. If a measure was scored twice on one day, the later
    one in ``scores`` counts."""
    table = {}
    for s in sorted(scores, key=lambda s: s.scored_on):
        table.setdefault(s.scored_on, {})[s.measure] = s.score
    return table


def series(scores) -> dict:
    """{measure: [(date, score), ...]} in date order, for every measure (empty if never scored)."""
    result = {code: [] for code, _ in MEASURES}
    for on, row in by_date(scores).items():
        for measure, score in row.items():
            result.setdefault(measure, []).append((on, score))
    return result


def progress(scores) -> dict:
    """{measure: Progress} for each measure scored at least once."""
    result = {}
    for measure, points in series(scores).items():
        if points:
            (first_on, first), (latest_on, latest) = points[0], points[-1]
            result[measure] = Progress(measure, first_on, first, latest_on, latest, len(points))
    return result


@dataclass(frozen=True)
class AggregateRow:
    """One measure across many cases. The averages are over the cases scored at least twice, so
    that the average change is the average latest score less the average first score."""

    measure: str
    label: str
    cases_scored: int
    cases_compared: int
    average_first: Decimal | None
    average_latest: Decimal | None
    average_change: Decimal | None
    improved: int
    same: int
    worse: int

    @property
    def change_text(self) -> str:
        return signed(self.average_change)


def aggregate(progress_by_case) -> list:
    """Progress across cases: ``progress_by_case`` is an iterable of ``progress(...)`` results, one
    per case. Returns an AggregateRow for every measure, in the usual order."""
    progress_by_case = list(progress_by_case)
    rows = []
    for code, label in MEASURES:
        scored = [p[code] for p in progress_by_case if code in p]
        compared = [p for p in scored if p.times_scored >= 2]
        n = len(compared)

        def average(values, n=n):
            return one_decimal(sum(values) / n) if n else None

        rows.append(AggregateRow(
            measure=code, label=label, cases_scored=len(scored), cases_compared=n,
            average_first=average([p.first for p in compared]),
            average_latest=average([p.latest for p in compared]),
            average_change=average([p.change for p in compared]),
            improved=sum(1 for p in compared if p.change > 0),
            same=sum(1 for p in compared if p.change == 0),
            worse=sum(1 for p in compared if p.change < 0),
        ))
    return rows


def signed(value) -> str:
    """+2, 0, 0.0, −1.5: a change, with a real minus sign."""
    if value is None:
        return ""
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"\u2212{abs(value)}"
    return str(value)


# --- Chart geometry ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Point:
    on: date
    score: int
    x: str
    y: str


@dataclass
class Panel:
    """A small line chart of one measure for one case."""

    measure: str
    label: str
    points: list = field(default_factory=list)
    path: str = ""
    progress: Progress | None = None


@dataclass(frozen=True)
class Frame:
    width: int = 320
    height: int = 170
    left: int = 34
    right: int = 16
    top: int = 14
    bottom: int = 36

    @property
    def plot_width(self):
        return self.width - self.left - self.right

    @property
    def plot_height(self):
        return self.height - self.top - self.bottom

    def y_for(self, score) -> float:
        return self.top + (HIGHEST - score) / (HIGHEST - LOWEST) * self.plot_height

    def gridlines(self):
        """[{score, y, text_y}] for the horizontal lines at each score and their labels."""
        return [{"score": score, "y": _n(self.y_for(score)), "text_y": _n(self.y_for(score) + 4)}
                for score in range(HIGHEST, LOWEST - 1, -1)]

    @property
    def label_x(self):
        return _n(self.left - 8)

    @property
    def axis_y(self):
        return _n(self.top + self.plot_height)

    @property
    def label_y(self):
        return _n(self.top + self.plot_height + 22)

    @property
    def right_edge(self):
        return _n(self.width - self.right)


def _n(value: float) -> str:
    """A coordinate for an SVG attribute."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _x_for(on, dates, frame):
    if len(dates) > 1:
        return frame.left + (on - dates[0]).days / (dates[-1] - dates[0]).days * frame.plot_width
    return frame.left + frame.plot_width / 2


def date_axis(scores, frame: Frame = Frame()) -> list:
    """Labels for the time axis: the first and the latest date scored, [{on, x, anchor}]."""
    dates = sorted({s.scored_on for s in scores})
    if not dates:
        return []
    if len(dates) == 1:
        return [{"on": dates[0], "x": _n(_x_for(dates[0], dates, frame)), "anchor": "middle"}]
    return [{"on": dates[0], "x": _n(frame.left), "anchor": "start"},
            {"on": dates[-1], "x": frame.right_edge, "anchor": "end"}]


def case_panels(scores, frame: Frame = Frame()) -> list:
    """One Panel per measure. All panels share one time axis (from the first to the latest date any
    measure was scored) so that they can be compared."""
    by_measure = series(scores)
    dates = sorted({on for points in by_measure.values() for on, _ in points})
    marks = progress(scores)
    panels = []
    for code, label in MEASURES:
        panel = Panel(measure=code, label=label, progress=marks.get(code))
        for on, score in by_measure.get(code, []):
            panel.points.append(Point(on, score, _n(_x_for(on, dates, frame)), _n(frame.y_for(score))))
        panel.path = " ".join(f"{'M' if i == 0 else 'L'}{p.x} {p.y}" for i, p in enumerate(panel.points))
        panels.append(panel)
    return panels


@dataclass(frozen=True)
class Bar:
    value: Decimal
    y: str
    width: str
    label_x: str
    text_y: str


@dataclass(frozen=True)
class BarGroup:
    row: AggregateRow
    label_y: str
    first: Bar | None
    latest: Bar | None


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bar_left: int
    label_x: int
    scale: list  # [{score, x}] for the vertical lines and their labels
    scale_top: int
    scale_text_y: int
    groups: list
    bar_height: int


def summary_chart(rows, *, width=640, bar_left=260, bar_height=14, gap=4, group_gap=20) -> BarChart:
    """Horizontal bars of the average first and latest score for each measure, on a 0 to 5 scale.
    The legend sits above the chart, in HTML."""
    top = 30
    plot_width = width - bar_left - 50
    per_point = plot_width / HIGHEST
    groups = []
    y = top
    for row in rows:
        bars = []
        for i, value in enumerate((row.average_first, row.average_latest)):
            if value is None:
                bars.append(None)
                continue
            bar_y = y + i * (bar_height + gap)
            bar_width = float(value) * per_point
            bars.append(Bar(value, _n(bar_y), _n(bar_width), _n(bar_left + bar_width + 6), _n(bar_y + bar_height - 3)))
        groups.append(BarGroup(row, _n(y + bar_height + gap / 2 + 4), bars[0], bars[1]))
        y += 2 * bar_height + gap + group_gap
    scale = [{"score": score, "x": _n(bar_left + score * per_point)} for score in range(0, HIGHEST + 1)]
    return BarChart(width=width, height=int(y), bar_left=bar_left, label_x=bar_left - 10, scale=scale,
                    scale_top=top - 8, scale_text_y=top - 14, groups=groups, bar_height=bar_height)


# --- Support offers and referrals across cases -------------------------------------------------------------

@dataclass(frozen=True)
class OfferRow:
    """Offers of one kind across cases, by status. A declined offer is counted, never dropped."""

    kind: str
    label: str
    by_status: tuple  # (status label, count) in the usual order of statuses
    total: int
    cases: int  # cases with at least one offer of this kind


def offer_rows(offers) -> list:
    """``offers`` is an iterable of (case id, kind, status). One OfferRow per kind, in the usual order."""
    from .models import ServiceReferral

    offers = list(offers)
    rows = []
    for kind, label in ServiceReferral.Kind.choices:
        mine = [(case_id, status) for case_id, k, status in offers if k == kind]
        by_status = tuple((status_label, sum(1 for _, s in mine if s == status))
                          for status, status_label in ServiceReferral.Status.choices)
        rows.append(OfferRow(kind, label, by_status, len(mine), len({case_id for case_id, _ in mine})))
    return rows
