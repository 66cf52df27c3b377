"""Outcome progress: first and latest scores, averages across cases, and the chart geometry."""

from datetime import date
from decimal import Decimal

from clearsight.cases import outcomes as o
from clearsight.cases.outcomes import Score

APRIL, JUNE, SEPTEMBER = date(2026, 4, 3), date(2026, 6, 1), date(2026, 9, 1)


def scores_for(on, **values):
    """A scoring session: every measure at 3 unless given."""
    return [Score(code, values.get(code, 3), on) for code, _ in o.MEASURES]


def test_first_and_latest_score_per_measure():
    scores = scores_for(JUNE, risk=4) + scores_for(APRIL, risk=1, trauma=5) + scores_for(SEPTEMBER, risk=5, trauma=4)
    progress = o.progress(scores)
    assert set(progress) == {code for code, _ in o.MEASURES}
    risk = progress["risk"]
    assert (risk.first_on, risk.first, risk.latest_on, risk.latest, risk.times_scored) == (APRIL, 1, SEPTEMBER, 5, 3)
    assert risk.change == 4 and risk.change_text == "+4"
    assert progress["trauma"].change == -1 and progress["trauma"].change_text == "\u22121"
    assert progress["rights"].change == 0 and progress["rights"].change_text == "0"


def test_measures_never_scored_have_no_progress():
    progress = o.progress([Score("risk", 2, APRIL)])
    assert list(progress) == ["risk"]
    assert progress["risk"].change == 0


def test_average_progress_across_cases():
    improving = o.progress(scores_for(APRIL, risk=1) + scores_for(SEPTEMBER, risk=4))  # +3
    worsening = o.progress(scores_for(APRIL, risk=4) + scores_for(JUNE, risk=3))  # -1
    steady = o.progress(scores_for(APRIL, risk=2) + scores_for(JUNE, risk=2))  # 0
    once = o.progress(scores_for(APRIL, risk=5))  # scored once: counted, not compared
    rows = {row.measure: row for row in o.aggregate([improving, worsening, steady, once])}
    risk = rows["risk"]
    assert (risk.cases_scored, risk.cases_compared) == (4, 3)
    assert risk.average_first == Decimal("2.3")  # (1 + 4 + 2) / 3
    assert risk.average_latest == Decimal("3.0")  # (4 + 3 + 2) / 3
    assert risk.average_change == Decimal("0.7")  # (3 - 1 + 0) / 3
    assert risk.change_text == "+0.7"
    assert (risk.improved, risk.same, risk.worse) == (1, 1, 1)
    assert [row.measure for row in o.aggregate([])] == [code for code, _ in o.MEASURES]
    assert rows["rights"].average_change == Decimal("0.0")


def test_no_averages_without_two_scorings():
    row = o.aggregate([o.progress([Score("risk", 2, APRIL)])])[0]
    assert (row.cases_scored, row.cases_compared, row.average_first, row.average_change) == (1, 0, None, None)


def test_averages_round_half_up_to_one_decimal_place():
    assert o.one_decimal(2.25) == Decimal("2.3")
    assert o.one_decimal(-0.25) == Decimal("-0.3")


def test_chart_points_are_the_scores_in_date_order():
    scores = scores_for(SEPTEMBER, risk=5) + scores_for(APRIL, risk=1)
    frame = o.Frame()
    panels = {panel.measure: panel for panel in o.case_panels(scores, frame)}
    risk = panels["risk"]
    assert [(p.on, p.score) for p in risk.points] == [(APRIL, 1), (SEPTEMBER, 5)]
    # The first date at the left of the plot, the last at the right; 5 at the top, 1 at the bottom
    assert risk.points[0].x == str(frame.left) and risk.points[1].x == frame.right_edge
    assert float(risk.points[1].y) == frame.top and float(risk.points[0].y) == frame.top + frame.plot_height
    assert risk.path == f"M{risk.points[0].x} {risk.points[0].y} L{risk.points[1].x} {risk.points[1].y}"
    assert [label["on"] for label in o.date_axis(scores, frame)] == [APRIL, SEPTEMBER]


def test_a_single_scoring_sits_in_the_middle():
    panel = o.case_panels([Score("risk", 3, APRIL)])[0]
    frame = o.Frame()
    assert float(panel.points[0].x) == frame.left + frame.plot_width / 2
    assert [p.path for p in o.case_panels([])] == [""] * len(o.MEASURES)


def test_summary_bars_are_as_long_as_the_averages():
    rows = o.aggregate([o.progress(scores_for(APRIL, risk=1) + scores_for(JUNE, risk=4)),
                        o.progress([Score("risk", 5, APRIL)])])
    chart = o.summary_chart(rows)
    risk = chart.groups[0]
    assert (risk.first.value, risk.latest.value) == (Decimal("1.0"), Decimal("4.0"))
    assert float(risk.latest.width) == 4 * float(risk.first.width)
    five = next(tick for tick in chart.scale if tick["score"] == 5)
    assert float(chart.bar_left) + float(risk.latest.width) < float(five["x"])


def test_support_offers_across_cases_count_declined_ones_by_kind():
    rows = o.offer_rows([(1, "victim_care", "declined"), (1, "service", "accepted"), (2, "victim_care", "completed"),
                         (2, "victim_care", "declined")])
    victim_care, service = rows
    assert victim_care.kind == "victim_care" and "Victim Care Contract" in victim_care.label
    assert dict(victim_care.by_status) == {"Requested": 0, "Accepted": 0, "Declined": 2, "Completed": 1}
    assert (victim_care.total, victim_care.cases) == (3, 2)
    assert dict(service.by_status)["Declined"] == 0 and service.total == 1
